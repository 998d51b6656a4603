// Two trucks of one operator authorised at once on real parallel PostgreSQL connections (PGlite has one
// connection, so this runs only on PostgreSQL): whatever the interleaving, the holds never exceed the wallet.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDatabaseKind } from '../support/database.js';
import { walletBalances } from '../../src/modules/prepaid/index.js';
import { createOperator, expectBalancedLedger, setUpPrepaid, statement, terminal, topUp, type PrepaidFixture } from './support.js';

const onPostgres = testDatabaseKind() === 'postgres';
let t: TestApp;
let f: PrepaidFixture;

beforeAll(async () => {
  if (!onPostgres) return;
  t = await createTestApp({ seeded: 'demo' });
  f = await setUpPrepaid(t);
});
afterAll(async () => t?.close());

describe.runIf(onPostgres)('concurrent authorisations on PostgreSQL', () => {
  it('two trucks of one operator, many requests each at once: held never more than the wallet had', async () => {
    const { operatorId, plates } = await createOperator(t, f, [{ tankCapacityGallons: 5000 }, { tankCapacityGallons: 5000 }]);
    await topUp(t, f, operatorId, '2.000'); // 2.000 KD: seven holds of 1,000 gallons (0.275 each), not eight
    expect((await statement(t, f, operatorId)).available).toBe('2.000');
    const responses = await Promise.all(Array.from({ length: 16 }, (_, i) => terminal(t.app, t.clock.now(), 'POST', '/api/v1/prepaid/dispenses', {
      dispenseId: `C-${i}`, plate: plates[i % 2], nozzle: 1 + (i % 4), requestedGallons: 1000,
    })));
    const ok = responses.filter((r) => r.statusCode === 201);
    const refused = responses.filter((r) => r.statusCode !== 201);
    expect(ok).toHaveLength(7);
    expect(new Set(refused.map((r) => (r.json() as { code: string }).code))).toEqual(new Set(['prepaid_insufficient_balance']));
    expect(await walletBalances(t.ctx, operatorId)).toEqual({ available: 75n, held: 1_925n, debt: 0n });
    await expectBalancedLedger(t.ctx);
  });
});
