// The record drafts this device keeps for an account (IndexedDB): every one of them is unsent, whatever its status.
// Shaped as app/device-data.ts's DeviceData, which names this list (typed there, so the module does not import it).
import { type DraftStore, draftStore } from './record-drafts.ts';

export function draftsDeviceData(store: () => DraftStore = draftStore) {
  return {
    key: 'branch.record-drafts',
    unsent: async (userId: string) => (await store().list(userId)).length,
    clear: async (userId: string) => {
      for (const d of await store().list(userId)) await store().remove(d.clientKey);
    },
  };
}

export const branchDeviceData = [draftsDeviceData()];
