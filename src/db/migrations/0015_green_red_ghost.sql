DROP INDEX "camera_systems_unit_name_idx";--> statement-breakpoint
ALTER TABLE "camera_systems" ADD COLUMN "name_key" text NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "camera_systems_unit_name_idx" ON "camera_systems" USING btree ("unit_id","name_key");