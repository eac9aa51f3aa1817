import { describe, expect, it } from 'vitest';
import {
  memoryDraftStore,
  newClientKey,
  type RecordDraft,
  readDraft,
  readValues,
  storableDraft,
} from './record-drafts.ts';
import { emptyValues } from './record-form-logic.ts';

const ORG = '11111111-1111-4111-8111-111111111111';

function draft(over: Partial<RecordDraft> = {}): RecordDraft {
  return {
    clientKey: newClientKey(),
    userId: 'u1',
    status: 'editing',
    error: null,
    values: {
      ...emptyValues('theme_day', ORG, '2026-12-09'),
      topic: '学习贯彻全会精神',
      attendees: [{ memberId: 'm1', name: '张三', attendance: 'excused', reason: '出差', expected: true }],
    },
    photos: [
      {
        id: 'p1',
        name: 'image.jpg',
        type: 'image/jpeg',
        blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }),
        attachmentId: null,
      },
    ],
    recordId: null,
    updatedAt: '2026-12-09T08:00:00.000Z',
    ...over,
  };
}

describe('draft serialisation', () => {
  it('reads back what it stored, photos as Blobs', async () => {
    const d = draft();
    const back = readDraft(storableDraft(d));
    expect(back).toEqual(d);
    expect(back?.photos[0]?.blob).toBeInstanceOf(Blob);
    expect(await back?.photos[0]?.blob.arrayBuffer()).toEqual(await d.photos[0]?.blob.arrayBuffer());
  });

  it('keeps the joint organisations and partners chosen, and reads an older draft as none chosen', () => {
    const d = draft();
    d.values.joint = {
      orgIds: ['o2'],
      partnerIds: ['p1', 'p2'],
      touched: true,
      known: [{ id: 'o2', name: '二支部' }],
    };
    expect(readDraft(storableDraft(d))?.values.joint).toEqual({
      orgIds: ['o2'],
      partnerIds: ['p1', 'p2'],
      touched: true,
      known: [{ id: 'o2', name: '二支部' }],
    });
    const { joint: _dropped, ...older } = d.values;
    expect(readValues(older)?.joint).toEqual({ orgIds: [], partnerIds: [], touched: false, known: [] });
    expect(
      readValues({ ...older, joint: { orgIds: [1, 'o3'], touched: 'yes', known: [{ id: 'o3' }] } })?.joint,
    ).toEqual({ orgIds: ['o3'], partnerIds: [], touched: false, known: [] });
  });

  it('stores a copy: the form’s later edits never reach the stored draft', () => {
    const d = draft();
    const stored = storableDraft(d);
    d.values.attendees[0] = {
      memberId: 'm1',
      name: '张三',
      attendance: 'absent',
      reason: '',
      expected: true,
    };
    expect(stored.values.attendees[0]?.attendance).toBe('excused');
  });

  it('refuses what is not a draft, and keeps what it can of a damaged one', () => {
    expect(readDraft(null)).toBeNull();
    expect(readDraft({ clientKey: 'k' })).toBeNull();
    expect(readDraft({ clientKey: 'k', userId: 'u', values: { kind: 'party' } })).toBeNull();
    const damaged = readDraft({
      clientKey: 'k',
      userId: 'u',
      status: 'sending',
      values: {
        kind: 'talk',
        topic: 42,
        attendees: [
          { memberId: 'm', name: 'n', attendance: 'maybe' },
          { memberId: 'm2', name: '李四', attendance: 'absent' },
        ],
        grades: [{ memberId: 'm', name: 'n', grade: 'great' }],
      },
      photos: [{ id: 'p', name: 'x.jpg', blob: 'not a blob' }],
    });
    expect(damaged).toMatchObject({
      status: 'editing',
      recordId: null,
      photos: [],
      values: {
        kind: 'talk',
        topic: '',
        status: 'held',
        attendees: [{ memberId: 'm2', name: '李四', attendance: 'absent', reason: '', expected: true }],
        grades: [{ memberId: 'm', name: 'n', grade: null, note: '' }],
      },
    });
  });

  it('reads values field by field', () => {
    expect(readValues({ kind: 'study', studied: '文件', parts: 'x' })).toMatchObject({
      kind: 'study',
      studied: '文件',
      parts: { theory: '', bulletin: '', exchange: '', microLecture: '' },
      partyOrgId: null,
    });
  });
});

describe('memory store (the IndexedDB one’s contract)', () => {
  it('lists one account’s drafts newest first and forgets removed ones', async () => {
    const store = memoryDraftStore();
    const old = draft({ updatedAt: '2026-12-01T00:00:00.000Z' });
    const recent = draft({ updatedAt: '2026-12-09T00:00:00.000Z' });
    const other = draft({ userId: 'u2' });
    for (const d of [old, recent, other]) await store.put(d);
    expect((await store.list('u1')).map((d) => d.clientKey)).toEqual([recent.clientKey, old.clientKey]);
    expect(await store.get(other.clientKey)).toEqual(other);
    await store.remove(old.clientKey);
    expect((await store.list('u1')).map((d) => d.clientKey)).toEqual([recent.clientKey]);
  });
});

it('makes v4 uuids the server takes as a clientKey', () => {
  const keys = new Set(Array.from({ length: 50 }, () => newClientKey()));
  expect(keys.size).toBe(50);
  // Plain HTTP on an organ's intranet has no crypto.randomUUID.
  keys.add(newClientKey({ getRandomValues: (a) => crypto.getRandomValues(a) }));
  expect(keys.size).toBe(51);
  for (const key of keys)
    expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
});
