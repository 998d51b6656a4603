CREATE INDEX "payables_open_due_idx" ON "payables" USING btree ("biller_code","due_date") WHERE status IN ('open', 'partially_paid');--> statement-breakpoint
CREATE INDEX "payables_issued_on_idx" ON "payables" USING btree ("issued_on");--> statement-breakpoint
CREATE INDEX "payments_posted_at_idx" ON "payments" USING btree ("posted_at") WHERE posted_at IS NOT NULL;