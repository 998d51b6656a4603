ALTER TABLE "counter_payments" ADD COLUMN "taken_offline" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "counter_payments" ADD COLUMN "credited" bigint DEFAULT 0 NOT NULL;