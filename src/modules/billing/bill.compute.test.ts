import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { computeBill, type BillInput } from './bill.compute.js';
import { periodDates } from './billing.periods.js';
import type { Schedule } from '../tariffs/tariffs.service.js';

const flat2: Schedule = { currency: 'KWD', unit: 'kWh', versions: [{ id: 'kw', effectiveFrom: '2017-04-01', effectiveTo: null, fixedMonthly: 0n, vatRateBps: 0, tiers: [{ upTo: null, rate: { minor: 2n, perUnits: 1n } }] }] };
const saudi: Schedule = {
  currency: 'SAR', unit: 'kWh', versions: [{
    id: 'sa', effectiveFrom: '2018-01-01', effectiveTo: null, fixedMonthly: 1000n, vatRateBps: 0,
    tiers: [{ upTo: 6000n, rate: { minor: 18n, perUnits: 1n } }, { upTo: null, rate: { minor: 30n, perUnits: 1n } }],
  }],
};
// The Saudi blocks with VAT as the seed has it: 5 % from 2018, 15 % from July 2020.
const saudiWithVat = (rateAfter2020 = 1500): Schedule => ({
  currency: 'SAR', unit: 'kWh', versions: [
    { ...saudi.versions[0]!, id: 'sa-2018', effectiveTo: '2020-07-01', vatRateBps: 500 },
    { ...saudi.versions[0]!, id: 'sa-2020', effectiveFrom: '2020-07-01', vatRateBps: rateAfter2020 },
  ],
});
const november = periodDates('2026-11', 28);
const input = (change: Partial<BillInput>): BillInput => ({
  dates: november, schedule: flat2, previous: null,
  readings: { count: 0, units: 0n, lastValue: null, lastReadOn: null },
  firstPoint: { value: 0n, readOn: '2026-01-01' }, history: null, previousBalance: 0n, ...change,
});

describe('computing a bill', () => {
  it('has 31 days in period 2026-11 with bill day 28', () => {
    expect(november).toEqual({ period: '2026-11', from: '2026-10-29', to: '2026-11-28', days: 31 });
  });

  it('prices actual use through the blocks and adds the fixed charge', () => {
    const bill = computeBill(input({ schedule: saudi, readings: { count: 1, units: 7000n, lastValue: 7000n, lastReadOn: '2026-11-20' } }));
    expect(bill.lines.map((l) => [l.kind, l.quantity, l.amount])).toEqual([['consumption', 6000n, 108_000n], ['consumption', 1000n, 30_000n], ['fixed', null, 1000n]]);
    expect(bill).toMatchObject({ estimated: false, amount: 139_000n, energyAmount: 138_000n, basisReadOn: '2026-11-20', currentValue: 7000n, previousValue: 0n });
  });

  it('estimates from the average daily use when there is no reading, and remembers the estimate', () => {
    const bill = computeBill(input({ history: { units: 600n, days: 20 } }));
    // 30 a day × 31 days.
    expect(bill).toMatchObject({ estimated: true, consumption: 930n, amount: 1860n, currentValue: null, basisReadOn: '2026-01-01' });
    expect(bill.pendingEstimates).toEqual([{ period: '2026-11', from: '2026-10-29', to: '2026-11-28', units: '930', energyAmount: '1860' }]);
  });

  it('estimates nothing without history, but the bill still exists at zero', () => {
    const bill = computeBill(input({}));
    expect(bill).toMatchObject({ estimated: true, consumption: 0n, amount: 0n });
    expect(bill.lines).toHaveLength(1);
  });

  it('corrects earlier estimates with the next actual reading, pricing all the months it covers', () => {
    const october = periodDates('2026-10', 28);
    const pending = [{ period: '2026-10', from: october.from, to: october.to, units: '6000', energyAmount: '108000' }];
    const bill = computeBill(input({
      schedule: saudi,
      previous: { basisValue: 1000n, basisReadOn: '2026-09-20', pendingEstimates: pending, creditCarriedForward: 0n },
      readings: { count: 1, units: 13_000n, lastValue: 14_000n, lastReadOn: '2026-11-20' },
    }));
    // Two months: 12,000 kWh at 18, 1,000 at 30; minus the 108,000 already billed; plus this month's fixed charge.
    expect(bill.lines.map((l) => [l.kind, l.amount])).toEqual([['consumption', 216_000n], ['consumption', 30_000n], ['estimate_correction', -108_000n], ['fixed', 1000n]]);
    expect(bill).toMatchObject({ amount: 139_000n, pendingEstimates: [], previousValue: 1000n, currentValue: 14_000n });
  });

  it('turns a correction larger than the new charges into a credit note, never a negative bill', () => {
    const october = periodDates('2026-10', 28);
    const overEstimated = computeBill(input({
      previous: { basisValue: 0n, basisReadOn: '2026-09-20', pendingEstimates: [{ period: '2026-10', from: october.from, to: october.to, units: '5000', energyAmount: '10000' }], creditCarriedForward: 0n },
      readings: { count: 1, units: 1000n, lastValue: 1000n, lastReadOn: '2026-11-20' },
    }));
    expect(overEstimated).toMatchObject({ amount: 0n, creditNote: 8000n, creditCarriedForward: 0n });
    // A bill from before #16 that carried credit outside the ledger: its credit is still brought forward once.
    const next = computeBill(input({
      dates: periodDates('2026-12', 28),
      previous: { basisValue: 1000n, basisReadOn: '2026-11-20', pendingEstimates: [], creditCarriedForward: 8000n },
      readings: { count: 1, units: 5000n, lastValue: 6000n, lastReadOn: '2026-12-20' },
    }));
    expect(next.lines.map((l) => [l.kind, l.amount])).toEqual([['consumption', 10_000n], ['credit_brought_forward', -8000n]]);
    expect(next).toMatchObject({ amount: 2000n, creditBroughtForward: 8000n, creditCarriedForward: 0n });
  });

  it('adds VAT on the charges at the rate of the version in force on the period\'s last day', () => {
    const bill = computeBill(input({ schedule: saudiWithVat(), readings: { count: 1, units: 7000n, lastValue: 7000n, lastReadOn: '2026-11-20' } }));
    // 138,000 of energy and 1,000 fixed, then 15 % of 139,000.
    expect(bill.lines.map((l) => [l.kind, l.amount])).toEqual([['consumption', 108_000n], ['consumption', 30_000n], ['fixed', 1000n], ['vat', 20_850n]]);
    expect(bill.lines.at(-1)).toMatchObject({ tariffVersionId: 'sa-2020', detail: { rateBps: 1500 } });
    expect(bill).toMatchObject({ amount: 159_850n, energyAmount: 138_000n });
    // Period 2020-07 runs 29 June to 28 July: its last day is under the 15 % version, though it began under 5 %.
    const july2020 = computeBill(input({ dates: periodDates('2020-07', 28), schedule: saudiWithVat(), firstPoint: { value: 0n, readOn: '2020-01-01' }, readings: { count: 1, units: 100n, lastValue: 100n, lastReadOn: '2020-07-20' } }));
    expect(july2020.lines.find((l) => l.kind === 'vat')).toMatchObject({ amount: 420n, detail: { rateBps: 1500 } }) // 1,800 energy + 1,000 fixed, at 15 %;
    const june2020 = computeBill(input({ dates: periodDates('2020-06', 28), schedule: saudiWithVat(), firstPoint: { value: 0n, readOn: '2020-01-01' }, readings: { count: 1, units: 100n, lastValue: 100n, lastReadOn: '2020-06-20' } }));
    expect(june2020.lines.find((l) => l.kind === 'vat')).toMatchObject({ amount: 140n, detail: { rateBps: 500 } });
  });

  it('gives the VAT back with a correction larger than the charges, and adds none where the rate is zero', () => {
    const october = periodDates('2026-10', 28);
    const overEstimated = computeBill(input({
      schedule: saudiWithVat(),
      previous: { basisValue: 0n, basisReadOn: '2026-09-20', pendingEstimates: [{ period: '2026-10', from: october.from, to: october.to, units: '5000', energyAmount: '90000' }], creditCarriedForward: 0n },
      readings: { count: 1, units: 6000n, lastValue: 6000n, lastReadOn: '2026-11-20' },
    }));
    // 6,000 kWh over two months at 18 = 108,000; less 90,000 billed; plus 1,000 fixed = 19,000 net; VAT 2,850.
    expect(overEstimated.lines.find((l) => l.kind === 'vat')?.amount).toBe(2850n);
    const lower = computeBill(input({
      schedule: saudiWithVat(),
      previous: { basisValue: 0n, basisReadOn: '2026-09-20', pendingEstimates: [{ period: '2026-10', from: october.from, to: october.to, units: '9000', energyAmount: '200000' }], creditCarriedForward: 0n },
      readings: { count: 1, units: 1000n, lastValue: 1000n, lastReadOn: '2026-11-20' },
    }));
    // 18,000 − 200,000 + 1,000 = −181,000 net; VAT −27,150: the credit note gives back 208,150.
    expect(lower).toMatchObject({ amount: 0n, creditNote: 208_150n });
    expect(computeBill(input({ readings: { count: 1, units: 100n, lastValue: 100n, lastReadOn: '2026-11-20' } })).lines.some((l) => l.kind === 'vat')).toBe(false);
  });

  it('shows the unpaid previous balance without adding it', () => {
    const bill = computeBill(input({ previousBalance: 5000n, readings: { count: 1, units: 100n, lastValue: 100n, lastReadOn: '2026-11-20' } }));
    expect(bill.amount).toBe(200n);
    expect(bill.lines.at(-1)).toMatchObject({ kind: 'previous_balance', amount: 5000n, countsInTotal: false });
  });

  it('never lets money appear or vanish: amount − credit note = the lines that count, for any inputs', () => {
    fc.assert(fc.property(
      fc.bigInt({ min: 0n, max: 100_000n }), fc.bigInt({ min: 0n, max: 200_000n }), fc.bigInt({ min: 0n, max: 50_000n }), fc.boolean(), fc.integer({ min: 0, max: 2500 }),
      (units, billedBefore, credit, actual, vatRateBps) => {
        const october = periodDates('2026-10', 28);
        const bill = computeBill(input({
          schedule: saudiWithVat(vatRateBps),
          previous: { basisValue: 0n, basisReadOn: '2026-09-20', pendingEstimates: [{ period: '2026-10', from: october.from, to: october.to, units: '100', energyAmount: billedBefore.toString() }], creditCarriedForward: credit },
          readings: actual ? { count: 1, units, lastValue: units, lastReadOn: '2026-11-20' } : { count: 0, units: 0n, lastValue: null, lastReadOn: null },
          history: { units, days: 30 },
        }));
        const counted = bill.lines.filter((l) => l.countsInTotal).reduce((s, l) => s + l.amount, 0n);
        expect(bill.amount >= 0n && bill.creditNote >= 0n && bill.creditCarriedForward === 0n).toBe(true);
        expect(bill.amount - bill.creditNote).toBe(counted);
      },
    ));
  });
});
