CREATE TABLE "findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"host_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"cve" text NOT NULL,
	"product_name" text NOT NULL,
	"match" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"severity" text NOT NULL,
	"cvss_score" real,
	"exploited" boolean DEFAULT false NOT NULL,
	"fix_kb" text,
	"fixed_build" text,
	"observed" text,
	"rule" text NOT NULL,
	"confidence" text NOT NULL,
	"reason" text,
	"due_at" timestamp with time zone NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"fixed_at" timestamp with time zone,
	"status_reason" text,
	"status_until" date,
	"status_by" text,
	"status_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "vuln_sla_policy" (
	"id" integer PRIMARY KEY NOT NULL,
	"exploited_days" integer DEFAULT 7 NOT NULL,
	"critical_days" integer DEFAULT 15 NOT NULL,
	"high_days" integer DEFAULT 30 NOT NULL,
	"medium_days" integer DEFAULT 90 NOT NULL,
	"low_days" integer DEFAULT 180 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "findings_host_cve_product_idx" ON "findings" USING btree ("host_id","cve","product_name");--> statement-breakpoint
CREATE INDEX "findings_unit_status_idx" ON "findings" USING btree ("unit_id","status","due_at");--> statement-breakpoint
CREATE INDEX "findings_cve_idx" ON "findings" USING btree ("cve");