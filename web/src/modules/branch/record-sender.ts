// Sending a draft: the record first (with its clientKey, so that sending it again after a dropped connection returns
// the record already made instead of a second one), then each photo to that record (each with its own key, to the
// same effect). Every step is written back to the draft on the device before the next, so a connection lost at any
// point resumes where it stopped, and a step sent twice is kept once.
import type { CreateRecordBody } from '#contracts/branch';
import { HttpError } from '../../api/http.ts';
import type { DraftPhoto, DraftStore, RecordDraft } from './record-drafts.ts';
import { toCreateBody } from './record-request.ts';

export type SendDeps = {
  store: DraftStore;
  createRecord: (body: CreateRecordBody) => Promise<{ id: string }>;
  uploadPhoto: (recordId: string, photo: DraftPhoto) => Promise<{ id: string }>;
  isOnline: () => boolean;
  now: () => string;
};

export type RefusedPhoto = { name: string; message: string };

export type SendOutcome =
  /** Saved, photos and all (apart from any the server refused outright, which could never go). */
  | { kind: 'sent'; recordId: string; refusedPhotos: RefusedPhoto[] }
  /** No connection (or no session, or a server error): kept as 待发送 and sent again later. */
  | { kind: 'queued' }
  /** The server refused the record itself: the draft waits for the secretary to correct it. */
  | { kind: 'refused'; error: HttpError };

/** The request never reached the server or never came back: the same draft can simply be sent again. */
export function isConnectionError(err: unknown, online: boolean): boolean {
  if (!online) return true;
  if (err instanceof TypeError) return true;
  return err instanceof HttpError && err.status === 0;
}

/**
 * Failures that sending again later may cure: no connection, a session that ended (sent once signed in again), the
 * server busy or failing, and anything that is not the server's answer at all — an upload the browser aborted because
 * the page was closed or reloaded mid-send must not be taken for a refused photo. Only a 4xx about the record itself
 * will not change by waiting.
 */
export function isRetryable(err: unknown, online: boolean): boolean {
  if (isConnectionError(err, online)) return true;
  if (!(err instanceof HttpError)) return true;
  return err.status === 401 || err.status === 408 || err.status === 429 || err.status >= 500;
}

/**
 * A photo's name without its extension: the server may give a file the extension its content has (a PNG named
 * .jpg comes back .png), so two names apart only in it would look alike on the record.
 */
export function photoStem(name: string): string {
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? name.slice(0, dot) : name).toLowerCase();
}

/** Names unique within one draft (every phone calls its photos image.jpg), so the record's files can be told apart. */
export function uniquePhotoName(name: string, taken: readonly string[]): string {
  const clean = name.trim() || 'photo.jpg';
  const stems = new Set(taken.map(photoStem));
  if (!stems.has(photoStem(clean))) return clean;
  const dot = clean.lastIndexOf('.');
  const [stem, ext] = dot > 0 ? [clean.slice(0, dot), clean.slice(dot)] : [clean, ''];
  for (let n = 2; ; n++) {
    const candidate = `${stem}-${n}${ext}`;
    if (!stems.has(photoStem(candidate))) return candidate;
  }
}

export async function sendDraft(initial: RecordDraft, deps: SendDeps): Promise<SendOutcome> {
  let draft = initial;
  const save = async (next: Partial<RecordDraft>) => {
    draft = { ...draft, ...next, updatedAt: deps.now() };
    await deps.store.put(draft);
  };
  const queue = async () => {
    await save({ status: 'pending', error: null });
    return { kind: 'queued' } as const;
  };

  let recordId = draft.recordId;
  if (recordId === null) {
    try {
      recordId = (await deps.createRecord(toCreateBody(draft.values, draft.clientKey))).id;
    } catch (err) {
      // Only the server's own refusal (an HttpError) is not retryable.
      if (isRetryable(err, deps.isOnline()) || !(err instanceof HttpError)) return queue();
      await save({ status: 'failed', error: err.message });
      return { kind: 'refused', error: err };
    }
    await save({ recordId });
  }

  const refusedPhotos: RefusedPhoto[] = [];
  for (const photo of draft.photos) {
    if (photo.attachmentId) continue;
    try {
      // Under the photo's own key: one that reached the server before its answer was lost is answered, not copied.
      const attachmentId = (await deps.uploadPhoto(recordId, photo)).id;
      await save({
        photos: draft.photos.map((p) => (p.id === photo.id ? { ...p, attachmentId } : p)),
      });
    } catch (err) {
      if (isRetryable(err, deps.isOnline())) return queue();
      // Refused by content or size: it never will go, and the record stands without it.
      refusedPhotos.push({ name: photo.name, message: err instanceof Error ? err.message : String(err) });
      await save({ photos: draft.photos.filter((p) => p.id !== photo.id) });
    }
  }
  await deps.store.remove(draft.clientKey);
  return { kind: 'sent', recordId, refusedPhotos };
}

/** The drafts the outbox sends by itself: queued ones. Failed ones wait for the secretary; open forms send themselves. */
export function outboxDrafts(drafts: readonly RecordDraft[]): RecordDraft[] {
  return drafts.filter((d) => d.status === 'pending');
}
