// The outbox of record drafts: sends what was queued (待发送) when the connection returns and when the app starts
// again, one draft at a time and one tab at a time, so that a photo is not uploaded twice by two senders.
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useEffect } from 'react';
import { useT } from '../../i18n/i18n.tsx';
import { draftStore, type RecordDraft } from './record-drafts.ts';
import { outboxDrafts, type SendDeps, type SendOutcome, sendDraft } from './record-sender.ts';
import { createRecord, recordKeys, uploadRecordPhoto } from './records-api.ts';

export function sendDeps(): SendDeps {
  return {
    store: draftStore(),
    createRecord,
    uploadPhoto: (recordId, photo) => uploadRecordPhoto(recordId, photo),
    isOnline: () => typeof navigator === 'undefined' || navigator.onLine,
    now: () => new Date().toISOString(),
  };
}

const inFlight = new Map<string, Promise<SendOutcome>>();

/** Across tabs of the same browser, where the Web Locks API exists; within this page, the map above. */
async function exclusively<T>(name: string, work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? locks.request(name, work) : work();
}

/**
 * Sends one draft as stored (the form writes it first) unless it is being sent already — the form's 保存 pressed
 * while the outbox sends it: the second caller gets the first one's outcome.
 */
export function sendRecordDraft(draft: RecordDraft): Promise<SendOutcome> {
  const running = inFlight.get(draft.clientKey);
  if (running) return running;
  const sending = exclusively<SendOutcome>(`ronghe-record-draft-${draft.clientKey}`, async () => {
    // Another tab may have sent it while this one waited for the lock.
    const current = await draftStore().get(draft.clientKey);
    if (!current) return { kind: 'sent', recordId: draft.recordId ?? '', refusedPhotos: [] };
    return sendDraft(current, sendDeps());
  }).finally(() => inFlight.delete(draft.clientKey));
  inFlight.set(draft.clientKey, sending);
  return sending;
}

let flushing: Promise<SendOutcome[]> | null = null;

/** Sends every queued draft of this account, in the order they were written. */
export function flushOutbox(userId: string): Promise<SendOutcome[]> {
  flushing ??= (async () => {
    const outcomes: SendOutcome[] = [];
    try {
      const queued = outboxDrafts(await draftStore().list(userId)).reverse();
      for (const draft of queued) {
        const outcome = await sendRecordDraft(draft);
        outcomes.push(outcome);
        // Still no connection: the rest would fail the same way.
        if (outcome.kind === 'queued') break;
      }
    } finally {
      flushing = null;
    }
    return outcomes;
  })();
  return flushing;
}

/**
 * Mounted once by the app's layout, on every page of an account that may record: sends the queue when the app starts
 * and again whenever the browser says the connection is back, whatever page is open, and says what went.
 */
export function useOutbox(userId: string | null) {
  const t = useT();
  const { message } = App.useApp();
  const qc = useQueryClient();
  useEffect(() => {
    if (!userId) return;
    const flush = () => {
      if (!navigator.onLine) return;
      flushOutbox(userId).then(
        (outcomes) => {
          const sent = outcomes.filter((o) => o.kind === 'sent');
          const refused = outcomes.filter((o) => o.kind === 'refused');
          if (sent.length > 0) {
            message.success(t('drafts.autoSent', { n: sent.length }));
            void qc.invalidateQueries({ queryKey: recordKeys.all });
          }
          if (refused.length > 0) message.warning(t('drafts.autoRefused', { n: refused.length }));
        },
        () => undefined,
      );
    };
    flush();
    window.addEventListener('online', flush);
    return () => window.removeEventListener('online', flush);
  }, [userId, message, qc, t]);
}
