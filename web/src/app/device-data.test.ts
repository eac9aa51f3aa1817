import { expect, it } from 'vitest';
import { draftsDeviceData } from '../modules/branch/device-data.ts';
import { memoryDraftStore, newClientKey, type RecordDraft } from '../modules/branch/record-drafts.ts';
import { emptyValues } from '../modules/branch/record-form-logic.ts';
import { clearDevice, type DeviceData, unsentOnDevice } from './device-data.ts';

const draft = (userId: string, status: RecordDraft['status']): RecordDraft => ({
  clientKey: newClientKey(),
  userId,
  status,
  error: null,
  values: { ...emptyValues('talk', '11111111-1111-4111-8111-111111111111', '2026-12-09'), topic: '谈心谈话' },
  photos: [],
  recordId: null,
  updatedAt: '2026-12-09T08:00:00.000Z',
});

it('counts an account’s unsent drafts and clears them at sign-out, leaving another account’s', async () => {
  const store = memoryDraftStore();
  for (const d of [
    draft('me', 'editing'),
    draft('me', 'pending'),
    draft('me', 'failed'),
    draft('other', 'pending'),
  ])
    await store.put(d);
  const data = [draftsDeviceData(() => store)];
  expect(await unsentOnDevice('me', data)).toBe(3);
  expect(await unsentOnDevice('nobody', data)).toBe(0);
  await clearDevice('me', data);
  expect(await store.list('me')).toEqual([]);
  expect(await store.list('other')).toHaveLength(1);
});

it('is not stopped by a store that cannot be read', async () => {
  let cleared = false;
  const broken: DeviceData = {
    key: 'x.broken',
    unsent: () => Promise.reject(new Error('blocked')),
    clear: () => Promise.reject(new Error('blocked')),
  };
  const fine: DeviceData = {
    key: 'x.fine',
    unsent: async () => 2,
    clear: async () => {
      cleared = true;
    },
  };
  expect(await unsentOnDevice('me', [broken, fine])).toBe(2);
  await clearDevice('me', [broken, fine]);
  expect(cleared).toBe(true);
});
