// Drafts of new branch records kept on the device (issue 10.9): a secretary on a phone in a meeting room with a weak
// signal loses nothing. IndexedDB rather than localStorage, which holds a few megabytes of text and no photos; photos
// are kept as Blobs. A draft is keyed by its clientKey, the key the server dedupes a resent record by.
import type { BranchRecordKind } from '#contracts/branch';
import type { AttendeeRow, GradeRow, JointChoice, RecordFormValues } from './record-form-logic.ts';

/**
 * `editing`: the form is (or was last) open on it; `pending` (待发送): it was sent with no connection and goes by
 * itself when the connection returns; `failed`: the server refused it and the secretary has to look at it.
 */
export type DraftStatus = 'editing' | 'pending' | 'failed';

export type DraftPhoto = {
  id: string;
  name: string;
  type: string;
  blob: Blob;
  /** The attachment made from it, once uploaded: a resend skips it. */
  attachmentId: string | null;
};

export type RecordDraft = {
  clientKey: string;
  /** The account that wrote it: another person signing in on the same phone neither sees nor sends it. */
  userId: string;
  status: DraftStatus;
  /** The server's reason when it refused the draft. */
  error: string | null;
  values: RecordFormValues;
  photos: DraftPhoto[];
  /** The record the server made from it, once it did: only its photos remain to be sent. */
  recordId: string | null;
  updatedAt: string;
};

const DB_NAME = 'ronghe-branch';
const STORE = 'record-drafts';
const DB_VERSION = 1;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const str = (v: unknown): v is string => typeof v === 'string';
const strOrNull = (v: unknown): v is string | null => v === null || typeof v === 'string';

function readAttendee(v: unknown): AttendeeRow | null {
  if (!isObject(v) || !str(v.memberId) || !str(v.name)) return null;
  if (v.attendance !== 'present' && v.attendance !== 'excused' && v.attendance !== 'absent') return null;
  return {
    memberId: v.memberId,
    name: v.name,
    attendance: v.attendance,
    reason: str(v.reason) ? v.reason : '',
    expected: v.expected !== false,
  };
}

const GRADES = new Set(['excellent', 'qualified', 'basically_qualified', 'unqualified']);
function readGrade(v: unknown): GradeRow | null {
  if (!isObject(v) || !str(v.memberId) || !str(v.name)) return null;
  const grade = str(v.grade) && GRADES.has(v.grade) ? (v.grade as GradeRow['grade']) : null;
  return { memberId: v.memberId, name: v.name, grade, note: str(v.note) ? v.note : '' };
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter(str) : []);
/** A draft from before joint records has none: nothing chosen, nothing to send. */
function readJoint(v: unknown): JointChoice {
  if (!isObject(v)) return { orgIds: [], partnerIds: [], touched: false, known: [] };
  return {
    orgIds: strings(v.orgIds),
    partnerIds: strings(v.partnerIds),
    touched: v.touched === true,
    known: Array.isArray(v.known)
      ? v.known.flatMap((k) => (isObject(k) && str(k.id) && str(k.name) ? [{ id: k.id, name: k.name }] : []))
      : [],
  };
}

const KINDS = new Set<string>([
  'general_meeting',
  'committee_meeting',
  'cell_meeting',
  'party_lecture',
  'theme_day',
  'org_life_meeting',
  'member_appraisal',
  'talk',
  'study',
]);

/**
 * Values read back from the device, checked field by field: a draft written by an older version of the app, or
 * damaged, comes back as much as can be trusted, or not at all — never as a shape the form would crash on.
 */
export function readValues(v: unknown): RecordFormValues | null {
  if (!isObject(v) || !str(v.kind) || !KINDS.has(v.kind)) return null;
  const s = (x: unknown) => (str(x) ? x : '');
  const parts = isObject(v.parts) ? v.parts : {};
  return {
    partyOrgId: str(v.partyOrgId) ? v.partyOrgId : null,
    kind: v.kind as BranchRecordKind,
    status: v.status === 'planned' ? 'planned' : 'held',
    heldOn: str(v.heldOn) ? v.heldOn : null,
    plannedOn: str(v.plannedOn) ? v.plannedOn : null,
    place: s(v.place),
    hostMemberId: str(v.hostMemberId) ? v.hostMemberId : null,
    recorderMemberId: str(v.recorderMemberId) ? v.recorderMemberId : null,
    topic: s(v.topic),
    content: s(v.content),
    resolutions: s(v.resolutions),
    parts: {
      theory: s(parts.theory),
      bulletin: s(parts.bulletin),
      exchange: s(parts.exchange),
      microLecture: s(parts.microLecture),
    },
    studied: s(v.studied),
    appliedTo: s(v.appliedTo),
    outcome: s(v.outcome),
    durationMinutes:
      typeof v.durationMinutes === 'number' && Number.isInteger(v.durationMinutes) ? v.durationMinutes : null,
    attendees: Array.isArray(v.attendees)
      ? v.attendees.flatMap((a) => {
          const row = readAttendee(a);
          return row ? [row] : [];
        })
      : [],
    grades: Array.isArray(v.grades)
      ? v.grades.flatMap((g) => {
          const row = readGrade(g);
          return row ? [row] : [];
        })
      : [],
    roster: Array.isArray(v.roster)
      ? v.roster.flatMap((r) =>
          isObject(r) && str(r.memberId) && str(r.name) ? [{ memberId: r.memberId, name: r.name }] : [],
        )
      : [],
    joint: readJoint(v.joint),
    prefilledFor: str(v.prefilledFor) ? v.prefilledFor : null,
  };
}

function readPhoto(v: unknown): DraftPhoto | null {
  if (!isObject(v) || !str(v.id) || !str(v.name) || !(v.blob instanceof Blob)) return null;
  return {
    id: v.id,
    name: v.name,
    type: str(v.type) ? v.type : v.blob.type,
    blob: v.blob,
    attachmentId: str(v.attachmentId) ? v.attachmentId : null,
  };
}

/** A stored entry as a draft, or null when it is not one (then it is left alone, never sent). */
export function readDraft(v: unknown): RecordDraft | null {
  if (!isObject(v) || !str(v.clientKey) || !str(v.userId)) return null;
  const values = readValues(v.values);
  if (!values) return null;
  const status: DraftStatus = v.status === 'pending' || v.status === 'failed' ? v.status : 'editing';
  return {
    clientKey: v.clientKey,
    userId: v.userId,
    status,
    error: strOrNull(v.error) ? v.error : null,
    values,
    photos: Array.isArray(v.photos)
      ? v.photos.flatMap((p) => {
          const photo = readPhoto(p);
          return photo ? [photo] : [];
        })
      : [],
    recordId: str(v.recordId) ? v.recordId : null,
    updatedAt: str(v.updatedAt) ? v.updatedAt : new Date(0).toISOString(),
  };
}

/**
 * What is written: plain data and Blobs, which IndexedDB's structured clone keeps as they are (a copy, so that the
 * form's later edits to its own objects never reach the stored draft).
 */
export function storableDraft(draft: RecordDraft): RecordDraft {
  return {
    ...draft,
    values: structuredClone(draft.values),
    photos: draft.photos.map((p) => ({ ...p })),
  };
}

/** Newest first. */
export function sortDrafts(drafts: readonly RecordDraft[]): RecordDraft[] {
  return [...drafts].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

export type DraftStore = {
  list: (userId: string) => Promise<RecordDraft[]>;
  get: (clientKey: string) => Promise<RecordDraft | null>;
  put: (draft: RecordDraft) => Promise<void>;
  remove: (clientKey: string) => Promise<void>;
};

/** For tests, and the fallback where IndexedDB is not available (a private window of an old browser). */
export function memoryDraftStore(): DraftStore {
  const entries = new Map<string, unknown>();
  return {
    list: async (userId) =>
      sortDrafts(
        [...entries.values()].flatMap((v) => {
          const d = readDraft(v);
          return d && d.userId === userId ? [d] : [];
        }),
      ),
    get: async (key) => readDraft(entries.get(key)),
    put: async (draft) => {
      entries.set(draft.clientKey, storableDraft(draft));
    },
    remove: async (key) => {
      entries.delete(key);
    },
  };
}

function promised<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function idbDraftStore(factory: IDBFactory): DraftStore {
  let opened: Promise<IDBDatabase> | undefined;
  const open = () => {
    opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const request = factory.open(DB_NAME, DB_VERSION);
      request.onupgradeneeded = () => {
        const db = request.result;
        if (!db.objectStoreNames.contains(STORE)) db.createObjectStore(STORE, { keyPath: 'clientKey' });
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => {
        opened = undefined;
        reject(request.error);
      };
    });
    return opened;
  };
  const run = async <T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>) => {
    const db = await open();
    const tx = db.transaction(STORE, mode);
    const result = promised(work(tx.objectStore(STORE)));
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return result;
  };
  return {
    list: async (userId) => {
      const all = await run('readonly', (store) => store.getAll());
      return sortDrafts(
        all.flatMap((v: unknown) => {
          const d = readDraft(v);
          return d && d.userId === userId ? [d] : [];
        }),
      );
    },
    get: async (key) => readDraft(await run('readonly', (store) => store.get(key))),
    put: async (draft) => {
      await run('readwrite', (store) => store.put(storableDraft(draft)));
    },
    remove: async (key) => {
      await run('readwrite', (store) => store.delete(key));
    },
  };
}

type Listener = () => void;
const listeners = new Set<Listener>();

/** Called after every change, so the drafts list and the workbench card show it without asking again by hand. */
export function onDraftsChanged(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function notifying(store: DraftStore): DraftStore {
  const changed = () => {
    for (const listener of listeners) listener();
  };
  return {
    ...store,
    put: async (draft) => {
      await store.put(draft);
      changed();
    },
    remove: async (key) => {
      await store.remove(key);
      changed();
    },
  };
}

let shared: DraftStore | undefined;

/** The device's store (IndexedDB), one per page. */
export function draftStore(): DraftStore {
  shared ??= notifying(typeof indexedDB === 'undefined' ? memoryDraftStore() : idbDraftStore(indexedDB));
  return shared;
}

/** A v4 uuid: crypto.randomUUID exists only on HTTPS or localhost, an organ's intranet may serve plain HTTP. */
export function newClientKey(
  source: { randomUUID?: () => string; getRandomValues: <T extends Uint8Array>(array: T) => T } = crypto,
): string {
  if (typeof source.randomUUID === 'function') return source.randomUUID();
  const bytes = source.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
