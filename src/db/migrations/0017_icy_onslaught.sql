CREATE TABLE "sigma_rules" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"rule_id" text NOT NULL,
	"title" text NOT NULL,
	"author" text NOT NULL,
	"level" text NOT NULL,
	"status" text,
	"file_name" text NOT NULL,
	"yaml" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"imported_by" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "sigma_rules_rule_id_idx" ON "sigma_rules" USING btree ("rule_id");--> statement-breakpoint
CREATE INDEX "sigma_rules_enabled_idx" ON "sigma_rules" USING btree ("enabled");