// What modules keep on the device for the signed-in account (the branch module's unsent record drafts, which may hold
// a talk's content). A deliberate sign-out clears it, so that the next person on a shared office computer finds
// nothing; if some of it was never sent, the person signing out is told first and may stay to send it. Each module
// exports its entry from web/src/modules/<module>/device-data.ts and is named once below, as workbench cards are.
import { branchDeviceData } from '../modules/branch/device-data.ts';

export type DeviceData = {
  /** Unique across modules: '<module>.<what>'. */
  key: string;
  /** How many items of this account's would be lost (never sent to the server). */
  unsent: (userId: string) => Promise<number>;
  /** Removes everything this module keeps on the device for the account. */
  clear: (userId: string) => Promise<void>;
};

export const DEVICE_DATA: readonly DeviceData[] = [...branchDeviceData];

/** The account's unsent items across modules; a module whose store cannot be read counts none. */
export async function unsentOnDevice(
  userId: string,
  data: readonly DeviceData[] = DEVICE_DATA,
): Promise<number> {
  const counts = await Promise.all(data.map((d) => d.unsent(userId).catch(() => 0)));
  return counts.reduce((a, b) => a + b, 0);
}

/** Clears every module's data of the account; one store failing does not keep the others. */
export async function clearDevice(userId: string, data: readonly DeviceData[] = DEVICE_DATA): Promise<void> {
  await Promise.allSettled(data.map((d) => d.clear(userId)));
}
