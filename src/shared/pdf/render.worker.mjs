// The render worker's entry point, in plain JavaScript so a worker thread can start it whatever loaded the main
// thread: `tasdeed serve` (tsx), vitest or the bench. It registers tsx for this thread and loads the TypeScript
// worker through it.
import { register } from 'tsx/esm/api';

const api = register({ namespace: 'tasdeed-render-worker' });
const worker = await api.import('./render.worker.ts', import.meta.url);

export default worker.default.default ?? worker.default;
