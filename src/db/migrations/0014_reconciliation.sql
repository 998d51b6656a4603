CREATE TABLE "bank_statements" (
	"id" text PRIMARY KEY NOT NULL,
	"content_hash" text NOT NULL,
	"format" text NOT NULL,
	"statement_id" text NOT NULL,
	"account" text NOT NULL,
	"currency" text NOT NULL,
	"file_name" text NOT NULL,
	"opening_balance" bigint,
	"closing_balance" bigint,
	"balanced" boolean,
	"summary" jsonb NOT NULL,
	"actor_kind" text NOT NULL,
	"actor_id" text,
	"imported_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "statement_entries" (
	"id" text PRIMARY KEY NOT NULL,
	"statement_id" text NOT NULL,
	"position" integer NOT NULL,
	"direction" text NOT NULL,
	"reversal" boolean NOT NULL,
	"booking_status" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"booking_date" text,
	"value_date" text,
	"end_to_end_id" text,
	"account_servicer_ref" text,
	"transaction_id" text,
	"remittance" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"state" text NOT NULL,
	"suspense_reason" text,
	"payment_id" text,
	"resolved_by" text,
	"resolved_at" timestamp with time zone,
	"note" text
);
--> statement-breakpoint
ALTER TABLE "statement_entries" ADD CONSTRAINT "statement_entries_statement_id_bank_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."bank_statements"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statements_content_hash_key" ON "bank_statements" USING btree ("content_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "bank_statements_statement_key" ON "bank_statements" USING btree ("account","statement_id");--> statement-breakpoint
CREATE INDEX "statement_entries_statement_idx" ON "statement_entries" USING btree ("statement_id","position");--> statement-breakpoint
CREATE INDEX "statement_entries_state_idx" ON "statement_entries" USING btree ("state");--> statement-breakpoint
CREATE INDEX "statement_entries_payment_idx" ON "statement_entries" USING btree ("payment_id");