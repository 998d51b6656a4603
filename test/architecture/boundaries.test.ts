// The module boundaries are enforced, not hoped for: dependency-cruiser runs in `npm test` over src/ with
// .dependency-cruiser.cjs, and here over a small planted tree, so a rule that stopped catching its shortcut fails.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const depcruise = join(root, 'node_modules/.bin/depcruise');
const scratch = mkdtempSync(join(tmpdir(), 'tasdeed-boundaries-'));

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function plant(files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(scratch, path)), { recursive: true });
    writeFileSync(join(scratch, path), text);
  }
}

interface Violation { rule: { name: string }; from: string; to: string }

function violations(): Violation[] {
  copyFileSync(join(root, '.dependency-cruiser.cjs'), join(scratch, '.dependency-cruiser.cjs'));
  writeFileSync(join(scratch, 'tsconfig.json'), JSON.stringify({ compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true } }));
  let output: string;
  try {
    output = execFileSync(depcruise, ['--config', '.dependency-cruiser.cjs', '--output-type', 'json', 'src'], { cwd: scratch, encoding: 'utf8' });
  } catch (error) {
    // depcruise exits non-zero when it finds violations; the JSON report is on stdout all the same.
    output = (error as { stdout: string }).stdout;
  }
  return (JSON.parse(output) as { summary: { violations: Violation[] } }).summary.violations;
}

describe('the module boundaries', () => {
  it('catch each planted shortcut, and let the surfaces through', () => {
    plant({
      'src/db/schema/billers.ts': 'export const payables = {};\n',
      'src/db/schema/ledger.ts': 'export const ledgerEntries = {};\n',
      'src/http/app.ts': 'export const app = {};\n',
      'src/modules/billers/payables.store.ts': "import { payables } from '../../db/schema/billers.js';\nexport const findPayable = () => payables;\n",
      'src/modules/billers/index.ts': "export { findPayable as payables } from './payables.store.js';\n",
      // a cross-module store import, and another module's table
      'src/modules/fines/fines.store.ts': "import { findPayable } from '../billers/payables.store.js';\nimport { ledgerEntries } from '../../db/schema/ledger.js';\nexport const x = [findPayable, ledgerEntries];\n",
      // through the surface: allowed
      'src/modules/fines/fines.service.ts': "import { payables } from '../billers/index.js';\nexport const y = payables;\n",
      // the heart importing a module, and a service importing HTTP
      'src/modules/ledger/ledger.service.ts': "import { payables } from '../billers/index.js';\nimport { app } from '../../http/app.js';\nexport const z = [payables, app];\n",
      // the composition root reaching past a surface
      'src/workers/index.ts': "import { findPayable } from '../modules/billers/payables.store.js';\nexport const w = findPayable;\n",
    });
    const found = violations().map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort();
    expect(found).toEqual([
      'heart-depends-on-nothing: src/modules/ledger/ledger.service.ts → src/modules/billers/index.ts',
      'module-surface-only: src/modules/fines/fines.store.ts → src/modules/billers/payables.store.ts',
      'root-uses-module-surface: src/workers/index.ts → src/modules/billers/payables.store.ts',
      'services-not-http: src/modules/ledger/ledger.service.ts → src/http/app.ts',
      'tables-of-their-owner: src/modules/fines/fines.store.ts → src/db/schema/ledger.ts',
    ]);
  });
});
