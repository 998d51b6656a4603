// `npm run bench -- <scenario> [options]`: runs bench/<scenario>.ts, whose `run(args)` prints one JSON line of
// figures as its last line, with the machine's own limit measured in the same run so the figure is a ratio.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const scenarios = readdirSync(here).filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.startsWith('_')).map((f) => f.slice(0, -3));
const [scenario, ...args] = process.argv.slice(2);

if (!scenario || !scenarios.includes(scenario) || !existsSync(`${here}${scenario}.ts`)) {
  console.error(`usage: npm run bench -- <scenario> [options]\nscenarios: ${scenarios.join(', ') || '(none yet)'}`);
  process.exit(2);
}

const module = (await import(`./${scenario}.ts`)) as { run: (args: string[]) => Promise<void> };
await module.run(args);
process.exit(0);
