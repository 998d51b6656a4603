// The e2e project's screenshots go into a folder of this run under the system's temporary directory, removed when
// the run ends: `npm test` takes and checks every picture but leaves docs/screenshots/ to `npm run screenshots`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    tasdeedScreenshotDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'tasdeed-screenshots-'));
  project.provide('tasdeedScreenshotDir', dir);
  return () => rmSync(dir, { recursive: true, force: true });
}
