CREATE TABLE "disconnection_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"account_number" text NOT NULL,
	"category" text NOT NULL,
	"currency" text NOT NULL,
	"owner_civil_id" text,
	"owner_person_id" text,
	"status" text NOT NULL,
	"outcome" text,
	"debt_at_warning" bigint NOT NULL,
	"warned_at" timestamp with time zone NOT NULL,
	"grace_until" timestamp with time zone NOT NULL,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disconnection_orders" (
	"id" text PRIMARY KEY NOT NULL,
	"case_id" text NOT NULL,
	"kind" text NOT NULL,
	"account_number" text NOT NULL,
	"area_ar" text NOT NULL,
	"area_en" text NOT NULL,
	"status" text NOT NULL,
	"due_by" timestamp with time zone NOT NULL,
	"fee_payable_id" text,
	"note" text,
	"created_at" timestamp with time zone NOT NULL,
	"done_at" timestamp with time zone,
	"done_by" text
);
--> statement-breakpoint
CREATE TABLE "disconnection_rules" (
	"category" text NOT NULL,
	"currency" text NOT NULL,
	"min_debt" bigint NOT NULL,
	"min_age_days" integer NOT NULL,
	"grace_days" integer NOT NULL,
	"disconnection_sla_hours" integer NOT NULL,
	"reconnection_fee" bigint NOT NULL,
	"reconnection_sla_hours" integer NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "disconnection_rules_category_currency_pk" PRIMARY KEY("category","currency")
);
--> statement-breakpoint
ALTER TABLE "disconnection_orders" ADD CONSTRAINT "disconnection_orders_case_id_disconnection_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."disconnection_cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "disconnection_cases_one_open" ON "disconnection_cases" USING btree ("account_id") WHERE status <> 'closed';--> statement-breakpoint
CREATE INDEX "disconnection_cases_status_idx" ON "disconnection_cases" USING btree ("status","grace_until");--> statement-breakpoint
CREATE INDEX "disconnection_cases_account_number_idx" ON "disconnection_cases" USING btree ("account_number");--> statement-breakpoint
CREATE UNIQUE INDEX "disconnection_orders_case_kind" ON "disconnection_orders" USING btree ("case_id","kind");--> statement-breakpoint
CREATE INDEX "disconnection_orders_queue_idx" ON "disconnection_orders" USING btree ("status","kind","due_by");