// GET /api/v1/demo (src/modules/reports/reports.routes.ts): on a demo server, who to try and where the simulated
// SMS and email land. Anywhere else it answers 404 and the portal shows nothing about a demo.
import { answer, api, ApiError, type ApiClient, type Schema } from '../../api/index.js';

export type DemoFacts = Schema<'DemoFacts'>;

export async function fetchDemoFacts(client: ApiClient = api, signal?: AbortSignal): Promise<DemoFacts | null> {
  try {
    return await answer(client.GET('/api/v1/demo', { signal }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
