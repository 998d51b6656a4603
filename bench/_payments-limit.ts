// The machine's own limit for `bench/payments.ts`: the same work as one bank payment and one inquiry, as raw SQL
// from plain pg clients (no HTTP, no Fastify, no Drizzle, no HMAC), with as many clients as the server's pool.
// The payment transaction has the statements the API runs, in the same order, on the same tables: find the API
// client; then in one transaction the payment row (receipt number from the point's sequence) with its item, the
// bill locked, the guarded UPDATE, the ledger accounts, transaction and entries, the outbox row and its NOTIFY. The inquiry: open payables by civil ID, the owner's name, the audit row.
import pg from 'pg';
import { randomBytes } from 'node:crypto';

export interface LimitOptions {
  clients: number;
  seconds: number;
  /** Bills `firstBill … firstBill + bills - 1` are the limit's own (the API phases pay the others). */
  firstBill: number;
  bills: number;
  people: { id: string; civilId: string }[];
  clientKeyId: string;
}

const billId = (g: number) => `pbl_bench${String(g).padStart(9, '0')}`;

async function paymentTransaction(client: pg.Client, g: number, keyId: string): Promise<void> {
  const paymentId = `pay_LIMIT${String(g).padStart(12, '0')}${randomBytes(5).toString('hex').toUpperCase()}`.slice(0, 30);
  const ledgerId = `ltx_LIMIT${String(g).padStart(12, '0')}`;
  const externalId = `LIMIT-${g}`;
  const bill = billId(g);
  const amount = 5000 + (g % 50) * 250;
  // Outside the transaction, as the API does it: the signed request's client.
  const api = await client.query('SELECT id, name, role, secret_ciphertext, active FROM api_clients WHERE key_id = $1 LIMIT 1', [keyId]);
  const clientId = api.rows[0].id as string;
  await client.query('BEGIN');
  try {
    await client.query(`WITH new_payment AS (
        INSERT INTO payments (id, channel, status, currency, amount, credit_amount, refunded_amount, actor_kind, actor_id, language, request_hash,
          external_id, receipt_point, receipt_number, inquiry_attempts, created_at, updated_at, posted_at)
        VALUES ($1, 'bank', 'posted', 'KWD', $2::bigint, 0, 0, 'client', $3, 'ar', $4, $5, 'BNK',
          (SELECT 'BNK-2026-' || lpad(n::text, greatest(6, length(n::text)), '0') FROM (SELECT nextval('receipt_seq_bnk'::regclass) AS n) AS next_receipt),
          0, now(), now(), now())
        ON CONFLICT DO NOTHING RETURNING id, receipt_number
      ), new_items AS (
        INSERT INTO payment_items (payment_id, payable_id, position, amount) SELECT new_payment.id, $6, 0, $2::bigint FROM new_payment
      )
      SELECT receipt_number FROM new_payment`, [paymentId, amount, clientId, 'x'.repeat(64), externalId, bill]);
    await client.query('SELECT * FROM payables WHERE id = ANY($1::text[]) ORDER BY id FOR UPDATE', [[bill]]);
    const updated = await client.query(`UPDATE payables SET amount_paid = amount_paid + $2,
        status = CASE WHEN amount_paid + $2 >= amount THEN 'paid' ELSE 'partially_paid' END,
        closed_at = CASE WHEN amount_paid + $2 >= amount THEN now() ELSE NULL END, updated_at = now()
      WHERE id = $1 AND status IN ('open', 'partially_paid') AND amount_paid + $2 <= amount AND $2 > 0 RETURNING *`, [bill, amount]);
    const row = updated.rows[0];
    const receivable = `receivable:mew-electricity:acct-${row.account_number}`;
    await client.query(`WITH new_accounts AS (
        INSERT INTO ledger_accounts (code, type, currency) VALUES ('clearing:bank', 'clearing', 'KWD'), ($3, 'receivable', 'KWD') ON CONFLICT DO NOTHING
      ), new_transaction AS (
        INSERT INTO ledger_transactions (id, kind, source_ref, currency, memo, posted_at) VALUES ($1, 'payment', $2, 'KWD', $5::jsonb, now())
        ON CONFLICT DO NOTHING RETURNING id
      )
      INSERT INTO ledger_entries (transaction_id, account_code, amount, currency)
      SELECT new_transaction.id, e.account_code, e.amount, 'KWD'
      FROM new_transaction CROSS JOIN (VALUES (0, 'clearing:bank', $4::bigint), (1, $3, -$4::bigint)) AS e(n, account_code, amount) ORDER BY e.n
      RETURNING transaction_id`, [ledgerId, paymentId, receivable, amount, JSON.stringify({ channel: 'bank' })]);
    const inserted = await client.query('INSERT INTO outbox (topic, payload, dedupe_key) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id',
      ['payment.received', JSON.stringify({ personId: row.person_id, paymentId, vars: { amount: String(amount) } }), `payment.received:${paymentId}`]);
    if (inserted.rows.length > 0) await client.query(`SELECT pg_notify('tasdeed_outbox', $1)`, ['payment.received']);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

async function inquiry(client: pg.Client, person: { id: string; civilId: string }): Promise<void> {
  await client.query(`SELECT * FROM payables WHERE civil_id = $1 AND status IN ('open', 'partially_paid') ORDER BY due_date, created_at, id LIMIT 200`, [person.civilId]);
  await client.query('SELECT * FROM people WHERE id = $1 LIMIT 1', [person.id]);
  await client.query(`INSERT INTO audit_log (actor_kind, action, entity_type, entity_id, outcome, detail, at) VALUES ('anonymous', 'dues.inquiry', 'lookup', $1, 'ok', $2, now())`,
    [`civilId:${person.civilId}`, JSON.stringify({ found: 3 })]);
}

/** Runs `work` on `clients` connections until the time is up; returns completed operations per second. */
async function saturate(databaseUrl: string, clients: number, seconds: number, work: (client: pg.Client) => Promise<void>): Promise<number> {
  const connections = await Promise.all(Array.from({ length: clients }, async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    return client;
  }));
  try {
    const started = performance.now();
    const deadline = started + seconds * 1000;
    let done = 0;
    await Promise.all(connections.map(async (client) => {
      while (performance.now() < deadline) {
        await work(client);
        done++;
      }
    }));
    return Math.round(done / ((performance.now() - started) / 1000));
  } finally {
    await Promise.all(connections.map((c) => c.end()));
  }
}

export async function measureRawLimits(databaseUrl: string, options: LimitOptions): Promise<{ paymentsPerSecond: number; inquiryPerSecond: number }> {
  let next = options.firstBill;
  const last = options.firstBill + options.bills - 1;
  const paymentsPerSecond = await saturate(databaseUrl, options.clients, options.seconds, async (client) => {
    if (next > last) throw new Error('the raw limit ran out of bills: raise --bills');
    await paymentTransaction(client, next++, options.clientKeyId);
  });
  let i = 0;
  const inquiryPerSecond = await saturate(databaseUrl, options.clients, options.seconds, (client) => inquiry(client, options.people[i++ % options.people.length]!));
  return { paymentsPerSecond, inquiryPerSecond };
}
