CREATE TABLE "events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"time" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone NOT NULL,
	"unit_id" uuid NOT NULL,
	"source_id" uuid,
	"sender_ip" text,
	"host" text,
	"app" text,
	"facility" smallint,
	"severity" smallint,
	"format" text NOT NULL,
	"message" text NOT NULL,
	"fields" jsonb NOT NULL,
	"raw" "bytea",
	"parse_error" text
);
--> statement-breakpoint
CREATE TABLE "log_sources" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"cidr" text,
	"token_hash" text,
	"token_prefix" text,
	"tz_offset_minutes" integer DEFAULT 420 NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "unknown_senders" (
	"address" text PRIMARY KEY NOT NULL,
	"transport" text NOT NULL,
	"count" bigint NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"last_message" text
);
--> statement-breakpoint
ALTER TABLE "log_sources" ADD CONSTRAINT "log_sources_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "events_unit_time_idx" ON "events" USING btree ("unit_id","time");--> statement-breakpoint
CREATE INDEX "events_source_time_idx" ON "events" USING btree ("source_id","time");--> statement-breakpoint
CREATE INDEX "events_received_idx" ON "events" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "log_sources_unit_idx" ON "log_sources" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "log_sources_cidr_idx" ON "log_sources" USING btree ("cidr") WHERE "log_sources"."cidr" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "log_sources_token_idx" ON "log_sources" USING btree ("token_hash") WHERE "log_sources"."token_hash" is not null;