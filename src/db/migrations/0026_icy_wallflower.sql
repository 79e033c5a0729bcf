CREATE TABLE "feed_sync_cursors" (
	"source" text PRIMARY KEY NOT NULL,
	"cursor" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_sync_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"job_id" uuid,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone NOT NULL,
	"requests" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"counts" jsonb NOT NULL,
	"error_code" text,
	"error_params" jsonb
);
--> statement-breakpoint
CREATE TABLE "feed_sync_resources" (
	"source" text NOT NULL,
	"url" text NOT NULL,
	"etag" text,
	"last_modified" text,
	"fetched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "feed_sync_resources_source_url_pk" PRIMARY KEY("source","url")
);
--> statement-breakpoint
CREATE TABLE "feed_sync_settings" (
	"id" integer PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"cron" text NOT NULL,
	"sources" jsonb NOT NULL,
	"proxy_url" text,
	"microsoft_since" text NOT NULL,
	"nvd_initial_days" integer NOT NULL,
	"sealed_secrets" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text
);
--> statement-breakpoint
CREATE INDEX "feed_sync_log_source_idx" ON "feed_sync_log" USING btree ("source","started_at");