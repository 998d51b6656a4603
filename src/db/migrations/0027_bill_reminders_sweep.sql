DROP INDEX "payables_open_due_idx";--> statement-breakpoint
ALTER TABLE "bill_runs" ADD COLUMN "reminded_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "payables_open_due_idx" ON "payables" USING btree ("biller_code","due_date","id") WHERE status IN ('open', 'partially_paid');--> statement-breakpoint
-- Runs finished before this version wrote their bill.due_soon events when they issued the bills.
UPDATE "bill_runs" SET "reminded_at" = "finished_at" WHERE "finished_at" IS NOT NULL;
