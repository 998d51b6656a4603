#!/usr/bin/env node
// Runs the TypeScript entry point in this same process through tsx's loader, so a clone works without a build
// step. In-process rather than a child: a signal sent to `tasdeed` (SIGTERM from a service manager, Ctrl-C) reaches
// the program's own shutdown handlers, and no second Node starts.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
