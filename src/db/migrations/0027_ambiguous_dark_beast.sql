ALTER TABLE "watch_alert_changes" ADD COLUMN "status" text;--> statement-breakpoint
ALTER TABLE "watch_alert_changes" ADD COLUMN "close_reason" text;--> statement-breakpoint
ALTER TABLE "watch_alert_changes" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "watch_alert_changes" ADD COLUMN "escalation_step" integer;--> statement-breakpoint
ALTER TABLE "watch_alert_changes" ADD COLUMN "count" integer;--> statement-breakpoint
ALTER TABLE "watch_alerts" ADD COLUMN "count_when_handled" integer;--> statement-breakpoint
-- Alerts a person already handled before this column existed: their next repeat is audited too.
UPDATE "watch_alerts" SET "count_when_handled" = "count" WHERE "status" <> 'new';
