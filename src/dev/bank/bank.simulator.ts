// A bank that collects bills through Tasdeed's bank API, for the demo and the tests: it signs each request with its
// HMAC API-client secret the way a bank's core system would, and walks the day of one customer at the branch:
// inquiry → payment notification → the same notification again (a bank retry) → reversal → end-of-day report.
import { randomBytes } from 'node:crypto';
import { signRequest } from '../../modules/identity/index.js';
import { localDate } from '../../platform/clock.js';

export interface BankClientOptions {
  url: string;
  keyId: string;
  secret: string;
  /** Unix seconds to sign with; a test server with a moved clock needs its own time. */
  now?: () => Date;
}

export interface BankStep {
  step: 'inquiry' | 'payment' | 'duplicate' | 'reversal' | 'report';
  status: number;
  body: unknown;
}

export class BankClient {
  constructor(private readonly options: BankClientOptions) {}

  async call(method: 'GET' | 'POST', pathWithQuery: string, body?: unknown): Promise<{ status: number; body: unknown }> {
    const text = body === undefined ? '' : JSON.stringify(body);
    const timestamp = String(Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000));
    const response = await fetch(new URL(pathWithQuery, this.options.url), {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        'x-tasdeed-key': this.options.keyId, 'x-tasdeed-timestamp': timestamp,
        'x-tasdeed-signature': signRequest(this.options.secret, method, pathWithQuery, timestamp, text),
      },
      ...(body === undefined ? {} : { body: text }),
    });
    const raw = await response.text();
    let parsed: unknown = raw;
    try { parsed = JSON.parse(raw); } catch { /* the CSV report, or a plain-text error: kept as text */ }
    return { status: response.status, body: parsed };
  }
}

export interface BankScenarioOptions extends BankClientOptions {
  /** The billing number the customer gives at the branch. */
  lookup: { kind: 'accountNumber' | 'meterNumber' | 'civilId' | 'plate'; value: string };
  /** What the customer pays; the bill's full amount due when omitted. */
  amount?: string;
  reverse: boolean;
  reason: string;
  /** The business time zone, for the report's date. */
  timeZone: string;
  log?: (step: BankStep) => void;
}

interface InquiryBody { bills: { billId: string; currency: string; maxAmount: string }[] }

/** Runs the branch scenario; every step is logged as it is answered, and the steps are returned. */
export async function runBankScenario(options: BankScenarioOptions): Promise<BankStep[]> {
  const client = new BankClient(options);
  const steps: BankStep[] = [];
  const record = (step: BankStep['step'], answer: { status: number; body: unknown }) => {
    const entry = { step, ...answer };
    steps.push(entry);
    options.log?.(entry);
    return answer;
  };
  const query = `${options.lookup.kind}=${encodeURIComponent(options.lookup.value)}`;
  const inquiry = record('inquiry', await client.call('GET', `/api/v1/banks/bills?${query}`));
  const bill = inquiry.status === 200 ? (inquiry.body as InquiryBody).bills[0] : undefined;
  if (!bill) return steps;
  const transactionId = `SIM-${randomBytes(8).toString('hex').toUpperCase()}`;
  const notification = { transactionId, currency: bill.currency, bills: [{ billId: bill.billId, amount: options.amount ?? bill.maxAmount }] };
  const payment = record('payment', await client.call('POST', '/api/v1/banks/payments', notification));
  if (payment.status !== 201) return steps;
  // A bank that lost the answer sends the same notification again: it must get the same payment back.
  record('duplicate', await client.call('POST', '/api/v1/banks/payments', notification));
  if (options.reverse) record('reversal', await client.call('POST', '/api/v1/banks/reversals', { transactionId, reason: options.reason }));
  const postedAt = new Date((payment.body as { postedAt: string }).postedAt);
  record('report', await client.call('GET', `/api/v1/banks/reports/daily?date=${localDate(postedAt, options.timeZone)}`));
  return steps;
}
