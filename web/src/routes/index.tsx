// The portal's pages. Each page is its own chunk (React.lazy), so the first visit downloads only the frame and
// the page asked for. To add a page: create `routes/<Name>Page.tsx` with a default export, and add a line here
// (wrap it in <RequireSignIn> if it is for signed-in people only, with `roles` for staff tools).
import { lazy, useState, type ComponentType, type ReactNode } from 'react';
import { matchPath, Route, Routes } from 'react-router';
import { Layout } from '../components/Layout.js';
import { RequireSignIn } from '../features/auth/RequireSignIn.js';
import { KioskFrame } from '../features/kiosk/KioskFrame.js';

// Each page's code, by the paths that show it: a first visit to a signed-in page fetches its chunk while the
// session is still being checked (preloadPageFor, from main.tsx) instead of after it. A path missing here only
// loses that head start; the routes below decide what is shown.
const PAGE_LOADERS: Array<{ paths: string[]; load: () => Promise<unknown>; open: boolean }> = [];

/** `open`: shown to anyone, so its first render need not wait to learn who is signed in. */
function lazyPage(paths: string[], load: () => Promise<{ default: ComponentType }>, open = false): ComponentType {
  let loaded: ComponentType | null = null;
  const loadOnce = () => load().then((module) => {
    loaded = module.default;
    return module;
  });
  const Lazy = lazy(loadOnce);
  PAGE_LOADERS.push({ paths, load: loadOnce, open });
  return function Page() {
    // Code already here (preloaded): rendered at once, without suspending, so React does not hold the page back
    // behind a fallback (it paces the reveal of suspended content). Chosen once per mount: a page never remounts.
    const [Component] = useState<ComponentType>(() => loaded ?? Lazy);
    return <Component />;
  };
}

const pageAt = (pathname: string) => PAGE_LOADERS.find(({ paths }) => paths.some((path) => matchPath(`/${path}`, pathname)));

/** Fetches the code of the page at `pathname` (import() runs once; the page then renders without waiting). */
export function preloadPageFor(pathname: string): Promise<void> {
  const found = pageAt(pathname);
  return found ? found.load().then(() => undefined, () => undefined) : Promise.resolve();
}

/** Whether the page at `pathname` is for signed-in people (its first render waits for the session's answer). */
export function pageNeedsSession(pathname: string): boolean {
  return !(pageAt(pathname)?.open ?? true);
}

const QuickPayPage = lazyPage([''], () => import('./QuickPayPage.js'), true);
const SignInPage = lazyPage(['sign-in'], () => import('./SignInPage.js'), true);
const DashboardPage = lazyPage(['dashboard'], () => import('./DashboardPage.js'));
const ViolationsPage = lazyPage(['violations'], () => import('./ViolationsPage.js'));
const PaymentsPage = lazyPage(['payments'], () => import('./PaymentsPage.js'));
const ReceiptPage = lazyPage(['receipts/:receiptNumber'], () => import('./ReceiptPage.js'));
const NotificationSettingsPage = lazyPage(['settings/notifications'], () => import('./NotificationSettingsPage.js'));
const BillPage = lazyPage(['bills/:billId'], () => import('./BillPage.js'));
const BillsPage = lazyPage(['bills'], () => import('./BillsPage.js'));
const ReadingPage = lazyPage(['readings'], () => import('./ReadingPage.js'));
const RequestsPage = lazyPage(['requests'], () => import('./RequestsPage.js'));
const NewRequestPage = lazyPage(['requests/new'], () => import('./NewRequestPage.js'));
const RequestPage = lazyPage(['requests/:id', 'staff/requests/:id'], () => import('./RequestPage.js'));
const RequestQueuePage = lazyPage(['staff/requests'], () => import('./staff/RequestQueuePage.js'));
const StaffHomePage = lazyPage(['staff'], () => import('./staff/StaffHomePage.js'));
const RecordViolationPage = lazyPage(['staff/violations/new'], () => import('./staff/RecordViolationPage.js'));
const BillRunsPage = lazyPage(['staff/bill-runs'], () => import('./staff/BillRunsPage.js'));
const DeadLettersPage = lazyPage(['staff/notifications'], () => import('./staff/DeadLettersPage.js'));
const CollectionsPage = lazyPage(['staff/collections'], () => import('./staff/CollectionsPage.js'));
const PrepaidStationsPage = lazyPage(['staff/prepaid'], () => import('./staff/PrepaidStationsPage.js'));
const ReportsPage = lazyPage(['staff/reports'], () => import('./staff/ReportsPage.js'));
const ReportPage = lazyPage(['staff/reports/:name'], () => import('./staff/ReportPage.js'));
const CounterPage = lazyPage(['staff/counter'], () => import('./staff/CounterPage.js'));
const CounterSupervisorPage = lazyPage(['staff/counter/day'], () => import('./staff/CounterSupervisorPage.js'));
const PrepaidWalletPage = lazyPage(['prepaid'], () => import('./PrepaidWalletPage.js'));
const PaymentResultPage = lazyPage(['pay/result/:paymentId'], () => import('./PaymentResultPage.js'), true);
const NotFoundPage = lazyPage([], () => import('./NotFoundPage.js'), true);
const KioskPage = lazyPage(['kiosk'], () => import('./KioskPage.js'), true);
const KioskResultPage = lazyPage(['kiosk/result/:paymentId'], () => import('./KioskResultPage.js'), true);

const citizen = (page: ReactNode) => <RequireSignIn roles={['citizen']}>{page}</RequireSignIn>;
const staff = (page: ReactNode, roles?: string[]) => (
  <RequireSignIn staff roles={roles ?? ['officer', 'admin', 'cashier', 'service', 'supervisor']}>
    {page}
  </RequireSignIn>
);

export function AppRoutes() {
  return (
    <Routes>
      {/* A self-service kiosk: its own frame (no site menu, no sign-in), no session needed. */}
      <Route element={<KioskFrame />}>
        <Route path="kiosk" element={<KioskPage />} />
        <Route path="kiosk/result/:paymentId" element={<KioskResultPage />} />
      </Route>
      <Route element={<Layout />}>
        <Route index element={<QuickPayPage />} />
        <Route path="pay/result/:paymentId" element={<PaymentResultPage />} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route path="dashboard" element={<RequireSignIn>{<DashboardPage />}</RequireSignIn>} />
        <Route path="violations" element={citizen(<ViolationsPage />)} />
        <Route path="payments" element={citizen(<PaymentsPage />)} />
        <Route path="receipts/:receiptNumber" element={<RequireSignIn>{<ReceiptPage />}</RequireSignIn>} />
        <Route path="settings/notifications" element={citizen(<NotificationSettingsPage />)} />
        <Route path="bills" element={citizen(<BillsPage />)} />
        <Route path="bills/:billId" element={<RequireSignIn>{<BillPage />}</RequireSignIn>} />
        <Route path="readings" element={citizen(<ReadingPage />)} />
        <Route path="prepaid" element={citizen(<PrepaidWalletPage />)} />
        <Route path="requests" element={citizen(<RequestsPage />)} />
        <Route path="requests/new" element={citizen(<NewRequestPage />)} />
        <Route path="requests/:id" element={citizen(<RequestPage />)} />
        <Route path="staff" element={staff(<StaffHomePage />)} />
        <Route path="staff/violations/new" element={staff(<RecordViolationPage />, ['officer'])} />
        <Route path="staff/bill-runs" element={staff(<BillRunsPage />, ['admin'])} />
        <Route path="staff/notifications" element={staff(<DeadLettersPage />, ['admin'])} />
        <Route path="staff/collections" element={staff(<CollectionsPage />, ['admin'])} />
        <Route path="staff/reports" element={staff(<ReportsPage />, ['admin'])} />
        <Route path="staff/reports/:name" element={staff(<ReportPage />, ['admin'])} />
        <Route path="staff/prepaid" element={staff(<PrepaidStationsPage />, ['admin'])} />
        <Route path="staff/counter" element={staff(<CounterPage />, ['cashier'])} />
        <Route path="staff/counter/day" element={staff(<CounterSupervisorPage />, ['supervisor', 'admin'])} />
        <Route path="staff/requests" element={staff(<RequestQueuePage />, ['service', 'admin'])} />
        <Route path="staff/requests/:id" element={staff(<RequestPage />, ['service', 'admin'])} />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
