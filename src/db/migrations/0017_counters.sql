CREATE TABLE "counter_counters" (
	"id" text PRIMARY KEY NOT NULL,
	"office_id" text NOT NULL,
	"code" text NOT NULL,
	"name_ar" text NOT NULL,
	"name_en" text NOT NULL,
	"last_receipt_seq" bigint DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "counter_day_closes" (
	"office_id" text NOT NULL,
	"business_date" text NOT NULL,
	"closed_by" text NOT NULL,
	"closed_at" timestamp with time zone NOT NULL,
	"totals" jsonb NOT NULL,
	CONSTRAINT "counter_day_closes_office_id_business_date_pk" PRIMARY KEY("office_id","business_date")
);
--> statement-breakpoint
CREATE TABLE "counter_drawers" (
	"id" text PRIMARY KEY NOT NULL,
	"office_id" text NOT NULL,
	"counter_id" text NOT NULL,
	"cashier_id" text NOT NULL,
	"business_date" text NOT NULL,
	"currency" text NOT NULL,
	"status" text NOT NULL,
	"opening_float" bigint NOT NULL,
	"expected_cash" bigint,
	"counted_cash" bigint,
	"difference" bigint,
	"close_note" text,
	"opened_at" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "counter_offices" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_ar" text NOT NULL,
	"name_en" text NOT NULL,
	"area_ar" text DEFAULT '' NOT NULL,
	"area_en" text DEFAULT '' NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "counter_payment_items" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"counter_payment_id" text NOT NULL,
	"payable_id" text NOT NULL,
	"biller_code" text NOT NULL,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "counter_payments" (
	"id" text PRIMARY KEY NOT NULL,
	"drawer_id" text NOT NULL,
	"office_id" text NOT NULL,
	"counter_id" text NOT NULL,
	"cashier_id" text NOT NULL,
	"business_date" text NOT NULL,
	"payment_id" text NOT NULL,
	"receipt_number" text NOT NULL,
	"currency" text NOT NULL,
	"amount" bigint NOT NULL,
	"change_given" bigint NOT NULL,
	"request_hash" text NOT NULL,
	"status" text NOT NULL,
	"void_reason" text,
	"voided_by" text,
	"voided_at" timestamp with time zone,
	"void_ref" text,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "counter_tenders" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"counter_payment_id" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"amount" bigint NOT NULL,
	"reference" text,
	"cheque_number" text,
	"cheque_bank" text
);
--> statement-breakpoint
ALTER TABLE "counter_counters" ADD CONSTRAINT "counter_counters_office_id_counter_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."counter_offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_day_closes" ADD CONSTRAINT "counter_day_closes_office_id_counter_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."counter_offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_drawers" ADD CONSTRAINT "counter_drawers_office_id_counter_offices_id_fk" FOREIGN KEY ("office_id") REFERENCES "public"."counter_offices"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_drawers" ADD CONSTRAINT "counter_drawers_counter_id_counter_counters_id_fk" FOREIGN KEY ("counter_id") REFERENCES "public"."counter_counters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_payment_items" ADD CONSTRAINT "counter_payment_items_counter_payment_id_counter_payments_id_fk" FOREIGN KEY ("counter_payment_id") REFERENCES "public"."counter_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_payments" ADD CONSTRAINT "counter_payments_drawer_id_counter_drawers_id_fk" FOREIGN KEY ("drawer_id") REFERENCES "public"."counter_drawers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "counter_tenders" ADD CONSTRAINT "counter_tenders_counter_payment_id_counter_payments_id_fk" FOREIGN KEY ("counter_payment_id") REFERENCES "public"."counter_payments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "counter_counters_office_code_key" ON "counter_counters" USING btree ("office_id","code");--> statement-breakpoint
CREATE UNIQUE INDEX "counter_drawers_open_counter_key" ON "counter_drawers" USING btree ("counter_id") WHERE status = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "counter_drawers_open_cashier_key" ON "counter_drawers" USING btree ("cashier_id") WHERE status = 'open';--> statement-breakpoint
CREATE INDEX "counter_drawers_office_day_idx" ON "counter_drawers" USING btree ("office_id","business_date");--> statement-breakpoint
CREATE UNIQUE INDEX "counter_offices_code_key" ON "counter_offices" USING btree ("code");--> statement-breakpoint
CREATE INDEX "counter_payment_items_payment_idx" ON "counter_payment_items" USING btree ("counter_payment_id");--> statement-breakpoint
CREATE UNIQUE INDEX "counter_payments_receipt_key" ON "counter_payments" USING btree ("receipt_number");--> statement-breakpoint
CREATE UNIQUE INDEX "counter_payments_payment_key" ON "counter_payments" USING btree ("payment_id");--> statement-breakpoint
CREATE INDEX "counter_payments_drawer_idx" ON "counter_payments" USING btree ("drawer_id");--> statement-breakpoint
CREATE INDEX "counter_payments_office_day_idx" ON "counter_payments" USING btree ("office_id","business_date");--> statement-breakpoint
CREATE INDEX "counter_tenders_payment_idx" ON "counter_tenders" USING btree ("counter_payment_id");