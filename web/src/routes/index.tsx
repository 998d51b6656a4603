// The portal's pages. Each page is its own chunk (React.lazy), so the first visit downloads only the frame and
// the page asked for. To add a page: create `routes/<Name>Page.tsx` with a default export, and add a line here
// (wrap it in <RequireSignIn> if it is for signed-in people only, with `roles` for staff tools).
import { lazy, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from '../components/Layout.js';
import { RequireSignIn } from '../features/auth/RequireSignIn.js';
import { KioskFrame } from '../features/kiosk/KioskFrame.js';

const QuickPayPage = lazy(() => import('./QuickPayPage.js'));
const SignInPage = lazy(() => import('./SignInPage.js'));
const DashboardPage = lazy(() => import('./DashboardPage.js'));
const ViolationsPage = lazy(() => import('./ViolationsPage.js'));
const PaymentsPage = lazy(() => import('./PaymentsPage.js'));
const ReceiptPage = lazy(() => import('./ReceiptPage.js'));
const NotificationSettingsPage = lazy(() => import('./NotificationSettingsPage.js'));
const BillPage = lazy(() => import('./BillPage.js'));
const BillsPage = lazy(() => import('./BillsPage.js'));
const ReadingPage = lazy(() => import('./ReadingPage.js'));
const RequestsPage = lazy(() => import('./RequestsPage.js'));
const NewRequestPage = lazy(() => import('./NewRequestPage.js'));
const RequestPage = lazy(() => import('./RequestPage.js'));
const RequestQueuePage = lazy(() => import('./staff/RequestQueuePage.js'));
const StaffHomePage = lazy(() => import('./staff/StaffHomePage.js'));
const RecordViolationPage = lazy(() => import('./staff/RecordViolationPage.js'));
const BillRunsPage = lazy(() => import('./staff/BillRunsPage.js'));
const DeadLettersPage = lazy(() => import('./staff/DeadLettersPage.js'));
const CollectionsPage = lazy(() => import('./staff/CollectionsPage.js'));
const PrepaidStationsPage = lazy(() => import('./staff/PrepaidStationsPage.js'));
const ReportsPage = lazy(() => import('./staff/ReportsPage.js'));
const ReportPage = lazy(() => import('./staff/ReportPage.js'));
const CounterPage = lazy(() => import('./staff/CounterPage.js'));
const CounterSupervisorPage = lazy(() => import('./staff/CounterSupervisorPage.js'));
const PrepaidWalletPage = lazy(() => import('./PrepaidWalletPage.js'));
const PaymentResultPage = lazy(() => import('./PaymentResultPage.js'));
const NotFoundPage = lazy(() => import('./NotFoundPage.js'));
const KioskPage = lazy(() => import('./KioskPage.js'));
const KioskResultPage = lazy(() => import('./KioskResultPage.js'));

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
