// `npm run bench -- documents [--bills 1000] [--language ar|en] [--in-flight 16]`: renders e-bills to PDF on the
// render pool (one worker thread per core, src/shared/pdf/render.ts) while the main thread measures its own
// event-loop delay, as a server's would be measured while it sends bill emails.
//
// billsPerSecond: bills rendered per wall-clock second; cpuMsPerBill: the whole process's CPU time (every thread)
// per bill; eventLoopP99Ms: the 99th percentile of the main thread's event-loop delay during the run. The pool is
// warmed first (one bill per thread: the workers load tsx, the fonts and the templates once). No database.
// loadAverage1m is printed because wall-clock figures only mean something on a machine that is otherwise quiet.
import { availableParallelism, loadavg } from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { renderBillPdf, type BillDocument } from '../src/modules/billing/billing.pdf.js';
import { sampleBillDocument } from '../src/modules/billing/billing.pdf.sample.js';
import { closeRenderPool } from '../src/shared/pdf/render.js';

function option(args: string[], name: string, fallback: string): string {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Bill `i` of the run: its own number, account, name, readings, amounts, twelve months of history and pay link (so
 * its own payment QR), as on a real bill day. Typst reuses what two documents share (the labels, the table
 * headers, the footer); a bench whose bills differed only in their number would measure mostly that reuse.
 */
export function benchBill(i: number): BillDocument {
  const n = Math.abs(i);
  const base = sampleBillDocument();
  const consumption = 1_000 + ((n * 7_919) % 9_000);
  const previous = 40_000 + ((n * 104_729) % 50_000);
  const energy = BigInt(consumption * 2);
  const arrears = BigInt((n % 5) * 750);
  return sampleBillDocument({
    billNumber: `EB-2026-11-${String(i).padStart(6, '0')}`,
    accountNumber: String(1_200_000_000 + i),
    customerName: { ar: `مشترك رقم ${i}`, en: `Customer ${i}` },
    reading: { previous, current: previous + consumption, consumption, unit: 'kWh', estimated: false },
    lines: [
      { kind: 'tier', label: { ar: 'استهلاك الكهرباء', en: 'Electricity' }, from: 0, to: null, quantity: consumption, rate: { amount: 2n, per: 1 }, amount: energy },
      { kind: 'fixed', label: { ar: 'رسوم العداد الثابتة', en: 'Fixed meter charge' }, amount: 1_000n },
      { kind: 'arrears', label: { ar: 'متأخرات من الفواتير السابقة', en: 'Arrears carried forward' }, amount: arrears },
    ],
    totalDue: energy + 1_000n + arrears,
    history: base.history.map((month, k) => ({ period: month.period, quantity: 1_000 + ((n * 31 + k * 977) % 9_000) })),
    payUrl: `https://tasdeed.example.kw/pay/bill_${(0x1000000 + n * 7_877).toString(36).toUpperCase()}`,
  });
}

export async function run(args: string[]): Promise<void> {
  const bills = Number(option(args, 'bills', '1000'));
  const language = option(args, 'language', 'ar') === 'en' ? 'en' : 'ar';
  const threads = availableParallelism();
  const inFlight = Number(option(args, 'in-flight', String(threads * 8)));
  if (!Number.isInteger(bills) || bills < 1 || !Number.isInteger(inFlight) || inFlight < 1) throw new Error('--bills and --in-flight must be whole numbers ≥ 1');

  await Promise.all(Array.from({ length: threads }, (_, i) => renderBillPdf(benchBill(-1 - i), language)));

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const utilisationBefore = performance.eventLoopUtilization();
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  let next = 0;
  let bytes = 0;
  const worker = async () => {
    while (next < bills) {
      const i = next++;
      const pdf = await renderBillPdf(benchBill(i), language);
      bytes += pdf.length;
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, bills) }, worker));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const cpu = process.cpuUsage(cpuBefore);
  const mainThreadBusy = performance.eventLoopUtilization(utilisationBefore).utilization;
  delay.disable();
  await closeRenderPool();

  console.log(JSON.stringify({
    scenario: 'documents',
    billsPerSecond: round(bills / seconds),
    cpuMsPerBill: round((cpu.user + cpu.system) / 1000 / bills),
    eventLoopP99Ms: round(delay.percentile(99) / 1e6),
    eventLoopMaxMs: round(delay.max / 1e6),
    // The share of the run the main thread spent running JavaScript (preparing jobs, receiving PDFs), not waiting.
    mainThreadUtilisation: round(mainThreadBusy, 3),
    loadAverage1m: round(loadavg()[0]!, 1),
    bills,
    language,
    threads,
    inFlight,
    seconds: round(seconds, 2),
    averagePdfKiB: round(bytes / bills / 1024),
  }));
}
