CREATE TABLE "host_hotfixes" (
	"host_id" uuid NOT NULL,
	"kb" text NOT NULL,
	"installed_on" date,
	CONSTRAINT "host_hotfixes_host_id_kb_pk" PRIMARY KEY("host_id","kb")
);
--> statement-breakpoint
CREATE TABLE "host_snapshots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"host_id" uuid NOT NULL,
	"source" text NOT NULL,
	"collected_at" timestamp with time zone,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL,
	"inventory" jsonb NOT NULL,
	"content_hash" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "host_software" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"host_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" text,
	"publisher" text,
	"install_date" date
);
--> statement-breakpoint
CREATE TABLE "hosts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"machine_id" text,
	"hostname" text NOT NULL,
	"domain" text,
	"product_name" text,
	"edition_id" text,
	"display_version" text,
	"build" integer,
	"ubr" integer,
	"architecture" text,
	"installation_type" text,
	"hotpatch" boolean,
	"office_c2r_version" text,
	"office_c2r_channel" text,
	"office_c2r_platform" text,
	"exchange_version" text,
	"office_msi_files" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"ips" text[] DEFAULT '{}'::text[] NOT NULL,
	"owner" text,
	"location" text,
	"criticality" text DEFAULT 'medium' NOT NULL,
	"source" text NOT NULL,
	"last_inventory_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "hosts_criticality_check" CHECK ("hosts"."criticality" in ('low','medium','high','critical')),
	CONSTRAINT "hosts_source_check" CHECK ("hosts"."source" in ('collector','csv','manual'))
);
--> statement-breakpoint
ALTER TABLE "host_hotfixes" ADD CONSTRAINT "host_hotfixes_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_snapshots" ADD CONSTRAINT "host_snapshots_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_software" ADD CONSTRAINT "host_software_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hosts" ADD CONSTRAINT "hosts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "host_hotfixes_kb_idx" ON "host_hotfixes" USING btree ("kb");--> statement-breakpoint
CREATE INDEX "host_snapshots_host_idx" ON "host_snapshots" USING btree ("host_id","imported_at");--> statement-breakpoint
CREATE INDEX "host_software_host_idx" ON "host_software" USING btree ("host_id");--> statement-breakpoint
CREATE INDEX "host_software_name_idx" ON "host_software" USING btree ("name");--> statement-breakpoint
CREATE UNIQUE INDEX "hosts_unit_machine_idx" ON "hosts" USING btree ("unit_id","machine_id") WHERE "hosts"."machine_id" is not null;--> statement-breakpoint
CREATE INDEX "hosts_unit_hostname_idx" ON "hosts" USING btree ("unit_id",lower("hostname"));--> statement-breakpoint
CREATE INDEX "hosts_hostname_idx" ON "hosts" USING btree (lower("hostname"));--> statement-breakpoint
CREATE INDEX "hosts_build_idx" ON "hosts" USING btree ("build");