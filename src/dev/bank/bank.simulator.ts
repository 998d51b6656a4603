// A bank that collects bills through Tasdeed's bank API, for the demo and the tests: it signs each request with its
// HMAC API-client secret the way a bank's core system would (over the JSON API or a switch's XML, bank.protocols.ts), and walks the day of one customer at the branch:
// inquiry → payment notification → the same notification again (a bank retry) → reversal → end-of-day report.
import { randomBytes } from 'node:crypto';
import { signRequest } from '../../modules/identity/index.js';
import { bankProtocol, EXPECTED_STATUS, type BankProtocolName, type Lookup, type ProtocolAnswer } from './bank.protocols.js';

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
  /** The switch's result code (XML protocols): "0" is success. */
  resultCode?: string | null;
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

  /** POSTs a switch's XML message, signed over its exact bytes; the answer is XML too. */
  async callXml(path: string, xml: string): Promise<{ status: number; text: string }> {
    const timestamp = String(Math.floor((this.options.now?.() ?? new Date()).getTime() / 1000));
    const response = await fetch(new URL(path, this.options.url), {
      method: 'POST',
      headers: {
        'content-type': 'application/xml', 'x-tasdeed-key': this.options.keyId, 'x-tasdeed-timestamp': timestamp,
        'x-tasdeed-signature': signRequest(this.options.secret, 'POST', path, timestamp, xml),
      },
      body: xml,
    });
    return { status: response.status, text: await response.text() };
  }
}

export interface BankScenarioOptions extends BankClientOptions {
  /** json (the banks' API), sadad or efawateer (the switches' XML). */
  protocol?: BankProtocolName;
  /** The billing number the customer gives at the branch. */
  lookup: Lookup;
  /** What the customer pays; the bill's full amount due when omitted. */
  amount?: string;
  reverse: boolean;
  reason: string;
  /** The business time zone, for the report's date. */
  timeZone: string;
  log?: (step: BankStep) => void;
}

/** Runs the branch scenario; every step is logged as it is answered, and the steps are returned. */
export async function runBankScenario(options: BankScenarioOptions): Promise<BankStep[]> {
  const client = new BankClient(options);
  const protocol = bankProtocol(options.protocol ?? 'json', client, options.timeZone, () => options.now?.() ?? new Date());
  const steps: BankStep[] = [];
  const record = <T extends ProtocolAnswer>(step: BankStep['step'], answer: T): T => {
    const entry: BankStep = { step, status: answer.status, ...(answer.resultCode === undefined ? {} : { resultCode: answer.resultCode }), body: answer.body };
    steps.push(entry);
    options.log?.(entry);
    return answer;
  };
  const inquiry = record('inquiry', await protocol.inquire(options.lookup));
  if (!inquiry.bill) return steps;
  const transactionId = `SIM-${randomBytes(8).toString('hex').toUpperCase()}`;
  const amount = options.amount ?? inquiry.bill.maxAmount;
  const payment = record('payment', await protocol.pay(transactionId, inquiry.bill, amount));
  if (payment.status !== EXPECTED_STATUS[options.protocol ?? 'json'].payment || !payment.businessDate) return steps;
  // A bank that lost the answer sends the same notification again: it must get the same payment back.
  record('duplicate', await protocol.pay(transactionId, inquiry.bill, amount));
  if (options.reverse) record('reversal', await protocol.reverse(transactionId, options.reason));
  record('report', await protocol.report(payment.businessDate));
  return steps;
}

/** Whether every step answered as a bank expects (and the scenario reached the report). */
export function scenarioSucceeded(protocolName: BankProtocolName, steps: BankStep[]): boolean {
  const expected = EXPECTED_STATUS[protocolName];
  return steps.length > 0 && steps.some((s) => s.step === 'report')
    && steps.every((s) => s.status === expected[s.step] && (s.resultCode === undefined || s.resultCode === '0'));
}
