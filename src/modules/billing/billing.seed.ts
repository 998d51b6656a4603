// Demo data for utility billing: the reference tariffs, an electricity account for every demo person (and a
// water account for every other one), a government school, twelve months of readings with Kuwait's summer peak,
// and the bills of the last twelve periods, issued by the real bill run on each period's bill day. A few people
// skip two readings, so the portal shows estimated bills and the correction that follows; one meter rolls over.
// Idempotent: accounts that exist are kept, readings are only added after a meter's last one, runs that completed
// create nothing. The bills are left unpaid: paying is the payments module's (and each payment sends a receipt).
import type { Ctx } from '../../platform/context.js';
import { fixedClock } from '../../platform/clock.js';
import { AppError } from '../../platform/errors/app-error.js';
import type { DemoSeeder } from '../../db/seed/index.js';
import { systemActor } from '../../platform/actor.js';
import { findAccountByNumber, type Category } from '../accounts/index.js';
import { openAccount } from '../metering/index.js';
import { recordHistoricReading } from '../metering/index.js';
import { seedReferenceTariffs } from '../tariffs/index.js';
import { addDays } from '../../shared/days.js';
import { businessToday } from '../../platform/clock.js';
import { runBillRun } from './bill-run.service.js';
import { writeDueReminders } from './bill-reminders.js';
import { latestEndedPeriod } from './bill-run.schedule.js';
import { periodDates, shiftPeriod } from './billing.periods.js';

const actor = systemActor('seed');
const BILL_DAY = 28;
// Electricity use by month, January first: air conditioning more than triples it in July and August.
const SEASON = [0.6, 0.6, 0.7, 0.9, 1.2, 1.6, 1.9, 1.9, 1.5, 1.1, 0.8, 0.6];
const AREAS: [string, string][] = [['حولي', 'Hawalli'], ['السالمية', 'Salmiya'], ['الجابرية', 'Jabriya'], ['الفروانية', 'Farwaniya'], ['الجهراء', 'Jahra'], ['مشرف', 'Mishref']];

interface DemoAccount {
  billerCode: 'mew-electricity' | 'mew-water' | 'sec-electricity';
  accountNumber: string;
  meterNumber: string;
  civilId: string | null;
  ownerName?: { ar: string; en: string };
  category: Category;
  dailyUse: number;
  dials: number;
  initialReading: bigint;
  area: [string, string];
  /** Periods (as offsets from the latest, 0 = latest) with no reading: those bills are estimated. */
  missed: number[];
}

export const billingDemoSeeder: DemoSeeder = {
  name: 'utility billing (accounts, meters, 12 months of readings and bills)',
  run: async (ctx, seed) => {
    await seedReferenceTariffs(ctx);
    const latest = latestEndedPeriod(businessToday(ctx), BILL_DAY);
    const first = shiftPeriod(latest, -11);
    const installedOn = periodDates(first, BILL_DAY).from;
    const accounts = demoAccounts(seed.people.map((p) => p.civilId));
    for (const account of accounts) await ensureAccount(ctx, account, installedOn);
    for (let offset = 11; offset >= 0; offset--) {
      const period = shiftPeriod(latest, -offset);
      const dates = periodDates(period, BILL_DAY);
      const readOn = addDays(dates.to, -8);
      const at = (day: string) => ({ ...ctx, clock: fixedClock(`${day}T12:00:00+03:00`) });
      for (const account of accounts) {
        if (account.missed.includes(offset)) continue;
        await readMeter(at(readOn), account, installedOn, readOn);
      }
      // Only the latest period's bills tell their owners (the demo's inboxes show one bill each, not twelve).
      for (const billerCode of ['mew-electricity', 'mew-water', 'sec-electricity'] as const) {
        await runBillRun(at(dates.to), actor, { billerCode, period }, { notify: offset === 0 });
      }
    }
    // The latest bills' due-date reminders, when their moment has passed already (the worker writes them otherwise).
    await writeDueReminders(ctx);
    seed.log(`  ${accounts.length} utility accounts, bills ${first} … ${latest}`);
  },
};

function demoAccounts(civilIds: string[]): DemoAccount[] {
  const accounts: DemoAccount[] = [];
  civilIds.forEach((civilId, i) => {
    const area = AREAS[i % AREAS.length]!;
    const category: Category = i % 11 === 5 ? 'commercial' : i % 7 === 6 ? 'investment' : 'residential';
    const missed = i % 5 === 2 ? [4, 3] : [];
    accounts.push({
      billerCode: 'mew-electricity', accountNumber: String(1_100_000_000 + i * 7), meterNumber: `E${String(500_000 + i * 13).padStart(8, '0')}`, civilId,
      category, dailyUse: 25 + ((i * 13) % 45), dials: i === 4 ? 5 : 6, initialReading: i === 4 ? 93_500n : BigInt(10_000 + i * 1_000), area, missed,
    });
    // A few people also hold a Saudi electricity account (SAR, the 2018 tiered residential tariff).
    if (i % 4 === 1 && i < 12) {
      accounts.push({
        billerCode: 'sec-electricity', accountNumber: String(3_100_000_000 + i * 7), meterNumber: `S${String(300_000 + i * 13).padStart(8, '0')}`, civilId,
        category: 'residential', dailyUse: 120 + ((i * 17) % 90), dials: 7, initialReading: BigInt(5_000 + i * 300), area: ['الرياض', 'Riyadh'], missed: [],
      });
    }
    if (i % 2 === 0) {
      accounts.push({
        billerCode: 'mew-water', accountNumber: String(2_100_000_000 + i * 7), meterNumber: `W${String(700_000 + i * 13).padStart(8, '0')}`, civilId,
        category, dailyUse: 180 + ((i * 29) % 150), dials: 7, initialReading: BigInt(40_000 + i * 500), area, missed,
      });
    }
  });
  if (civilIds[0]) {
    accounts.push({
      billerCode: 'mew-electricity', accountNumber: '1199000001', meterNumber: 'E09900001', civilId: civilIds[0], category: 'chalets',
      dailyUse: 12, dials: 6, initialReading: 2_000n, area: ['الخيران', 'Khairan'], missed: [],
    });
  }
  accounts.push({
    billerCode: 'mew-electricity', accountNumber: '1199000002', meterNumber: 'E09900002', civilId: null, category: 'government',
    ownerName: { ar: 'وزارة التربية - مدرسة حولي الابتدائية', en: 'Ministry of Education — Hawalli Primary School' },
    dailyUse: 900, dials: 7, initialReading: 150_000n, area: ['حولي', 'Hawalli'], missed: [],
  });
  return accounts;
}

async function ensureAccount(ctx: Ctx, account: DemoAccount, installedOn: string): Promise<void> {
  if (await findAccountByNumber(ctx, account.accountNumber)) return;
  const block = (Number(account.accountNumber) % 9) + 1;
  const street = (Number(account.accountNumber.slice(-3)) % 40) + 1;
  await openAccount({ ...ctx, clock: fixedClock(`${installedOn}T09:00:00+03:00`) }, actor, {
    billerCode: account.billerCode, accountNumber: account.accountNumber, ownerCivilId: account.civilId, ownerName: account.ownerName ?? null,
    category: account.category, area: { ar: account.area[0], en: account.area[1] },
    address: { ar: `قطعة ${block}، شارع ${street}`, en: `Block ${block}, Street ${street}` },
    meter: { meterNumber: account.meterNumber, dials: account.dials, initialReading: account.initialReading, installedOn },
  });
}

/** The register on `readOn`: the season's daily use summed since installation, wrapped by the dials. */
async function readMeter(ctx: Ctx, account: DemoAccount, installedOn: string, readOn: string): Promise<void> {
  let used = 0;
  for (let day = installedOn; day < readOn; day = addDays(day, 1)) {
    used += Math.round(account.dailyUse * (account.billerCode === 'mew-water' ? 0.8 + SEASON[Number(day.slice(5, 7)) - 1]! / 5 : SEASON[Number(day.slice(5, 7)) - 1]!));
  }
  const value = (account.initialReading + BigInt(used)) % 10n ** BigInt(account.dials);
  try {
    await recordHistoricReading(ctx, actor, { meterNumber: account.meterNumber, value, readOn });
  } catch (error) {
    // Already there (the seed ran before): keep it.
    if (!(error instanceof AppError && (error.code === 'reading_duplicate_day' || error.code === 'reading_out_of_order'))) throw error;
  }
}
