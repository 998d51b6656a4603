// The portal's entry: language first (so <html lang dir> are right before anything paints), then the app, then the
// service worker (installable, opens offline).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter } from 'react-router';
import './styles.css';
import { SessionProvider } from './features/auth/session.js';
import { setUpI18n } from './i18n/index.js';
import { registerServiceWorker } from './lib/service-worker.js';
import { AppRoutes } from './routes/index.js';

const i18n = setUpI18n();

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

registerServiceWorker();
