// Test-only helpers of the fusion tests; the organ they run in is test/organ-world.ts.
import type { Client } from '../../../../test/helpers.ts';
import { type FusionWorld, type Org, ok } from '../../../../test/organ-world.ts';

export { type FusionWorld, fusionWorld, type Org, ok, secondOrgan } from '../../../../test/organ-world.ts';

/** A need of department `departmentId`. */
export async function need(
  w: FusionWorld,
  departmentId: string,
  o: { title?: string; tags?: string[]; urgency?: 'normal' | 'urgent' | 'critical' } = {},
): Promise<{ id: string; version: number; status: string }> {
  return ok(
    w.officer.post('/api/fusion/needs', {
      departmentId,
      title: o.title ?? '行政复议案件积压',
      problem: '复议案件办理周期长，群众反映等待时间过久',
      kpiName: '复议案件平均办理天数',
      urgency: o.urgency ?? 'urgent',
      raisedBy: '政策法规科 陈科长',
      raisedOn: '2026-06-01',
      tags: o.tags ?? ['复议', '法律'],
    }),
  );
}

/** A resource of `org` registered by `by`. */
export async function resource(
  _w: FusionWorld,
  by: Client,
  org: Org,
  o: { title?: string; tags?: string[]; capacity?: number; memberId?: string; kind?: string } = {},
): Promise<{ id: string; version: number; inUse: number }> {
  return ok(
    by.post('/api/fusion/resources', {
      partyOrgId: org.id,
      kind: o.kind ?? (o.memberId ? 'skill' : 'task_force'),
      title: o.title ?? '法律服务攻坚小组',
      tags: o.tags ?? ['法律'],
      capacity: o.capacity ?? 2,
      ...(o.memberId ? { memberId: o.memberId } : {}),
    }),
  );
}
