// The new-record form's draft: loaded from the device or started fresh, written back shortly after every edit, and
// the drafts of this account counted and listed for the drafts page and the workbench card.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useSession } from '../../app/session.tsx';
import { draftStore, newClientKey, onDraftsChanged, type RecordDraft } from './record-drafts.ts';
import {
  chinaToday,
  defaultBranchId,
  emptyValues,
  hasUserInput,
  type RecordFormValues,
} from './record-form-logic.ts';
import { picked } from './record-photo-shrink.ts';
import { uniquePhotoName } from './record-sender.ts';
import { isRecordKind } from './records-labels.ts';

/** Long enough not to write on every key stroke, short enough that a phone locked mid-meeting loses nothing. */
const SAVE_DELAY_MS = 300;

export function useRecordDraftState(draftKey: string | null, kindParam: string | null, today = chinaToday()) {
  const session = useSession();
  const userId = session.user.id;
  const navigate = useNavigate();
  const [draft, setDraft] = useState<RecordDraft | null>(null);
  const [missing, setMissing] = useState(false);
  const [savedAt, setSavedAt] = useState<string | null>(null);
  const current = useRef<RecordDraft | null>(null);
  current.current = draft;
  // Only a draft someone has touched is kept; a form opened and left is not worth a draft.
  const dirty = useRef(false);
  // While it is being sent the sender owns the stored draft (it writes the record's id into it).
  const paused = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // The draft is on the device (written once, or opened from there).
  const kept = useRef(false);
  // An edit waiting for the delay to pass.
  const unsaved = useRef<RecordDraft | null>(null);

  // A fresh draft once, when the form opens without one; the kind and branch asked for are read then only.
  const [fresh] = useState<RecordDraft>(() => ({
    clientKey: newClientKey(),
    userId,
    status: 'editing',
    error: null,
    values: emptyValues(
      isRecordKind(kindParam) ? kindParam : 'theme_day',
      defaultBranchId(session.roles),
      today,
    ),
    photos: [],
    recordId: null,
    updatedAt: new Date().toISOString(),
  }));

  useEffect(() => {
    // The address names the draft already open (it was written there on its first save): nothing to load.
    if (current.current && (draftKey === null || current.current.clientKey === draftKey)) return;
    if (draftKey === null) {
      setDraft(fresh);
      return;
    }
    let live = true;
    draftStore()
      .get(draftKey)
      .then(
        (found) => {
          if (!live) return;
          if (found && found.userId === userId) {
            dirty.current = false;
            kept.current = true;
            setDraft(found);
            setSavedAt(found.updatedAt);
          } else setMissing(true);
        },
        () => live && setMissing(true),
      );
    return () => {
      live = false;
    };
  }, [draftKey, fresh, userId]);

  const write = useCallback(
    async (d: RecordDraft) => {
      await draftStore().put(d);
      kept.current = true;
      setSavedAt(d.updatedAt);
      // The address names the draft from now on: a reload, or the phone's browser restarted, reopens it.
      if (draftKey !== d.clientKey) navigate(`?draft=${d.clientKey}`, { replace: true });
    },
    [draftKey, navigate],
  );

  useEffect(() => {
    if (!draft || !dirty.current || paused.current) return;
    // A kind or a date changed and nothing else: not yet a draft worth keeping (one already kept is kept up to date).
    if (!kept.current && !hasUserInput(draft.values) && draft.photos.length === 0) return;
    unsaved.current = draft;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      unsaved.current = null;
      if (!paused.current) void write({ ...draft, updatedAt: new Date().toISOString() });
    }, SAVE_DELAY_MS);
    return () => clearTimeout(timer.current);
  }, [draft, write]);

  // Leaving the form, or the phone locking the page away, within the delay: what was typed last is written now.
  useEffect(() => {
    const flush = () => {
      const d = unsaved.current;
      unsaved.current = null;
      if (d && !paused.current) void draftStore().put({ ...d, updatedAt: new Date().toISOString() });
    };
    const hidden = () => document.visibilityState === 'hidden' && flush();
    document.addEventListener('visibilitychange', hidden);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      flush();
    };
  }, []);

  const edit = useCallback((change: (d: RecordDraft) => RecordDraft) => {
    dirty.current = true;
    setDraft((d) => (d ? { ...change(d), status: 'editing', error: null } : d));
  }, []);

  return {
    draft,
    missing,
    savedAt,
    patch: (change: Partial<RecordFormValues>) => edit((d) => ({ ...d, values: { ...d.values, ...change } })),
    /** What the server suggests: saved with the draft only once someone has entered something. */
    setValues: useCallback((change: (v: RecordFormValues) => RecordFormValues) => {
      setDraft((d) => (d ? { ...d, values: change(d.values) } : d));
    }, []),
    addPhotos: async (files: FileList | null) => {
      const photos = await picked(files);
      edit((d) => {
        const names = d.photos.map((p) => p.name);
        const added = photos.map((photo) => {
          const name = uniquePhotoName(photo.name, names);
          names.push(name);
          return { id: newClientKey(), name, type: photo.blob.type, blob: photo.blob, attachmentId: null };
        });
        return { ...d, photos: [...d.photos, ...added] };
      });
    },
    removePhoto: (id: string) => edit((d) => ({ ...d, photos: d.photos.filter((p) => p.id !== id) })),
    /** Writes the draft now, as it is, and leaves it to the sender. */
    saveNow: async (): Promise<RecordDraft> => {
      clearTimeout(timer.current);
      unsaved.current = null;
      paused.current = true;
      const d = current.current;
      if (!d) throw new Error('no draft');
      const stored: RecordDraft = {
        ...d,
        status: 'editing',
        error: null,
        updatedAt: new Date().toISOString(),
      };
      await write(stored);
      return stored;
    },
    /** After a refusal: the stored draft (as the sender left it) back into the form. */
    reload: async () => {
      paused.current = false;
      const d = current.current && (await draftStore().get(current.current.clientKey));
      if (d) setDraft(d);
    },
    /** Sent or queued: nothing more is written from this form. */
    finish: () => {
      clearTimeout(timer.current);
      unsaved.current = null;
      paused.current = true;
    },
  };
}

/** This account's drafts on this device, kept current as they change. */
export function useDrafts(): { drafts: RecordDraft[] | null; refresh: () => void } {
  const userId = useSession().user.id;
  const [drafts, setDrafts] = useState<RecordDraft[] | null>(null);
  const refresh = useCallback(() => {
    draftStore()
      .list(userId)
      .then(setDrafts, () => setDrafts([]));
  }, [userId]);
  useEffect(() => {
    refresh();
    return onDraftsChanged(refresh);
  }, [refresh]);
  return { drafts, refresh };
}

export function useDraftCount(): number {
  return useDrafts().drafts?.length ?? 0;
}
