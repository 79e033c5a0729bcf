CREATE TABLE "c2r_builds" (
	"channel" text NOT NULL,
	"build" text NOT NULL,
	"version" text NOT NULL,
	"released_at" date NOT NULL,
	"cves" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"document_id" text NOT NULL,
	CONSTRAINT "c2r_builds_channel_build_pk" PRIMARY KEY("channel","build")
);
