-- Refuses a one-statement write from inside the statement: a payment posted in a single round trip (payment row,
-- guarded payable update, ledger transaction, outbox row as data-modifying CTEs) cannot check its guards in
-- between, so its final SELECT calls this when a guard did not hold, and the whole statement rolls back.
-- SQLSTATE TS409 tells the caller it was a refusal (it then takes the transactional path to find the reason).
CREATE OR REPLACE FUNCTION tasdeed_refuse(reason text) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'tasdeed refused: %', reason USING ERRCODE = 'TS409';
END $$;
