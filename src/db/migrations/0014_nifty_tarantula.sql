CREATE TABLE "finding_trend" (
	"day" date NOT NULL,
	"unit_id" uuid NOT NULL,
	"critical" integer NOT NULL,
	"high" integer NOT NULL,
	"medium" integer NOT NULL,
	"low" integer NOT NULL,
	"none" integer NOT NULL,
	"exploited" integer NOT NULL,
	"overdue" integer NOT NULL,
	"unknown" integer NOT NULL,
	"taken_at" timestamp with time zone NOT NULL,
	CONSTRAINT "finding_trend_day_unit_id_pk" PRIMARY KEY("day","unit_id")
);
