CREATE TABLE "prepaid_dispenses" (
	"id" text PRIMARY KEY NOT NULL,
	"station_id" text NOT NULL,
	"terminal_dispense_id" text NOT NULL,
	"truck_id" text NOT NULL,
	"operator_id" text NOT NULL,
	"nozzle" integer NOT NULL,
	"mode" text NOT NULL,
	"status" text NOT NULL,
	"currency" text NOT NULL,
	"price_per_thousand_gallons" bigint NOT NULL,
	"requested_gallons" integer NOT NULL,
	"held_amount" bigint NOT NULL,
	"dispensed_gallons" integer DEFAULT 0 NOT NULL,
	"last_sequence" integer DEFAULT 0 NOT NULL,
	"charged_amount" bigint,
	"debt_amount" bigint DEFAULT 0 NOT NULL,
	"settled_by" text,
	"started_at" timestamp with time zone NOT NULL,
	"last_report_at" timestamp with time zone NOT NULL,
	"settled_at" timestamp with time zone,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prepaid_operators" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"civil_id" text,
	"commercial_registration" text,
	"name_ar" text NOT NULL,
	"name_en" text NOT NULL,
	"phone" text,
	"currency" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prepaid_stations" (
	"id" text PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"name_ar" text NOT NULL,
	"name_en" text NOT NULL,
	"latitude" double precision NOT NULL,
	"longitude" double precision NOT NULL,
	"nozzles" integer NOT NULL,
	"opens_at" text NOT NULL,
	"closes_at" text NOT NULL,
	"terminal_client_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prepaid_tariff_versions" (
	"id" text PRIMARY KEY NOT NULL,
	"effective_from" timestamp with time zone NOT NULL,
	"currency" text NOT NULL,
	"price_per_thousand_gallons" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prepaid_topups" (
	"id" text PRIMARY KEY NOT NULL,
	"operator_id" text NOT NULL,
	"payable_id" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"credited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "prepaid_trucks" (
	"id" text PRIMARY KEY NOT NULL,
	"operator_id" text NOT NULL,
	"plate" text NOT NULL,
	"tank_capacity_gallons" integer NOT NULL,
	"blocked" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "prepaid_dispenses" ADD CONSTRAINT "prepaid_dispenses_station_id_prepaid_stations_id_fk" FOREIGN KEY ("station_id") REFERENCES "public"."prepaid_stations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prepaid_dispenses" ADD CONSTRAINT "prepaid_dispenses_truck_id_prepaid_trucks_id_fk" FOREIGN KEY ("truck_id") REFERENCES "public"."prepaid_trucks"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prepaid_dispenses" ADD CONSTRAINT "prepaid_dispenses_operator_id_prepaid_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."prepaid_operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prepaid_topups" ADD CONSTRAINT "prepaid_topups_operator_id_prepaid_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."prepaid_operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "prepaid_trucks" ADD CONSTRAINT "prepaid_trucks_operator_id_prepaid_operators_id_fk" FOREIGN KEY ("operator_id") REFERENCES "public"."prepaid_operators"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "prepaid_dispenses_terminal_key" ON "prepaid_dispenses" USING btree ("station_id","terminal_dispense_id");--> statement-breakpoint
CREATE INDEX "prepaid_dispenses_open_idx" ON "prepaid_dispenses" USING btree ("status","last_report_at");--> statement-breakpoint
CREATE INDEX "prepaid_dispenses_operator_idx" ON "prepaid_dispenses" USING btree ("operator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prepaid_operators_civil_id_key" ON "prepaid_operators" USING btree ("civil_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prepaid_operators_cr_key" ON "prepaid_operators" USING btree ("commercial_registration");--> statement-breakpoint
CREATE UNIQUE INDEX "prepaid_stations_code_key" ON "prepaid_stations" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "prepaid_stations_terminal_key" ON "prepaid_stations" USING btree ("terminal_client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prepaid_tariff_versions_from_key" ON "prepaid_tariff_versions" USING btree ("currency","effective_from");--> statement-breakpoint
CREATE UNIQUE INDEX "prepaid_topups_payable_key" ON "prepaid_topups" USING btree ("payable_id");--> statement-breakpoint
CREATE INDEX "prepaid_topups_operator_idx" ON "prepaid_topups" USING btree ("operator_id");--> statement-breakpoint
CREATE UNIQUE INDEX "prepaid_trucks_plate_key" ON "prepaid_trucks" USING btree ("plate");--> statement-breakpoint
CREATE INDEX "prepaid_trucks_operator_idx" ON "prepaid_trucks" USING btree ("operator_id");