import type { Cycle, IndicatorSystem } from '#contracts/assessment';
import type { Client } from './helpers.ts';

// A member's own results (issue 12 point 4) in the fuzz test (test/fuzz.int.test.ts): the routes under /api/me ride on
// the fuzz member's account, so the run needs a member cycle of the fuzz organ that scored that member — made here
// with the default member system, computed once. Its id is the pool of the route's reference.

const CHINA_OFFSET_MS = 8 * 3_600_000;
const YEAR = Number(new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 4));

const MY_URL = /^\/api\/me\/assessments\b/;
const RECORD_URL = '/api/assessment/members/:id/record.xlsx';

/** The pool of a reference of a member-results route; undefined when the route is not one of theirs. */
export function memberResultPoolOf(url: string, key: string): [string, string?] | null | undefined {
  // A member's record for cadre selection: any member the run knows (of the fuzz organ, or of another: 404).
  if (url === RECORD_URL) return key === 'id' ? ['member'] : null;
  if (!MY_URL.test(url)) return undefined;
  return key === 'id' ? ['myMemberCycle'] : null;
}

export type MemberFuzzWorld = {
  officer: Client;
  /** The fuzz organ's unit. */
  unitId: string;
  setPool: (name: string, ids: string[]) => void;
};

export async function buildMemberWorld(w: MemberFuzzWorld): Promise<void> {
  const send = async <T>(url: string, body: unknown): Promise<T> => {
    const res = await w.officer.post(url, body);
    if (res.statusCode !== 200) throw new Error(`member world: ${url} ${res.statusCode} ${res.body}`);
    return res.json() as T;
  };
  const draft = await send<IndicatorSystem>('/api/assessment/systems', {
    ownerUnitId: w.unitId,
    name: '模糊测试党员履职述评体系',
    subject: 'member',
  });
  const system = await send<IndicatorSystem>(`/api/assessment/systems/${draft.id}/publish`, {
    version: draft.version,
  });
  const cycle = await send<Cycle>('/api/assessment/cycles', {
    ownerUnitId: w.unitId,
    systemId: system.id,
    level: 'member',
    periodKind: 'half',
    periodKey: `${YEAR - 1}-H2`,
  });
  await send<Cycle>(`/api/assessment/cycles/${cycle.id}/compute`, {});
  w.setPool('myMemberCycle', [cycle.id]);
}
