// The order in which vitest hands test files to its two workers. The browser files are the longest (a server, a
// Chromium and dozens of pages each), so they start first and the many short database files fill the other worker
// around them; left to the default order (largest file first, or last run's durations when a cache exists) a
// browser file could start last and run alone while a core sits idle.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

export default class BrowserFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const isBrowser = (file: TestSpecification) => file.project.name === 'e2e';
    return [...sorted.filter(isBrowser), ...sorted.filter((file) => !isBrowser(file))];
  }
}
