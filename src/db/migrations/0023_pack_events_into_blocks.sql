-- Custom SQL migration (drizzle-kit generate --custom), decision 007: keep it when migrations are regenerated;
-- it must run after event_blocks is created and before "events" is dropped.
-- The packed data is compressed by the application (or plain JSON): PostgreSQL must not pglz it again.
ALTER TABLE "event_blocks" ALTER COLUMN "data" SET STORAGE EXTERNAL;
--> statement-breakpoint
-- Existing rows become uncompressed 'json' blocks of up to 2,000 events per (unit, source), in id order,
-- each event the tuple events/block-codec.ts reads. Their old ids are not kept (alerts keep time and source).
INSERT INTO "event_blocks" ("unit_id", "source_id", "min_time", "max_time", "min_received_at", "max_received_at",
  "count", "encoding", "hosts", "apps", "data")
SELECT "unit_id", "source_id", min("time"), max("time"), min("received_at"), max("received_at"), count(*)::int, 'json',
  CASE WHEN count(DISTINCT "host") <= 32 THEN coalesce(array_agg(DISTINCT "host") FILTER (WHERE "host" IS NOT NULL), '{}') END,
  CASE WHEN count(DISTINCT "app") <= 32 THEN coalesce(array_agg(DISTINCT "app") FILTER (WHERE "app" IS NOT NULL), '{}') END,
  convert_to(json_agg(json_build_array(
    floor(extract(epoch FROM "time") * 1000)::bigint,
    floor(extract(epoch FROM "received_at") * 1000)::bigint,
    "sender_ip", "host", "app", "facility", "severity", "format", "message", "fields",
    CASE WHEN "raw" IS NULL THEN NULL ELSE translate(encode("raw", 'base64'), E'\n', '') END,
    "parse_error") ORDER BY "id")::text, 'UTF8')
FROM (
  SELECT *, (row_number() OVER (PARTITION BY "unit_id", "source_id" ORDER BY "id") - 1) / 2000 AS "chunk"
  FROM "events"
) AS "numbered"
GROUP BY "unit_id", "source_id", "chunk";
