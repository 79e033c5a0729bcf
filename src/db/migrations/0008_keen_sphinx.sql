CREATE TABLE "notify_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"delivery_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"ok" boolean NOT NULL,
	"duration_ms" integer NOT NULL,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "notify_channels" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"sealed_secret" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notify_channels_kind_check" CHECK ("notify_channels"."kind" in ('email','webhook','telegram'))
);
--> statement-breakpoint
CREATE TABLE "notify_deliveries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"channel_id" uuid,
	"unit_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"purpose" text NOT NULL,
	"recipient" text DEFAULT '' NOT NULL,
	"subject" text NOT NULL,
	"message" jsonb NOT NULL,
	"ref_type" text,
	"ref_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"max_attempts" integer DEFAULT 5 NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_attempt_at" timestamp with time zone,
	"sent_at" timestamp with time zone,
	CONSTRAINT "notify_deliveries_status_check" CHECK ("notify_deliveries"."status" in ('queued','sent','failed'))
);
--> statement-breakpoint
CREATE TABLE "watch_ack_tokens" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"alert_id" uuid NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" uuid,
	"recipient_name" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watch_alert_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"alert_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"kind" text NOT NULL,
	"actor_name" text,
	"body" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watch_alerts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"rule_title" text NOT NULL,
	"rule_author" text NOT NULL,
	"title" text NOT NULL,
	"level" text NOT NULL,
	"group_key" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'new' NOT NULL,
	"close_reason" text,
	"assignee_id" uuid,
	"count" integer DEFAULT 1 NOT NULL,
	"events" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"excerpt" text DEFAULT '' NOT NULL,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" text,
	"closed_at" timestamp with time zone,
	"policy_id" uuid,
	"roster_id" uuid,
	"escalation_step" integer DEFAULT -1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watch_alerts_level_check" CHECK ("watch_alerts"."level" in ('informational','low','medium','high','critical')),
	CONSTRAINT "watch_alerts_status_check" CHECK ("watch_alerts"."status" in ('new','acknowledged','in_progress','closed'))
);
--> statement-breakpoint
CREATE TABLE "watch_handovers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roster_id" uuid NOT NULL,
	"shift_start" timestamp with time zone NOT NULL,
	"author_id" uuid,
	"author_name" text NOT NULL,
	"notes" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watch_overrides" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roster_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"reason" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watch_overrides_interval_check" CHECK ("watch_overrides"."ends_at" > "watch_overrides"."starts_at")
);
--> statement-breakpoint
CREATE TABLE "watch_policies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"steps" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "watch_rosters" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"rotation" text NOT NULL,
	"handoff_time" text NOT NULL,
	"start_date" date NOT NULL,
	"members" jsonb NOT NULL,
	"supervisor_id" uuid,
	"policy_id" uuid,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "watch_rosters_rotation_check" CHECK ("watch_rosters"."rotation" in ('daily','weekly'))
);
--> statement-breakpoint
ALTER TABLE "notify_attempts" ADD CONSTRAINT "notify_attempts_delivery_id_notify_deliveries_id_fk" FOREIGN KEY ("delivery_id") REFERENCES "public"."notify_deliveries"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_channels" ADD CONSTRAINT "notify_channels_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_deliveries" ADD CONSTRAINT "notify_deliveries_channel_id_notify_channels_id_fk" FOREIGN KEY ("channel_id") REFERENCES "public"."notify_channels"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notify_deliveries" ADD CONSTRAINT "notify_deliveries_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_ack_tokens" ADD CONSTRAINT "watch_ack_tokens_alert_id_watch_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."watch_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_ack_tokens" ADD CONSTRAINT "watch_ack_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_alert_events" ADD CONSTRAINT "watch_alert_events_alert_id_watch_alerts_id_fk" FOREIGN KEY ("alert_id") REFERENCES "public"."watch_alerts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_alerts" ADD CONSTRAINT "watch_alerts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_alerts" ADD CONSTRAINT "watch_alerts_assignee_id_users_id_fk" FOREIGN KEY ("assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_alerts" ADD CONSTRAINT "watch_alerts_policy_id_watch_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."watch_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_alerts" ADD CONSTRAINT "watch_alerts_roster_id_watch_rosters_id_fk" FOREIGN KEY ("roster_id") REFERENCES "public"."watch_rosters"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_handovers" ADD CONSTRAINT "watch_handovers_roster_id_watch_rosters_id_fk" FOREIGN KEY ("roster_id") REFERENCES "public"."watch_rosters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_handovers" ADD CONSTRAINT "watch_handovers_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_overrides" ADD CONSTRAINT "watch_overrides_roster_id_watch_rosters_id_fk" FOREIGN KEY ("roster_id") REFERENCES "public"."watch_rosters"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_overrides" ADD CONSTRAINT "watch_overrides_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_policies" ADD CONSTRAINT "watch_policies_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_rosters" ADD CONSTRAINT "watch_rosters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_rosters" ADD CONSTRAINT "watch_rosters_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "watch_rosters" ADD CONSTRAINT "watch_rosters_policy_id_watch_policies_id_fk" FOREIGN KEY ("policy_id") REFERENCES "public"."watch_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "notify_attempts_delivery_idx" ON "notify_attempts" USING btree ("delivery_id","at");--> statement-breakpoint
CREATE INDEX "notify_channels_unit_idx" ON "notify_channels" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "notify_deliveries_unit_created_idx" ON "notify_deliveries" USING btree ("unit_id","created_at");--> statement-breakpoint
CREATE INDEX "notify_deliveries_ref_idx" ON "notify_deliveries" USING btree ("ref_id");--> statement-breakpoint
CREATE UNIQUE INDEX "watch_ack_tokens_hash_idx" ON "watch_ack_tokens" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "watch_ack_tokens_alert_idx" ON "watch_ack_tokens" USING btree ("alert_id");--> statement-breakpoint
CREATE INDEX "watch_alert_events_alert_idx" ON "watch_alert_events" USING btree ("alert_id","id");--> statement-breakpoint
CREATE INDEX "watch_alerts_unit_seen_idx" ON "watch_alerts" USING btree ("unit_id","last_seen_at");--> statement-breakpoint
CREATE INDEX "watch_alerts_seen_idx" ON "watch_alerts" USING btree ("last_seen_at");--> statement-breakpoint
CREATE INDEX "watch_alerts_group_idx" ON "watch_alerts" USING btree ("unit_id","rule_id","group_key","last_seen_at") WHERE "watch_alerts"."status" <> 'closed';--> statement-breakpoint
CREATE INDEX "watch_handovers_roster_idx" ON "watch_handovers" USING btree ("roster_id","created_at");--> statement-breakpoint
CREATE INDEX "watch_overrides_roster_idx" ON "watch_overrides" USING btree ("roster_id","starts_at");--> statement-breakpoint
CREATE INDEX "watch_policies_unit_idx" ON "watch_policies" USING btree ("unit_id");--> statement-breakpoint
CREATE INDEX "watch_rosters_unit_idx" ON "watch_rosters" USING btree ("unit_id");