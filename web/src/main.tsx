import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { setCsrfToken } from './api/http.ts';
import { createQueryClient } from './api/query-client.ts';
import { Guard, NotFound, SessionGate } from './app/guard.tsx';
import { AppLayout } from './app/layout.tsx';
import { LOGIN_PAGE, LOGIN_PATH, ROUTES } from './app/routes.tsx';
import { markPasswordChangeRequired, SESSION_KEY } from './app/session.tsx';
import { PageSpin } from './components/page-spin.tsx';
import { LocaleProvider } from './i18n/i18n.tsx';

const queryClient = createQueryClient({
  // The session gate reacts to a null session by sending the user to the login page.
  onUnauthenticated: () => {
    setCsrfToken(null);
    queryClient.setQueryData(SESSION_KEY, null);
  },
  onPasswordChangeRequired: () => markPasswordChangeRequired(queryClient),
});

function AppRoutes() {
  const LoginPage = LOGIN_PAGE;
  return (
    <Routes>
      <Route
        path={LOGIN_PATH}
        element={
          <Suspense fallback={<PageSpin />}>
            <LoginPage />
          </Suspense>
        }
      />
      <Route
        element={
          <SessionGate>
            <AppLayout />
          </SessionGate>
        }
      >
        {ROUTES.map((route) => (
          <Route
            key={route.path}
            path={route.path}
            element={
              <Guard route={route}>
                <route.component />
              </Guard>
            }
          />
        ))}
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <LocaleProvider>
          <BrowserRouter>
            <AppRoutes />
          </BrowserRouter>
        </LocaleProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
