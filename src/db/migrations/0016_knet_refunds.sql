ALTER TABLE "payment_refunds" ADD COLUMN "status" text DEFAULT 'refunded' NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "credit_amount" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "idempotency_key" text;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "gateway" text;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "gateway_track_id" text;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "gateway_refund_id" text;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "gateway_result" jsonb;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "failure_code" text;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "attempts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "last_attempt_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "payment_refunds" ADD COLUMN "completed_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "payment_refunds_idempotency_key" ON "payment_refunds" USING btree ("payment_id","idempotency_key");--> statement-breakpoint
CREATE UNIQUE INDEX "payment_refunds_gateway_track_id_key" ON "payment_refunds" USING btree ("gateway_track_id");--> statement-breakpoint
CREATE INDEX "payment_refunds_status_idx" ON "payment_refunds" USING btree ("status","created_at");