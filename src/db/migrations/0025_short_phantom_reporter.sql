CREATE TABLE "watch_alert_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" uuid NOT NULL,
	"type" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watch_alert_changes_type_check" CHECK ("watch_alert_changes"."type" in ('raised','repeated','updated'))
);
--> statement-breakpoint
ALTER TABLE "watch_alert_changes" ADD CONSTRAINT "watch_alert_changes_alert_id_watch_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."watch_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "watch_alert_changes_at_idx" ON "watch_alert_changes" USING btree ("at");