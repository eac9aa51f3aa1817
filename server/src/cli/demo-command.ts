import type { Runtime } from '../server.ts';

export async function loadDemoIfEmpty(_runtime: Runtime): Promise<void> {}
