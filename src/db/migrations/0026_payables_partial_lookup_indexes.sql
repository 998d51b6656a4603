DROP INDEX "payables_civil_id_open_idx";--> statement-breakpoint
DROP INDEX "payables_account_idx";--> statement-breakpoint
DROP INDEX "payables_meter_idx";--> statement-breakpoint
DROP INDEX "payables_plate_idx";--> statement-breakpoint
DROP INDEX "payables_person_idx";--> statement-breakpoint
CREATE INDEX "payables_civil_id_open_idx" ON "payables" USING btree ("civil_id","status") WHERE civil_id IS NOT NULL;--> statement-breakpoint
CREATE INDEX "payables_account_idx" ON "payables" USING btree ("account_number") WHERE account_number IS NOT NULL;--> statement-breakpoint
CREATE INDEX "payables_meter_idx" ON "payables" USING btree ("meter_number") WHERE meter_number IS NOT NULL;--> statement-breakpoint
CREATE INDEX "payables_plate_idx" ON "payables" USING btree ("plate") WHERE plate IS NOT NULL;--> statement-breakpoint
CREATE INDEX "payables_person_idx" ON "payables" USING btree ("person_id") WHERE person_id IS NOT NULL;