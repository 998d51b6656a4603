ALTER TABLE "bill_lines" DROP CONSTRAINT "bill_lines_bill_id_bills_id_fk";
--> statement-breakpoint
ALTER TABLE "bills" DROP CONSTRAINT "bills_account_id_utility_accounts_id_fk";
