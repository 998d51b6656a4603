CREATE TABLE "counter_receipt_blocks" (
	"id" text PRIMARY KEY NOT NULL,
	"office_id" text NOT NULL,
	"counter_id" text NOT NULL,
	"drawer_id" text NOT NULL,
	"cashier_id" text NOT NULL,
	"first_seq" bigint NOT NULL,
	"last_seq" bigint NOT NULL,
	"allocated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "counter_counters" ADD COLUMN "last_offline_receipt_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "counter_offices" ADD COLUMN "offline_max_payment" bigint;--> statement-breakpoint
ALTER TABLE "counter_offices" ADD COLUMN "offline_max_total" bigint;--> statement-breakpoint
ALTER TABLE "counter_payments" ADD COLUMN "receipt_block_id" text;--> statement-breakpoint
ALTER TABLE "counter_payments" ADD COLUMN "over_offline_limit" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "counter_receipt_blocks" ADD CONSTRAINT "counter_receipt_blocks_office_id_counter_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."counter_offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_receipt_blocks" ADD CONSTRAINT "counter_receipt_blocks_counter_id_counter_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counter_counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_receipt_blocks" ADD CONSTRAINT "counter_receipt_blocks_drawer_id_counter_drawers_id_fk" FOREIGN KEY ("drawer_id") REFERENCES "public"."counter_drawers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "counter_receipt_blocks_counter_idx" ON "counter_receipt_blocks" USING btree ("counter_id","first_seq");