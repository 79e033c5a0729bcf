CREATE TABLE "event_blocks" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"source_id" uuid,
	"min_time" timestamp with time zone NOT NULL,
	"max_time" timestamp with time zone NOT NULL,
	"min_received_at" timestamp with time zone NOT NULL,
	"max_received_at" timestamp with time zone NOT NULL,
	"count" integer NOT NULL,
	"encoding" text NOT NULL,
	"hosts" text[],
	"apps" text[],
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE INDEX "event_blocks_unit_max_time_idx" ON "event_blocks" USING btree ("unit_id","max_time");--> statement-breakpoint
CREATE INDEX "event_blocks_unit_min_time_idx" ON "event_blocks" USING btree ("unit_id","min_time");--> statement-breakpoint
CREATE INDEX "event_blocks_source_max_time_idx" ON "event_blocks" USING btree ("source_id","max_time");--> statement-breakpoint
CREATE INDEX "event_blocks_received_idx" ON "event_blocks" USING btree ("max_received_at");