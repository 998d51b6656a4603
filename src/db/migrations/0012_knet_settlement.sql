CREATE TABLE "knet_settlement_exceptions" (
	"id" text PRIMARY KEY NOT NULL,
	"business_date" text NOT NULL,
	"kind" text NOT NULL,
	"payment_id" text NOT NULL,
	"track_id" text NOT NULL,
	"knet_payment_id" text,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"tasdeed_status" text NOT NULL,
	"knet_result" text NOT NULL,
	"status" text NOT NULL,
	"resolution_ref" text,
	"detail" jsonb,
	"detected_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "knet_settlement_exceptions_payment_kind_key" ON "knet_settlement_exceptions" USING btree ("payment_id","kind");--> statement-breakpoint
CREATE INDEX "knet_settlement_exceptions_date_idx" ON "knet_settlement_exceptions" USING btree ("business_date");