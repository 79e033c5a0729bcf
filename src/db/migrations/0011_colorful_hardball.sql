CREATE TABLE "camera_criteria" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_id" uuid NOT NULL,
	"key" text NOT NULL,
	"group" text NOT NULL,
	"scope" text NOT NULL,
	"check" text NOT NULL,
	"title_vi" text NOT NULL,
	"title_en" text,
	"reference" text,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "camera_criteria_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"version" text NOT NULL,
	"name" text NOT NULL,
	"source" text NOT NULL,
	"mandatory" boolean DEFAULT false NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "camera_criterion_results" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"criterion_id" uuid NOT NULL,
	"camera_id" uuid,
	"system_id" uuid,
	"status" text NOT NULL,
	"evidence_kind" text NOT NULL,
	"note" text,
	"file_id" uuid,
	"automated_source" text,
	"automated_detail" jsonb,
	"recorded_by" text,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "camera_results_one_target" CHECK (("camera_criterion_results"."camera_id" is null) <> ("camera_criterion_results"."system_id" is null))
);
--> statement-breakpoint
CREATE TABLE "camera_level_assessments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"system_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"regime" text NOT NULL,
	"answers" jsonb NOT NULL,
	"suggestion" jsonb NOT NULL,
	"suggested_level" integer NOT NULL,
	"level" integer NOT NULL,
	"deciding_article" text NOT NULL,
	"override_reason" text,
	"status" text DEFAULT 'proposed' NOT NULL,
	"proposed_by" text,
	"proposed_by_id" text,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"appraised_by" text,
	"appraised_at" timestamp with time zone,
	"appraisal_body" text,
	"appraisal_note" text,
	"approved_by" text,
	"approved_at" timestamp with time zone,
	"approval_body" text,
	"approval_note" text
);
--> statement-breakpoint
CREATE TABLE "camera_scan_scopes" (
	"unit_id" uuid PRIMARY KEY NOT NULL,
	"cidrs" text[] DEFAULT '{}'::text[] NOT NULL,
	"hosts" text[] DEFAULT '{}'::text[] NOT NULL,
	"allowed_roles" text[] DEFAULT '{admin}'::text[] NOT NULL,
	"allowed_user_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"note" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "camera_systems" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"purpose" text,
	"monitored_areas" text,
	"storage_location" text DEFAULT 'unknown' NOT NULL,
	"storage_note" text,
	"retention_days" integer,
	"owner_name" text,
	"operator_name" text,
	"operator_contact" text,
	"internet_exposure" text DEFAULT 'unknown' NOT NULL,
	"camera_count" integer DEFAULT 0 NOT NULL,
	"nvr_count" integer DEFAULT 0 NOT NULL,
	"nvr_description" text,
	"records_identifiable_people" boolean DEFAULT true NOT NULL,
	"network_description" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cameras" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"system_id" uuid,
	"name" text,
	"vendor" text,
	"model" text,
	"firmware" text,
	"serial" text,
	"mac" text,
	"ip" text,
	"location" text,
	"nvr" text,
	"source" text NOT NULL,
	"last_seen_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "camera_criteria" ADD CONSTRAINT "camera_criteria_set_id_camera_criteria_sets_id_fk" FOREIGN KEY ("set_id") REFERENCES "public"."camera_criteria_sets"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_criterion_results" ADD CONSTRAINT "camera_criterion_results_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_criterion_results" ADD CONSTRAINT "camera_criterion_results_criterion_id_camera_criteria_id_fk" FOREIGN KEY ("criterion_id") REFERENCES "public"."camera_criteria"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_criterion_results" ADD CONSTRAINT "camera_criterion_results_camera_id_cameras_id_fk" FOREIGN KEY ("camera_id") REFERENCES "public"."cameras"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_criterion_results" ADD CONSTRAINT "camera_criterion_results_system_id_camera_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."camera_systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_criterion_results" ADD CONSTRAINT "camera_criterion_results_file_id_stored_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."stored_files"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_level_assessments" ADD CONSTRAINT "camera_level_assessments_system_id_camera_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."camera_systems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_level_assessments" ADD CONSTRAINT "camera_level_assessments_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_scan_scopes" ADD CONSTRAINT "camera_scan_scopes_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "camera_systems" ADD CONSTRAINT "camera_systems_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras" ADD CONSTRAINT "cameras_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cameras" ADD CONSTRAINT "cameras_system_id_camera_systems_id_fk" FOREIGN KEY ("system_id") REFERENCES "public"."camera_systems"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "camera_criteria_set_key_idx" ON "camera_criteria" USING btree ("set_id","key");--> statement-breakpoint
CREATE INDEX "camera_criteria_key_idx" ON "camera_criteria" USING btree ("key");--> statement-breakpoint
CREATE UNIQUE INDEX "camera_criteria_sets_code_version_idx" ON "camera_criteria_sets" USING btree ("code","version");--> statement-breakpoint
CREATE UNIQUE INDEX "camera_results_camera_idx" ON "camera_criterion_results" USING btree ("criterion_id","camera_id") WHERE "camera_criterion_results"."camera_id" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "camera_results_system_idx" ON "camera_criterion_results" USING btree ("criterion_id","system_id") WHERE "camera_criterion_results"."system_id" is not null;--> statement-breakpoint
CREATE INDEX "camera_results_unit_idx" ON "camera_criterion_results" USING btree ("unit_id","status");--> statement-breakpoint
CREATE INDEX "camera_results_camera_lookup_idx" ON "camera_criterion_results" USING btree ("camera_id");--> statement-breakpoint
CREATE INDEX "camera_assessments_system_idx" ON "camera_level_assessments" USING btree ("system_id","proposed_at");--> statement-breakpoint
CREATE UNIQUE INDEX "camera_systems_unit_name_idx" ON "camera_systems" USING btree ("unit_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "cameras_unit_mac_idx" ON "cameras" USING btree ("unit_id","mac") WHERE "cameras"."mac" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "cameras_unit_serial_idx" ON "cameras" USING btree ("unit_id","serial") WHERE "cameras"."serial" is not null;--> statement-breakpoint
CREATE INDEX "cameras_unit_ip_idx" ON "cameras" USING btree ("unit_id","ip");--> statement-breakpoint
CREATE INDEX "cameras_system_idx" ON "cameras" USING btree ("system_id");