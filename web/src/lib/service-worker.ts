// Registers the portal's service worker (web/sw/sw.js, written by the build), which makes the portal installable
// and lets its pages open with no network. Only in a build (`vite build`, mode production, whatever NODE_ENV says):
// `vite dev` serves no sw.js, and a worker left from a build would answer the dev server's pages with stale files.
export function registerServiceWorker(): void {
  if (import.meta.env.MODE !== 'production' || !('serviceWorker' in navigator)) return;
  // After the page has loaded: installing the shell then competes with nothing the person is waiting for.
  const register = () => {
    navigator.serviceWorker.register('/sw.js', { scope: '/' }).catch((error: unknown) => {
      console.warn('The service worker could not be registered; the portal works, but not offline.', error);
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
