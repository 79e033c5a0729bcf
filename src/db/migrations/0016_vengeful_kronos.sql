CREATE TABLE "camera_audit_findings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"run_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"camera_id" uuid,
	"address" text NOT NULL,
	"port" integer,
	"finding_key" text NOT NULL,
	"check" text NOT NULL,
	"state" text NOT NULL,
	"severity" text NOT NULL,
	"confidence" text NOT NULL,
	"title" jsonb NOT NULL,
	"criteria" text[] NOT NULL,
	"catalogue_keys" text[] NOT NULL,
	"remedy" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"cve" jsonb,
	"first_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "camera_audit_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"job_id" uuid,
	"requested_by" text NOT NULL,
	"scope" jsonb NOT NULL,
	"targets" jsonb,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"cancelled" boolean DEFAULT false NOT NULL,
	"hosts_total" integer NOT NULL,
	"hosts_done" integer NOT NULL,
	"devices" integer NOT NULL,
	"findings_new" integer NOT NULL,
	"findings_open" integer NOT NULL,
	"findings_fixed" integer NOT NULL,
	"sent" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "camera_audit_findings" ADD CONSTRAINT "camera_audit_findings_run_id_camera_audit_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."camera_audit_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_audit_findings" ADD CONSTRAINT "camera_audit_findings_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_audit_findings" ADD CONSTRAINT "camera_audit_findings_camera_id_cameras_id_fk" FOREIGN KEY ("camera_id") REFERENCES "public"."cameras"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_audit_runs" ADD CONSTRAINT "camera_audit_runs_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "camera_audit_findings_run_idx" ON "camera_audit_findings" USING btree ("run_id");--> statement-breakpoint
CREATE INDEX "camera_audit_findings_unit_idx" ON "camera_audit_findings" USING btree ("unit_id","finding_key");--> statement-breakpoint
CREATE INDEX "camera_audit_runs_unit_idx" ON "camera_audit_runs" USING btree ("unit_id","finished_at");