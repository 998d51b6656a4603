CREATE TABLE "bill_lines" (
	"bill_id" text NOT NULL,
	"position" integer NOT NULL,
	"kind" text NOT NULL,
	"tariff_version_id" text,
	"tier_from" bigint,
	"tier_to" bigint,
	"quantity" bigint,
	"rate_minor" bigint,
	"per_units" bigint,
	"amount" bigint NOT NULL,
	"counts_in_total" boolean DEFAULT true NOT NULL,
	"detail" jsonb,
	CONSTRAINT "bill_lines_bill_id_position_pk" PRIMARY KEY("bill_id","position")
);
--> statement-breakpoint
CREATE TABLE "bill_run_failures" (
	"run_id" text NOT NULL,
	"account_id" text NOT NULL,
	"code" text NOT NULL,
	"message" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "bill_run_failures_run_id_account_id_pk" PRIMARY KEY("run_id","account_id")
);
--> statement-breakpoint
CREATE TABLE "bill_runs" (
	"id" text PRIMARY KEY NOT NULL,
	"biller_code" text NOT NULL,
	"period" text NOT NULL,
	"status" text NOT NULL,
	"issued_on" date NOT NULL,
	"due_date" date NOT NULL,
	"total_accounts" integer DEFAULT 0 NOT NULL,
	"billed_count" integer DEFAULT 0 NOT NULL,
	"estimated_count" integer DEFAULT 0 NOT NULL,
	"failed_count" integer DEFAULT 0 NOT NULL,
	"amount_total" bigint DEFAULT 0 NOT NULL,
	"currency" text NOT NULL,
	"lease_owner" text,
	"lease_until" timestamp with time zone,
	"started_by_kind" text NOT NULL,
	"started_by_id" text,
	"last_error" text,
	"started_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "bills" (
	"id" text PRIMARY KEY NOT NULL,
	"bill_number" text NOT NULL,
	"run_id" text NOT NULL,
	"biller_code" text NOT NULL,
	"account_id" text NOT NULL,
	"account_number" text NOT NULL,
	"meter_number" text,
	"category" text NOT NULL,
	"owner_civil_id" text,
	"owner_person_id" text,
	"period" text NOT NULL,
	"period_from" date NOT NULL,
	"period_to" date NOT NULL,
	"issued_on" date NOT NULL,
	"due_date" date NOT NULL,
	"currency" text NOT NULL,
	"unit" text NOT NULL,
	"estimated" boolean NOT NULL,
	"consumption" bigint NOT NULL,
	"previous_value" bigint,
	"previous_read_on" date,
	"current_value" bigint,
	"current_read_on" date,
	"basis_read_on" date,
	"pending_estimates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"energy_amount" bigint NOT NULL,
	"amount" bigint NOT NULL,
	"previous_balance" bigint DEFAULT 0 NOT NULL,
	"credit_brought_forward" bigint DEFAULT 0 NOT NULL,
	"credit_carried_forward" bigint DEFAULT 0 NOT NULL,
	"payable_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meters" (
	"id" text PRIMARY KEY NOT NULL,
	"meter_number" text NOT NULL,
	"account_id" text NOT NULL,
	"unit" text NOT NULL,
	"multiplier" integer DEFAULT 1 NOT NULL,
	"dials" integer DEFAULT 6 NOT NULL,
	"initial_reading" bigint DEFAULT 0 NOT NULL,
	"installed_on" date NOT NULL,
	"removed_on" date,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "utility_accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"account_number" text NOT NULL,
	"biller_code" text NOT NULL,
	"owner_civil_id" text,
	"owner_person_id" text,
	"owner_name_ar" text,
	"owner_name_en" text,
	"category" text NOT NULL,
	"area_ar" text DEFAULT '' NOT NULL,
	"area_en" text DEFAULT '' NOT NULL,
	"address_ar" text DEFAULT '' NOT NULL,
	"address_en" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meter_readings" (
	"id" text PRIMARY KEY NOT NULL,
	"meter_id" text NOT NULL,
	"account_id" text NOT NULL,
	"read_on" date NOT NULL,
	"value" bigint NOT NULL,
	"consumption" bigint DEFAULT 0 NOT NULL,
	"rollover" boolean DEFAULT false NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"decision_code" text NOT NULL,
	"decision_detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"entered_by_kind" text NOT NULL,
	"entered_by_id" text,
	"reviewed_by_id" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tariff_tiers" (
	"version_id" text NOT NULL,
	"position" integer NOT NULL,
	"up_to" bigint,
	"rate_minor" bigint NOT NULL,
	"per_units" bigint NOT NULL,
	CONSTRAINT "tariff_tiers_version_id_position_pk" PRIMARY KEY("version_id","position")
);
--> statement-breakpoint
CREATE TABLE "tariff_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"biller_code" text NOT NULL,
	"category" text NOT NULL,
	"effective_from" date NOT NULL,
	"effective_to" date,
	"currency" text NOT NULL,
	"unit" text NOT NULL,
	"fixed_monthly" bigint DEFAULT 0 NOT NULL,
	"name_ar" text NOT NULL,
	"name_en" text NOT NULL,
	"source" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "bill_lines" ADD CONSTRAINT "bill_lines_bill_id_bills_id_fk" FOREIGN KEY ("bill_id") REFERENCES "public"."bills"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bill_run_failures" ADD CONSTRAINT "bill_run_failures_run_id_bill_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."bill_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bills" ADD CONSTRAINT "bills_account_id_utility_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."utility_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meters" ADD CONSTRAINT "meters_account_id_utility_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."utility_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_meter_id_meters_id_fk" FOREIGN KEY ("meter_id") REFERENCES "public"."meters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meter_readings" ADD CONSTRAINT "meter_readings_account_id_utility_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."utility_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tariff_tiers" ADD CONSTRAINT "tariff_tiers_version_id_tariff_versions_id_fk" FOREIGN KEY ("version_id") REFERENCES "public"."tariff_versions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "bill_runs_biller_period_key" ON "bill_runs" USING btree ("biller_code","period");--> statement-breakpoint
CREATE UNIQUE INDEX "bills_account_period_key" ON "bills" USING btree ("account_id","period");--> statement-breakpoint
CREATE UNIQUE INDEX "meters_number_key" ON "meters" USING btree ("meter_number");--> statement-breakpoint
CREATE UNIQUE INDEX "meters_one_active_per_account" ON "meters" USING btree ("account_id") WHERE status = 'active';--> statement-breakpoint
CREATE INDEX "meters_account_idx" ON "meters" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "utility_accounts_number_key" ON "utility_accounts" USING btree ("account_number");--> statement-breakpoint
CREATE INDEX "utility_accounts_biller_id_idx" ON "utility_accounts" USING btree ("biller_code","id");--> statement-breakpoint
CREATE INDEX "utility_accounts_owner_idx" ON "utility_accounts" USING btree ("owner_civil_id");--> statement-breakpoint
CREATE UNIQUE INDEX "meter_readings_one_accepted_per_day" ON "meter_readings" USING btree ("meter_id","read_on") WHERE status = 'accepted';--> statement-breakpoint
CREATE INDEX "meter_readings_account_day_idx" ON "meter_readings" USING btree ("account_id","read_on");--> statement-breakpoint
CREATE INDEX "meter_readings_held_idx" ON "meter_readings" USING btree ("status") WHERE status = 'held';--> statement-breakpoint
CREATE INDEX "tariff_versions_schedule_idx" ON "tariff_versions" USING btree ("biller_code","category","effective_from");