#!/usr/bin/env node
// Runs the gate's static steps side by side: each argument is a chain of npm scripts ("a b c" runs a, then b, then
// c), and the chains run at the same time. Type-checking and linting are each single-threaded; on a two-core machine
// running them one after the other left a core idle for a minute and a half. Each chain's output is printed whole
// when it ends (never interleaved), and the exit code is the first failing chain's, after every chain has ended.
import { spawn } from 'node:child_process';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function runScript(name) {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', '--silent', name], { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), output }));
  });
}

async function runChain(names) {
  for (const name of names) {
    const started = Date.now();
    const result = await runScript(name);
    const seconds = ((Date.now() - started) / 1000).toFixed(0);
    process.stdout.write(`== npm run ${name} (${seconds} s): ${result.code === 0 ? 'ok' : `failed (exit ${result.code})`}\n${result.output}`);
    if (result.code !== 0) return result.code;
  }
  return 0;
}

const chains = process.argv.slice(2).map((chain) => chain.split(/\s+/).filter(Boolean));
if (chains.length === 0) {
  console.error('usage: in-parallel.mjs "script script…" "script…" …');
  process.exit(2);
}
const codes = await Promise.all(chains.map(runChain));
process.exit(codes.find((code) => code !== 0) ?? 0);
