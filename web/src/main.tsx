import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';
import { setCsrfToken } from './api/http.ts';
import { createQueryClient } from './api/query-client.ts';
import { Guard, NotFound, SessionGate } from './app/guard.tsx';
import { AppLayout } from './app/layout.tsx';
import { PageView } from './app/lazy-page.tsx';
import { preloadOpeningPage } from './app/preload.ts';
import { LOGIN_PAGE, LOGIN_PATH, ROUTES } from './app/routes.tsx';
import { markPasswordChangeRequired, SESSION_KEY } from './app/session.tsx';
import { LocaleProvider, loadAntdStylesheet } from './i18n/i18n.tsx';

const queryClient = createQueryClient({
  // The session gate reacts to a null session by sending the user to the login page.
  onUnauthenticated: () => {
    setCsrfToken(null);
    queryClient.setQueryData(SESSION_KEY, null);
  },
  onPasswordChangeRequired: () => markPasswordChangeRequired(queryClient),
});

function AppRoutes() {
  return (
    <Routes>
      <Route path={LOGIN_PATH} element={<PageView page={LOGIN_PAGE} />} />
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
                <PageView page={route} />
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
  // The first render waits for what the opening page needs, so that React renders that page once, complete, rather
  // than a spinner, then the layout, then the page, then its data. index.html shows the same spinner meanwhile.
  void Promise.all([loadAntdStylesheet(), preloadOpeningPage(queryClient, window.location)]).then(() =>
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
    ),
  );
}
