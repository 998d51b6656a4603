// Once per run, before any browser file: the demo database every browser file's server starts from
// (support/server.ts), so that each file pays neither initdb and the 40-person seed (about 12 s of CPU) nor the ~200
// messages, receipt PDFs among them, that a fresh demo sends in its first seconds, in the background of its tests.
//
// vitest runs the projects' set-ups one after the other in its main process, and this one is the longest (about
// 25 s on a slow machine, on one core). So it only starts the work, in a child process
// (demo-database.build.ts), and returns: the database set-ups of the other projects run meanwhile on the other
// core, and a browser file that starts before the tarball is there waits for it (or for the child's failure).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    tasdeedDemoDatabase: string;
  }
}

const BUILD_SCRIPT = fileURLToPath(new URL('./demo-database.build.ts', import.meta.url));

/** The file a failed build leaves beside the tarball's name, with what the child printed. */
export function demoDatabaseFailureFile(tarball: string): string {
  return `${tarball}.failed`;
}

export default function setup(project: TestProject): () => Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tasdeed-e2e-demo-'));
  const file = join(dir, 'demo.tar');
  const child = spawn(process.execPath, ['--import', 'tsx', BUILD_SCRIPT, file], { stdio: ['ignore', 'ignore', 'pipe'] });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const ended = new Promise<void>((resolve) => {
    child.on('error', (error) => {
      writeFileSync(demoDatabaseFailureFile(file), `could not start ${BUILD_SCRIPT}: ${error.message}`);
      resolve();
    });
    child.on('exit', (code, signal) => {
      if (code !== 0) writeFileSync(demoDatabaseFailureFile(file), `${BUILD_SCRIPT} ended with ${signal ?? `exit code ${code}`}\n${errors}`);
      resolve();
    });
  });
  project.provide('tasdeedDemoDatabase', file);
  return async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    await ended;
    rmSync(dir, { recursive: true, force: true });
  };
}
