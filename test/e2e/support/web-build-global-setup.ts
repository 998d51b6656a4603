// The portal is built once for the run, before any browser file starts: the files run in parallel, and two of them
// finding dist/web stale at once would both build into the same folder.
import { ensureWebBuilt } from './web-build.js';

export default function setup(): void {
  ensureWebBuilt();
}
