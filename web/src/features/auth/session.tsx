// Who is signed in, for every page: asked once when the portal opens and again after signing in or out.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { isUnreachable } from '../../api/index.js';
import { fetchCurrentUser, signIn as signInWithApi, signOutSession, type Credentials, type SignedInUser } from './auth.api.js';
import { rememberedUser, rememberUser } from './remembered-user.js';

export type SessionState =
  | { status: 'loading'; user: null }
  /** `left`: the person signed out themselves just now, so pages for signed-in people send them home, not to sign in. */
  | { status: 'signed-out'; user: null; left?: boolean }
  | { status: 'signed-in'; user: SignedInUser };

interface SessionContextValue {
  session: SessionState;
  refresh(): Promise<SignedInUser | null>;
  signIn(credentials: Credentials): Promise<SignedInUser>;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

function stateFor(user: SignedInUser | null, left = false): SessionState {
  return user ? { status: 'signed-in', user } : { status: 'signed-out', user: null, left };
}

// The first "who is signed in?" can be asked before React renders (main.tsx), in parallel with the page's code; when
// its answer is already here at the first render, the pages start from it instead of from "loading".
let earlyCheck: Promise<SignedInUser | null> | null = null;
let earlyAnswer: { user: SignedInUser | null } | null = null;

/**
 * How long "who is signed in?" may go unanswered before it counts as unreachable. A server that accepts the request
 * and never answers (a stalled proxy, a half-open connection) would otherwise leave every page for signed-in people
 * waiting for ever.
 */
const SESSION_CHECK_TIMEOUT_MS = 10_000;

// A portal whose identity API cannot be reached still lets people pay without signing in; staff who were signed in
// on this browser keep their pages (the counter works offline), each call still checked by the server.
function checkCurrentUser(): Promise<SignedInUser | null> {
  return fetchCurrentUser(undefined, AbortSignal.timeout(SESSION_CHECK_TIMEOUT_MS)).then(
    (me) => {
      rememberUser(me);
      return me;
    },
    (error: unknown) => (isUnreachable(error) ? rememberedUser() : null),
  );
}

/** Asks the server who is signed in now, for the SessionProvider's first check to use; resolves when answered. */
export function startSessionCheck(): Promise<void> {
  earlyCheck ??= checkCurrentUser();
  return earlyCheck.then((user) => {
    earlyAnswer = { user };
  });
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionState>(() => (earlyAnswer ? stateFor(earlyAnswer.user) : { status: 'loading', user: null }));
  // Whether the first render started from the early answer. Not "is it here now": an answer that lands between that
  // render and the effect below (a slow first render gives it the time) was not shown, and must still be.
  const startedFromEarlyAnswer = useRef(session.status !== 'loading');

  const refresh = useCallback(async () => {
    const early = earlyCheck;
    earlyCheck = null;
    earlyAnswer = null;
    const user = await (early ?? checkCurrentUser());
    setSession(stateFor(user));
    return user;
  }, []);

  useEffect(() => {
    // Already answered before the first render (startSessionCheck): nothing to ask again. Otherwise refresh() takes
    // the early question's answer, whether it came meanwhile or is still on its way.
    if (startedFromEarlyAnswer.current) {
      earlyCheck = null;
      earlyAnswer = null;
      return;
    }
    void refresh();
  }, [refresh]);

  const signIn = useCallback(async (credentials: Credentials) => {
    const user = await signInWithApi(credentials);
    rememberUser(user);
    setSession(stateFor(user));
    return user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await signOutSession();
    } finally {
      rememberUser(null);
      setSession(stateFor(null, true));
    }
  }, []);

  const value = useMemo(() => ({ session, refresh, signIn, signOut }), [session, refresh, signIn, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession needs a <SessionProvider> above it');
  return value;
}
