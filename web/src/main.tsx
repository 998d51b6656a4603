// The portal's entry: language first (so <html lang dir> are right before anything paints), then the app, then the
// service worker (installable, opens offline).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import './styles.css';
import { SessionProvider, startSessionCheck } from './features/auth/session.js';
import { setUpI18n } from './i18n/index.js';
import { registerServiceWorker } from './lib/service-worker.js';
import { AppRoutes, pageNeedsSession, preloadPageFor } from './routes/index.js';

const i18n = setUpI18n();
/** The longest the first render of a page for signed-in people waits for "who is signed in?". */
const FIRST_RENDER_SESSION_WAIT_MS = 1_500;
// Who is signed in, and the page's own code, asked for at once before the first render. The first render waits for
// the page's code, and on a page for signed-in people for the session's answer too (it would otherwise ask for the
// code only after that answer, and show "loading" in between). A page for anyone never waits for the session
// (test/e2e/first-paint.test.ts holds that answer back and expects quick pay all the same). Neither wait can fail:
// an unreachable identity API answers "signed out", and code that did not load is the page's own error, as before.
const sessionChecked = startSessionCheck();
const path = window.location.pathname;
// The session's answer is waited for a moment only: a slow one then arrives into a page already showing "loading".
const sessionOrMoment = Promise.race([sessionChecked, new Promise<void>((resolve) => setTimeout(resolve, FIRST_RENDER_SESSION_WAIT_MS))]);
void Promise.all([preloadPageFor(path), pageNeedsSession(path) ? sessionOrMoment : undefined]).then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nextProvider i18n={i18n}>
        <BrowserRouter>
          <SessionProvider>
            <AppRoutes />
          </SessionProvider>
        </BrowserRouter>
      </I18nextProvider>
    </StrictMode>,
  );
});

registerServiceWorker();
