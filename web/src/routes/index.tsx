// The portal's pages. Each page is its own chunk (React.lazy), so the first visit downloads only the frame and
// the page asked for. To add a page: create `routes/<Name>Page.tsx` with a default export, and add a line here
// (wrap it in <RequireSignIn> if it is for signed-in people only).
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { Layout } from '../components/Layout.js';
import { RequireSignIn } from '../features/auth/RequireSignIn.js';

const QuickPayPage = lazy(() => import('./QuickPayPage.js'));
const SignInPage = lazy(() => import('./SignInPage.js'));
const DashboardPage = lazy(() => import('./DashboardPage.js'));
const NotFoundPage = lazy(() => import('./NotFoundPage.js'));

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<QuickPayPage />} />
        <Route path="sign-in" element={<SignInPage />} />
        <Route
          path="dashboard"
          element={
            <RequireSignIn>
              <DashboardPage />
            </RequireSignIn>
          }
        />
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
