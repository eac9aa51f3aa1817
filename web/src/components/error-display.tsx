import { Alert, App, Button, type FormInstance } from 'antd';
import { useCallback } from 'react';
import type { FieldIssue } from '#contracts/errors';
import { HttpError, isStaleVersion, issuesToFields } from '../api/http.ts';
import { authReaction } from '../api/query-client.ts';
import { useT } from '../i18n/i18n.tsx';

/**
 * Shows an API failure the usual way: field issues go onto the form, the server's (Chinese) message into a toast.
 * A forced password change is left to the global handler, which moves the user on.
 */
export function useApiError() {
  const { message } = App.useApp();
  const t = useT();
  return useCallback(
    (err: unknown, form?: FormInstance) => {
      if (authReaction(err) === 'password_change') return;
      if (err instanceof HttpError) {
        if (form) setFormIssues(form, err.issues);
        if (isStaleVersion(err)) {
          message.warning(t('error.stale'));
          return;
        }
        message.error(err.message);
        return;
      }
      message.error(t('error.unexpected'));
    },
    [message, t],
  );
}

/** Puts the server's field issues ("body.name") onto the matching form fields ("name"). */
export function setFormIssues<V>(form: FormInstance<V>, issues: readonly FieldIssue[]): void {
  if (issues.length === 0) return;
  form.setFields(issuesToFields(issues) as Parameters<FormInstance<V>['setFields']>[0]);
}

export function errorText(err: unknown, fallback: string): string {
  return err instanceof HttpError ? err.message : fallback;
}

/** Inline failure of a query, with a retry. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const t = useT();
  const requestId = error instanceof HttpError ? error.requestId : undefined;
  return (
    <Alert
      type="error"
      showIcon
      data-testid="query-error"
      title={errorText(error, t('error.loadFailed'))}
      description={requestId ? t('error.requestId', { id: requestId }) : undefined}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {t('common.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
