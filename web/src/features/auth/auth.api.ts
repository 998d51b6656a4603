// The identity API as the portal uses it. The session lives in an httpOnly cookie the browser sends by itself:
// the portal never sees the token, it only asks "who am I?" (GET /api/v1/auth/me).
import { answer, api, ApiError, type ApiClient, type RequestBody, type Schema } from '../../api/index.js';

export type SignedInUser = Schema<'Me'>;

export type Credentials = RequestBody<'/api/v1/auth/login', 'post'> | RequestBody<'/api/v1/auth/staff/login', 'post'>;

/** The signed-in user, or null when nobody is (401). Other failures are thrown for the caller to show. */
export async function fetchCurrentUser(client: ApiClient = api, signal?: AbortSignal): Promise<SignedInUser | null> {
  try {
    return await answer(client.GET('/api/v1/auth/me', { signal }));
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

/** Citizens sign in with their civil ID, staff with their username; both answer with who signed in. */
export function signIn(credentials: Credentials, client: ApiClient = api): Promise<SignedInUser> {
  return 'civilId' in credentials
    ? answer(client.POST('/api/v1/auth/login', { body: credentials }))
    : answer(client.POST('/api/v1/auth/staff/login', { body: credentials }));
}

/** Asks for a sign-in code by SMS; the answer is the same whether or not the civil ID has a registered phone. */
export async function requestSignInCode(civilId: string, client: ApiClient = api): Promise<void> {
  await answer(client.POST('/api/v1/auth/sign-in-code', { body: { civilId } }));
}

/** Signs a citizen in with the code from the SMS (the way in while the password is locked or forgotten). */
export function signInWithCode(input: RequestBody<'/api/v1/auth/sign-in-code/verify', 'post'>, client: ApiClient = api): Promise<SignedInUser> {
  return answer(client.POST('/api/v1/auth/sign-in-code/verify', { body: input }));
}

export async function signOutSession(client: ApiClient = api): Promise<void> {
  await answer(client.POST('/api/v1/auth/logout'));
}
