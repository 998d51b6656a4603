CREATE TABLE "driving_licences" (
	"id" text PRIMARY KEY NOT NULL,
	"licence_number" text NOT NULL,
	"civil_id" text NOT NULL,
	"category" text NOT NULL,
	"expires_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "speeding_bands" (
	"type_code" text NOT NULL,
	"over_from_kmh" integer NOT NULL,
	"over_to_kmh" integer,
	"amount" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "vehicles" (
	"id" text PRIMARY KEY NOT NULL,
	"plate" text NOT NULL,
	"owner_civil_id" text NOT NULL,
	"make" text NOT NULL,
	"model" text NOT NULL,
	"colour" text NOT NULL,
	"model_year" integer,
	"registration_expires_on" date NOT NULL,
	"next_inspection_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "violation_objections" (
	"id" text PRIMARY KEY NOT NULL,
	"violation_id" text NOT NULL,
	"civil_id" text NOT NULL,
	"reason" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by_kind" text,
	"decided_by_id" text,
	"decision_reason" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "violation_types" (
	"code" text PRIMARY KEY NOT NULL,
	"name_ar" text NOT NULL,
	"name_en" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"is_speeding" boolean DEFAULT false NOT NULL,
	"payable_online" boolean DEFAULT true NOT NULL,
	"hold_reason_ar" text,
	"hold_reason_en" text,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "violations" (
	"id" text PRIMARY KEY NOT NULL,
	"violation_number" text NOT NULL,
	"fingerprint" text NOT NULL,
	"plate" text NOT NULL,
	"type_code" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"place_ar" text NOT NULL,
	"place_en" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"evidence_ref" text,
	"speed_kmh" integer,
	"limit_kmh" integer,
	"owner_civil_id" text,
	"payable_id" text,
	"status" text DEFAULT 'active' NOT NULL,
	"recorded_by_kind" text NOT NULL,
	"recorded_by_id" text NOT NULL,
	"notified_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "speeding_bands" ADD CONSTRAINT "speeding_bands_type_code_violation_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "public"."violation_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violation_objections" ADD CONSTRAINT "violation_objections_violation_id_violations_id_fk" FOREIGN KEY ("violation_id") REFERENCES "public"."violations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_type_code_violation_types_code_fk" FOREIGN KEY ("type_code") REFERENCES "public"."violation_types"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "driving_licences_number_key" ON "driving_licences" USING btree ("licence_number");--> statement-breakpoint
CREATE INDEX "driving_licences_civil_id_idx" ON "driving_licences" USING btree ("civil_id");--> statement-breakpoint
CREATE INDEX "driving_licences_expiry_idx" ON "driving_licences" USING btree ("expires_on");--> statement-breakpoint
CREATE UNIQUE INDEX "speeding_bands_key" ON "speeding_bands" USING btree ("type_code","over_from_kmh");--> statement-breakpoint
CREATE UNIQUE INDEX "vehicles_plate_key" ON "vehicles" USING btree ("plate");--> statement-breakpoint
CREATE INDEX "vehicles_owner_idx" ON "vehicles" USING btree ("owner_civil_id");--> statement-breakpoint
CREATE INDEX "vehicles_registration_expiry_idx" ON "vehicles" USING btree ("registration_expires_on");--> statement-breakpoint
CREATE INDEX "vehicles_next_inspection_idx" ON "vehicles" USING btree ("next_inspection_on");--> statement-breakpoint
CREATE UNIQUE INDEX "violation_objections_violation_key" ON "violation_objections" USING btree ("violation_id");--> statement-breakpoint
CREATE INDEX "violation_objections_status_idx" ON "violation_objections" USING btree ("status","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "violations_number_key" ON "violations" USING btree ("violation_number");--> statement-breakpoint
CREATE INDEX "violations_plate_idx" ON "violations" USING btree ("plate");--> statement-breakpoint
CREATE INDEX "violations_owner_idx" ON "violations" USING btree ("owner_civil_id");--> statement-breakpoint
CREATE INDEX "violations_unmatched_idx" ON "violations" USING btree ("plate") WHERE "violations"."owner_civil_id" IS NULL;