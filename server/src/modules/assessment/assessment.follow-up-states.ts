// How the follow-ups of a cycle's results stand today (issue 12 point 7): read by the results rows, the drill-down,
// the bulletin's "lowest and what is being done" and the follow-up preview. One status call per kind and organ —
// one for a cycle of branches, one per organ for the work committee's cycle of organs — never one per subject.
import type { BulletinAction } from '#contracts/assessment-bulletin';
import type { FollowUpState } from '#contracts/assessment-follow-up';
import type { Ctx } from '../../core/context.ts';
import { followUpKind } from './assessment.follow-ups.ts';

/** The follow-ups of the named subjects of a cycle, by subject id; a reference its module no longer knows is left out. */
export async function followUpStates(
  ctx: Ctx,
  cycleId: string,
  subjectIds: readonly string[],
): Promise<Map<string, FollowUpState>> {
  const out = new Map<string, FollowUpState>();
  if (subjectIds.length === 0) return out;
  const rows = await ctx.db
    .selectFrom('assessmentFollowUp')
    .select(['unitId', 'subjectId', 'kind', 'ref'])
    .where('cycleId', '=', cycleId)
    .where('subjectId', 'in', [...subjectIds])
    .where('ref', 'is not', null)
    .execute();
  const groups = new Map<string, typeof rows>();
  for (const r of rows) {
    const key = `${r.kind} ${r.unitId}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const group of groups.values()) {
    const first = group[0] as (typeof rows)[number];
    const kind = followUpKind(first.kind);
    if (!kind) continue;
    const states = await kind.status(
      ctx,
      first.unitId,
      group.map((r) => r.ref as string),
    );
    for (const r of group) {
      const s = states.get(r.ref as string);
      if (s)
        out.set(r.subjectId, {
          kind: kind.key,
          kindLabel: kind.label,
          ref: r.ref as string,
          title: s.title,
          deadline: s.deadline,
          state: s.state,
          closedOn: s.closedOn,
          href: s.href,
        });
    }
  }
  return out;
}

/** What the bulletin names under "what is being done" for each subject with a follow-up. */
export async function followUpActions(
  ctx: Ctx,
  cycleId: string,
  subjectIds: readonly string[],
): Promise<Map<string, BulletinAction[]>> {
  const states = await followUpStates(ctx, cycleId, subjectIds);
  return new Map(
    [...states].map(([id, s]) => [id, [{ title: s.title, dueOn: s.deadline, done: s.state === 'closed' }]]),
  );
}
