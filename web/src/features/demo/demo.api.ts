// GET /api/v1/demo (src/modules/reports/reports.routes.ts): on a demo server, who to try and where the simulated
// SMS and email land. Anywhere else it answers 404 and the portal shows nothing about a demo.
import { api, ApiError, type ApiClient } from '../../api/index.js';

export interface DemoFacts {
  citizen: { civilId: string; nameAr: string; nameEn: string };
  password: string;
  staff: { username: string; role: string }[];
  inboxes: { sms: string | null; email: string | null };
}

export async function fetchDemoFacts(client: ApiClient = api, signal?: AbortSignal): Promise<DemoFacts | null> {
  try {
    return await client.get<DemoFacts>('/api/v1/demo', undefined, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}
