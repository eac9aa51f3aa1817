import { describe, expect, it } from 'vitest';
import type { CreateRecordBody } from '#contracts/branch';
import { HttpError } from '../../api/http.ts';
import { type DraftPhoto, memoryDraftStore, newClientKey, type RecordDraft } from './record-drafts.ts';
import { emptyValues } from './record-form-logic.ts';
import {
  isConnectionError,
  isRetryable,
  outboxDrafts,
  type SendDeps,
  sendDraft,
  uniquePhotoName,
} from './record-sender.ts';

const ORG = '11111111-1111-4111-8111-111111111111';
const offline = () =>
  new HttpError({ status: 0, code: 'network', message: '无法连接服务器，请检查网络后重试' });

const photo = (name: string): DraftPhoto => ({
  id: newClientKey(),
  name,
  type: 'image/jpeg',
  blob: new Blob([name], { type: 'image/jpeg' }),
  attachmentId: null,
});

function draft(): RecordDraft {
  return {
    clientKey: newClientKey(),
    userId: 'u1',
    status: 'editing',
    error: null,
    values: { ...emptyValues('theme_day', ORG, '2026-12-09'), topic: '主题党日' },
    photos: [photo('a.jpg'), photo('b.jpg')],
    recordId: null,
    updatedAt: '2026-12-09T08:00:00.000Z',
  };
}

/**
 * A server that dedupes by clientKey as the real one does, whose answers can be lost: `drop` names the calls whose
 * request arrives but whose answer does not (the connection fell in between).
 */
function fakeServer(plan: { fail?: Partial<Record<string, () => unknown>>; drop?: string[] } = {}) {
  const records = new Map<string, { id: string; body: CreateRecordBody }>();
  const attachments: { id: string; recordId: string; fileName: string; clientKey: string }[] = [];
  let online = true;
  let n = 0;
  const step = (name: string) => {
    const failure = plan.fail?.[name];
    if (failure) {
      delete plan.fail?.[name];
      throw failure();
    }
  };
  const dropped = (name: string) => {
    const i = plan.drop?.indexOf(name) ?? -1;
    if (i < 0) return false;
    plan.drop?.splice(i, 1);
    return true;
  };
  const store = memoryDraftStore();
  const deps: SendDeps = {
    store,
    createRecord: async (body) => {
      step('create');
      const key = body.clientKey ?? newClientKey();
      const record = records.get(key) ?? { id: `r${++n}`, body };
      records.set(key, record);
      if (dropped('create')) throw new TypeError('Failed to fetch');
      return { id: record.id };
    },
    uploadPhoto: async (recordId, p) => {
      step(`upload:${p.name}`);
      // The server names a file by its content's type, and answers a key it has seen with its file, as the real one.
      const kept = attachments.find((a) => a.recordId === recordId && a.clientKey === p.id);
      const a = kept ?? {
        id: `a${++n}`,
        recordId,
        fileName: p.name.replace(/\.jpg$/, '.jpeg'),
        clientKey: p.id,
      };
      if (!kept) attachments.push(a);
      if (dropped(`upload:${p.name}`)) throw new TypeError('Failed to fetch');
      return a;
    },
    isOnline: () => online,
    now: () => '2026-12-09T09:00:00.000Z',
  };
  return { deps, store, records, attachments, setOnline: (v: boolean) => (online = v) };
}

describe('sending a draft', () => {
  it('makes the record with its clientKey, uploads the photos to it and forgets the draft', async () => {
    const server = fakeServer();
    const d = draft();
    await server.store.put(d);
    const outcome = await sendDraft(d, server.deps);
    expect(outcome).toEqual({ kind: 'sent', recordId: 'r1', refusedPhotos: [] });
    expect([...server.records.keys()]).toEqual([d.clientKey]);
    expect(server.attachments.map((a) => [a.recordId, a.fileName])).toEqual([
      ['r1', 'a.jpeg'],
      ['r1', 'b.jpeg'],
    ]);
    expect(await server.store.get(d.clientKey)).toBeNull();
  });

  it('keeps the draft as 待发送 when there is no connection, and sends it once later', async () => {
    const server = fakeServer({ fail: { create: () => new TypeError('Failed to fetch') } });
    const d = draft();
    await server.store.put(d);
    server.setOnline(false);
    expect(await sendDraft(d, server.deps)).toEqual({ kind: 'queued' });
    const queued = await server.store.get(d.clientKey);
    expect(queued).toMatchObject({ status: 'pending', recordId: null });
    expect(outboxDrafts(await server.store.list('u1'))).toHaveLength(1);

    server.setOnline(true);
    expect(await sendDraft(queued as RecordDraft, server.deps)).toMatchObject({ kind: 'sent' });
    expect(server.records.size).toBe(1);
    expect(server.attachments).toHaveLength(2);
  });

  it('never duplicates: an answer lost after the record was made, then after a photo went', async () => {
    const server = fakeServer({ drop: ['create', 'upload:a.jpg'] });
    const d = draft();
    await server.store.put(d);
    expect(await sendDraft(d, server.deps)).toEqual({ kind: 'queued' });
    // Sent again with the same clientKey: the server answers with the record it already made.
    const first = await server.store.get(d.clientKey);
    expect(await sendDraft(first as RecordDraft, server.deps)).toEqual({ kind: 'queued' });
    const second = await server.store.get(d.clientKey);
    expect(second?.recordId).toBe('r1');
    expect(await sendDraft(second as RecordDraft, server.deps)).toMatchObject({
      kind: 'sent',
      recordId: 'r1',
    });
    expect(server.records.size).toBe(1);
    // a.jpg reached the server before its answer was lost: sent again under its key, it is kept once.
    expect(server.attachments.map((a) => a.fileName).sort()).toEqual(['a.jpeg', 'b.jpeg']);
  });

  it('resumes with the photos left when the connection fell between them', async () => {
    const server = fakeServer({ fail: { 'upload:b.jpg': offline } });
    const d = draft();
    await server.store.put(d);
    expect(await sendDraft(d, server.deps)).toEqual({ kind: 'queued' });
    const left = await server.store.get(d.clientKey);
    expect(left?.recordId).toBe('r1');
    expect(left?.photos.map((p) => p.attachmentId !== null)).toEqual([true, false]);
    expect(await sendDraft(left as RecordDraft, server.deps)).toMatchObject({ kind: 'sent' });
    expect(server.attachments.map((a) => a.fileName)).toEqual(['a.jpeg', 'b.jpeg']);
  });

  it('keeps a refused record as failed with the server’s reason, and a refused photo does not hold the record', async () => {
    const refusal = new HttpError({
      status: 400,
      code: 'common.invalid',
      message: '请填写主题',
      issues: [{ field: 'body.topic', message: '不能为空' }],
    });
    const server = fakeServer({ fail: { create: () => refusal } });
    const d = draft();
    await server.store.put(d);
    expect(await sendDraft(d, server.deps)).toEqual({ kind: 'refused', error: refusal });
    expect(await server.store.get(d.clientKey)).toMatchObject({ status: 'failed', error: '请填写主题' });
    expect(outboxDrafts(await server.store.list('u1'))).toEqual([]);

    const photoRefused = fakeServer({
      fail: {
        'upload:a.jpg': () =>
          new HttpError({ status: 415, code: 'attachment.type', message: '文件类型不支持' }),
      },
    });
    await photoRefused.store.put(d);
    expect(await sendDraft(d, photoRefused.deps)).toEqual({
      kind: 'sent',
      recordId: 'r1',
      refusedPhotos: [{ name: 'a.jpg', message: '文件类型不支持' }],
    });
  });

  it('keeps a photo whose upload the page aborted (closed or reloaded mid-send) and sends it on the next start', async () => {
    const server = fakeServer({
      fail: { 'upload:b.jpg': () => new DOMException('上传已取消', 'AbortError') },
    });
    const d = draft();
    await server.store.put(d);
    expect(await sendDraft(d, server.deps)).toEqual({ kind: 'queued' });
    const left = await server.store.get(d.clientKey);
    expect(left?.photos.map((p) => p.name)).toEqual(['a.jpg', 'b.jpg']);
    expect(await sendDraft(left as RecordDraft, server.deps)).toMatchObject({
      kind: 'sent',
      refusedPhotos: [],
    });
    expect(server.attachments.map((a) => a.fileName)).toEqual(['a.jpeg', 'b.jpeg']);
  });

  it('waits out a signed-out session or a failing server', async () => {
    for (const status of [401, 503]) {
      const server = fakeServer({
        fail: { create: () => new HttpError({ status, code: 'x', message: 'x' }) },
      });
      const d = draft();
      expect(await sendDraft(d, server.deps)).toEqual({ kind: 'queued' });
    }
  });
});

describe('failures', () => {
  it('tells a dropped connection from a refusal', () => {
    expect(isConnectionError(new TypeError('Failed to fetch'), true)).toBe(true);
    expect(isConnectionError(offline(), true)).toBe(true);
    expect(isConnectionError(new Error('x'), false)).toBe(true);
    expect(isConnectionError(new HttpError({ status: 400, code: 'x', message: 'x' }), true)).toBe(false);
    expect(isRetryable(new HttpError({ status: 409, code: 'x', message: 'x' }), true)).toBe(false);
    expect(isRetryable(new HttpError({ status: 502, code: 'x', message: 'x' }), true)).toBe(true);
    expect(isRetryable(new DOMException('aborted', 'AbortError'), true)).toBe(true);
  });
});

it('names photos uniquely within a draft', () => {
  expect(uniquePhotoName('image.jpg', [])).toBe('image.jpg');
  expect(uniquePhotoName('image.jpg', ['image.jpg', 'image-2.jpg'])).toBe('image-3.jpg');
  expect(uniquePhotoName(' ', [])).toBe('photo.jpg');
  expect(uniquePhotoName('scan', ['scan'])).toBe('scan-2');
  // The server may change the extension to the content's: names differ by more than that.
  expect(uniquePhotoName('IMG.png', ['img.jpg'])).toBe('IMG-2.png');
});
