// `npm run bench -- portal [--runs 5]`: the largest contentful paint of quick pay and the signed-in dashboard in
// Chromium. The scenario lives beside the browser tests (test/e2e/support/portal-bench.ts), whose TypeScript program
// has the DOM types its page callbacks need; the server's program (tsconfig.json) has none, so the module is named
// at run time rather than imported statically.
const SCENARIO = '../test/e2e/support/portal-bench.js';

export async function run(args: string[]): Promise<void> {
  const scenario = (await import(SCENARIO)) as { run: (args: string[]) => Promise<void> };
  await scenario.run(args);
}
