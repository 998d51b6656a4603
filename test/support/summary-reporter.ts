// Prints one plain closing line, "N passed, N failed, N skipped", after vitest's own report, so a CI reader that
// does not know vitest's format still sees how many tests ran.
//
// "skipped" means skipped on purpose (it.skip, describe.runIf, a test that skips itself). A test that never ran
// because a beforeAll/beforeEach of its file or suite threw is counted as failed: vitest reports it as skipped,
// which made a broken set-up look like twenty quiet skips. An error no test carries (a file that does not load, an
// afterAll that throws, an error outside any test) counts as one failure more, as it fails the run.
import type { Reporter, SerializedError, TestCase, TestModule, TestSuite } from 'vitest/node';

export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<SerializedError> = []): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    let notRunForHook = 0;
    const failedTests = new Set<TestCase>();
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') {
          passed++;
        } else if (state === 'failed') {
          failed++;
          failedTests.add(test);
        } else if (test.options.mode === 'run' && underFailedHook(test)) {
          failed++;
          notRunForHook++;
          failedTests.add(test);
        } else {
          skipped++;
        }
      }
      for (const node of [module, ...module.children.allSuites()]) {
        if (node.errors().length > 0 && ![...node.children.allTests()].some((test) => failedTests.has(test))) failed++;
      }
    }
    failed += unhandledErrors.length;
    if (notRunForHook > 0) {
      process.stdout.write(`\n${notRunForHook} test${notRunForHook === 1 ? '' : 's'} did not run because a beforeAll/beforeEach hook failed: counted as failed`);
    }
    process.stdout.write(`\n${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}

/** True when the test's file or one of its suites recorded an error (a hook that threw) before the test could run. */
function underFailedHook(test: TestCase): boolean {
  for (let node: TestSuite | TestModule = test.parent; ; node = node.parent) {
    if (node.errors().length > 0) return true;
    if (node.type === 'module') return false;
  }
}
