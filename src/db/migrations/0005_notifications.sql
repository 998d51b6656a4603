CREATE TABLE "notification_phone_opt_outs" (
	"person_id" text NOT NULL,
	"phone" text NOT NULL,
	"source" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_phone_opt_outs_person_id_phone_pk" PRIMARY KEY("person_id","phone")
);
--> statement-breakpoint
CREATE TABLE "notification_preferences" (
	"person_id" text NOT NULL,
	"category" text NOT NULL,
	"channel" text NOT NULL,
	"enabled" boolean NOT NULL,
	"source" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preferences_person_id_category_channel_pk" PRIMARY KEY("person_id","category","channel")
);
--> statement-breakpoint
CREATE TABLE "notification_templates" (
	"topic" text NOT NULL,
	"channel" text NOT NULL,
	"language" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "notification_templates_topic_channel_language_pk" PRIMARY KEY("topic","channel","language")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"outbox_id" bigint NOT NULL,
	"topic" text NOT NULL,
	"category" text NOT NULL,
	"channel" text NOT NULL,
	"address" text NOT NULL,
	"person_id" text,
	"language" text NOT NULL,
	"subject" text,
	"body" text NOT NULL,
	"html" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"available_at" timestamp with time zone DEFAULT now() NOT NULL,
	"claimed_by" text,
	"claimed_until" timestamp with time zone,
	"provider_message_ids" text[],
	"segments" integer,
	"last_error_code" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"settled_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sms_segments" (
	"message_id" text PRIMARY KEY NOT NULL,
	"notification_id" text,
	"segment_index" integer,
	"status" text DEFAULT 'sent' NOT NULL,
	"error_code" text,
	"done_at" timestamp with time zone,
	"receipt_at" timestamp with time zone
);
--> statement-breakpoint
CREATE INDEX "notification_phone_opt_outs_phone_idx" ON "notification_phone_opt_outs" USING btree ("phone");--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_outbox_channel_address_key" ON "notifications" USING btree ("outbox_id","channel","address");--> statement-breakpoint
CREATE INDEX "notifications_due_idx" ON "notifications" USING btree ("available_at") WHERE status IN ('pending', 'failed', 'sending');--> statement-breakpoint
CREATE INDEX "notifications_status_idx" ON "notifications" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "notifications_person_idx" ON "notifications" USING btree ("person_id","created_at");--> statement-breakpoint
CREATE INDEX "sms_segments_notification_idx" ON "sms_segments" USING btree ("notification_id");