CREATE TABLE "sigma_rule_unit_states" (
	"unit_id" uuid NOT NULL,
	"rule_row_id" uuid NOT NULL,
	"enabled" boolean NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sigma_rule_unit_states_unit_id_rule_row_id_pk" PRIMARY KEY("unit_id","rule_row_id")
);
--> statement-breakpoint
CREATE TABLE "sigma_unit_filters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"title" text NOT NULL,
	"rules" jsonb NOT NULL,
	"yaml" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sigma_unit_placeholders" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"placeholders" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sigma_rules" ADD COLUMN "tags" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "sigma_rules" ADD COLUMN "license" text DEFAULT 'DRL-1.1' NOT NULL;--> statement-breakpoint
ALTER TABLE "sigma_rules" ADD COLUMN "kind" text DEFAULT 'rule' NOT NULL;--> statement-breakpoint
ALTER TABLE "sigma_rules" ADD COLUMN "logsource" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "sigma_rule_unit_states" ADD CONSTRAINT "sigma_rule_unit_states_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sigma_rule_unit_states" ADD CONSTRAINT "sigma_rule_unit_states_rule_row_id_sigma_rules_id_fk" FOREIGN KEY ("rule_row_id") REFERENCES "public"."sigma_rules"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sigma_unit_filters" ADD CONSTRAINT "sigma_unit_filters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sigma_unit_placeholders" ADD CONSTRAINT "sigma_unit_placeholders_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "sigma_rule_unit_states_rule_idx" ON "sigma_rule_unit_states" USING btree ("rule_row_id");--> statement-breakpoint
CREATE INDEX "sigma_unit_filters_unit_idx" ON "sigma_unit_filters" USING btree ("unit_id");