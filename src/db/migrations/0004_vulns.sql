CREATE TABLE "advisory_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"document_id" text NOT NULL,
	"title" text,
	"released_at" timestamp with time zone,
	"revision" text,
	"products" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sha256" text NOT NULL,
	"vulnerability_count" integer DEFAULT 0 NOT NULL,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "epss_scores" (
	"cve" text PRIMARY KEY NOT NULL,
	"epss" real NOT NULL,
	"percentile" real,
	"score_date" date NOT NULL
);
--> statement-breakpoint
CREATE TABLE "feed_imports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"source" text NOT NULL,
	"document_id" text NOT NULL,
	"file_name" text NOT NULL,
	"sha256" text NOT NULL,
	"revision" text,
	"released_at" timestamp with time zone,
	"outcome" text NOT NULL,
	"counts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"imported_by" text,
	"imported_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vulnerabilities" (
	"cve" text PRIMARY KEY NOT NULL,
	"title" text,
	"description" text,
	"severity" text,
	"cvss_score" real,
	"cvss_vector" text,
	"exploited" boolean DEFAULT false NOT NULL,
	"publicly_disclosed" boolean,
	"kev_date_added" date,
	"kev_due_date" date,
	"kev_ransomware" boolean,
	"cwes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"published_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vulnerability_sources" (
	"cve" text NOT NULL,
	"source" text NOT NULL,
	"document_id" text NOT NULL,
	"record" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vulnerability_sources_cve_source_document_id_pk" PRIMARY KEY("cve","source","document_id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "advisory_documents_source_doc_idx" ON "advisory_documents" USING btree ("source","document_id");--> statement-breakpoint
CREATE INDEX "feed_imports_doc_idx" ON "feed_imports" USING btree ("source","document_id");--> statement-breakpoint
CREATE INDEX "vulnerabilities_exploited_idx" ON "vulnerabilities" USING btree ("exploited") WHERE "vulnerabilities"."exploited";--> statement-breakpoint
CREATE INDEX "vulnerability_sources_doc_idx" ON "vulnerability_sources" USING btree ("source","document_id");