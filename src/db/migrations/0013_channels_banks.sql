CREATE TABLE "channel_bank_billers" (
	"client_id" text NOT NULL,
	"biller_code" text NOT NULL,
	"reversal_window_minutes" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "channel_bank_billers_client_id_biller_code_pk" PRIMARY KEY("client_id","biller_code")
);
