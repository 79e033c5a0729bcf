ALTER TABLE "watch_alert_changes" ADD COLUMN "status" text;--> statement-breakpoint
ALTER TABLE "watch_alert_changes" ADD COLUMN "close_reason" text;--> statement-breakpoint
ALTER TABLE "watch_alert_changes" ADD COLUMN "assignee_id" uuid;--> statement-breakpoint
ALTER TABLE "watch_alert_changes" ADD COLUMN "escalation_step" integer;--> statement-breakpoint
ALTER TABLE "watch_alert_changes" ADD COLUMN "count" integer;