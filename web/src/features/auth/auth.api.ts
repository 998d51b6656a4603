// The identity API as the portal uses it. The session lives in an httpOnly cookie the browser sends by itself:
// the portal never sees the token, it only asks "who am I?" (GET /api/v1/auth/me).
import { api, ApiError, type ApiClient, type LocalisedText } from '../../api/index.js';

export interface SignedInUser {
  kind: 'person' | 'staff' | 'client';
  role: string;
  name: LocalisedText;
  civilId?: string;
  preferredLanguage?: 'ar' | 'en';
  unit?: string | null;
}

export type Credentials = { civilId: string; password: string } | { username: string; password: string };

/** The signed-in user, or null when nobody is (401). Other failures are thrown for the caller to show. */
export async function fetchCurrentUser(client: ApiClient = api, signal?: AbortSignal): Promise<SignedInUser | null> {
  try {
    return await client.get<SignedInUser>('/api/v1/auth/me', undefined, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Citizens sign in with their civil ID, staff with their username; both answer with who signed in. */
export async function signIn(credentials: Credentials, client: ApiClient = api): Promise<SignedInUser> {
  const path = 'civilId' in credentials ? '/api/v1/auth/login' : '/api/v1/auth/staff/login';
  return client.post<SignedInUser>(path, credentials);
}

export async function signOutSession(client: ApiClient = api): Promise<void> {
  await client.post('/api/v1/auth/logout');
}
