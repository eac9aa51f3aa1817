import { Button, Result } from 'antd';
import { type ReactNode, Suspense, useEffect } from 'react';
import { Link, Navigate, useLocation } from 'react-router-dom';
import { QueryError } from '../components/error-display.tsx';
import { PageSpin } from '../components/page-spin.tsx';
import { useLabel, useT } from '../i18n/i18n.tsx';
import { CHANGE_PASSWORD_PATH, guardDecision, HOME_PATH, LOGIN_PATH } from './access.ts';
import type { AppRoute } from './nav.tsx';
import { SessionProvider, useSession, useSessionQuery, wasSignedOutDeliberately } from './session.tsx';

/** Everything but the login page sits behind this: no session, no app. */
export function SessionGate({ children }: { children: ReactNode }) {
  const query = useSessionQuery();
  const location = useLocation();
  if (query.isPending) return <PageSpin />;
  if (query.isError && query.data === undefined) {
    return (
      <div style={{ padding: 24 }}>
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  if (!query.data) {
    const from = `${location.pathname}${location.search}`;
    const plain = from === HOME_PATH || wasSignedOutDeliberately();
    const target = plain ? LOGIN_PATH : `${LOGIN_PATH}?from=${encodeURIComponent(from)}`;
    return <Navigate to={target} replace />;
  }
  return <SessionProvider session={query.data}>{children}</SessionProvider>;
}

/** Applies the route table's access rule to a direct navigation. */
export function Guard({ route, children }: { route: AppRoute; children: ReactNode }) {
  const session = useSession();
  const label = useLabel();
  const t = useT();
  const decision = guardDecision(session, route);
  useEffect(() => {
    document.title = `${label(route.title)} · ${t('app.shortName')}`;
  }, [label, route.title, t]);
  if (decision === 'login') return <Navigate to={LOGIN_PATH} replace />;
  if (decision === 'change_password') return <Navigate to={CHANGE_PASSWORD_PATH} replace />;
  if (decision === 'forbidden') return <Forbidden />;
  return <Suspense fallback={<PageSpin />}>{children}</Suspense>;
}

export function Forbidden() {
  const t = useT();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('error.forbiddenPage')}
      data-testid="forbidden"
      extra={
        <Link to={HOME_PATH}>
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}

export function NotFound() {
  const t = useT();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('error.notFoundPage')}
      extra={
        <Link to={HOME_PATH}>
          <Button type="primary">{t('common.backHome')}</Button>
        </Link>
      }
    />
  );
}
