CREATE TABLE "finding_host_states" (
	"host_id" uuid PRIMARY KEY NOT NULL,
	"fingerprint" text NOT NULL,
	"findings" integer NOT NULL,
	"written_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "findings" DROP CONSTRAINT "findings_unit_id_units_id_fk";
--> statement-breakpoint
DROP INDEX "findings_unit_status_idx";--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "severity_rank" smallint GENERATED ALWAYS AS (case severity when 'critical' then 0 when 'high' then 1 when 'medium' then 2 when 'low' then 3 else 4 end) STORED NOT NULL;--> statement-breakpoint
ALTER TABLE "finding_host_states" ADD CONSTRAINT "finding_host_states_host_id_hosts_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."hosts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "findings_active_due_idx" ON "findings" USING btree ("due_at","severity_rank","id") WHERE status in ('open', 'in_progress', 'risk_accepted');--> statement-breakpoint
CREATE INDEX "findings_active_unit_due_idx" ON "findings" USING btree ("unit_id","due_at","severity_rank","id") WHERE status in ('open', 'in_progress', 'risk_accepted');--> statement-breakpoint
CREATE INDEX "findings_active_severity_idx" ON "findings" USING btree ("severity_rank","exploited" DESC NULLS LAST,"due_at","id") WHERE status in ('open', 'in_progress', 'risk_accepted');--> statement-breakpoint
CREATE INDEX "findings_exploited_due_idx" ON "findings" USING btree ("due_at") WHERE exploited and status in ('open', 'in_progress');--> statement-breakpoint
CREATE INDEX "findings_risk_until_idx" ON "findings" USING btree ("status_until") WHERE status = 'risk_accepted';