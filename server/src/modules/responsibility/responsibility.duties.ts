// My duties (我的职责): what a person owns, or holds for someone on leave, period by period — the same for a member
// on a phone as for a leader. And the digest source: what is due soon or overdue, per person, for the daily digest.
import type { Recurrence } from '#contracts/responsibility';
import type { Duty, MyDuties } from '#contracts/responsibility-me';
import { type Ctx, todayOf } from '../../core/context.ts';
import { accountsOfMembers } from '../identity/index.ts';
import { memberRefs } from '../member/index.ts';
import type { DigestLine, DigestSource } from '../notification/index.ts';
import { heldMemberIds, holdsFor } from './responsibility.access.ts';
import { myApprovals } from './responsibility.exemptions.ts';
import { addDays, DUE_SOON_DAYS, periodState } from './responsibility.periods.ts';
import { kindLabel, periodView } from './responsibility.view.ts';

function dutyRows(ctx: Ctx, memberIds: readonly string[], year: number) {
  return ctx.db
    .selectFrom('responsibilityPeriod as p')
    .innerJoin('responsibilityItem as i', (j) =>
      j.onRef('i.unitId', '=', 'p.unitId').onRef('i.id', '=', 'p.itemId'),
    )
    .innerJoin('responsibilityList as l', (j) =>
      j.onRef('l.unitId', '=', 'i.unitId').onRef('l.id', '=', 'i.listId'),
    )
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'i.unitId').onRef('o.id', '=', 'i.ownerOrgId'),
    )
    .select([
      'p.id',
      'p.itemId',
      'p.periodKey',
      'p.startsOn',
      'p.dueOn',
      'p.status',
      'p.progress',
      'p.doneOn',
      'p.fulfilledByKind',
      'p.fulfilledById',
      'p.fulfilledByTitle',
      'i.title',
      'i.domain',
      'i.category',
      'i.recurrence',
      'i.recordKind',
      'i.ownerMemberId',
      'i.unitId',
      'l.title as listTitle',
      'o.name as ownerOrgName',
    ])
    .where('i.ownerMemberId', 'in', [...memberIds])
    .where('i.status', '=', 'active')
    .where('l.year', '=', year)
    .orderBy('p.dueOn')
    .orderBy('i.seq')
    .execute();
}

/** The actor's duties of this year: every period not yet settled, and the settled ones of the last 30 days. */
export async function myDuties(ctx: Ctx): Promise<MyDuties> {
  const today = todayOf(ctx);
  const held = await heldMemberIds(ctx);
  const memberIds = [...(held.own ? [held.own] : []), ...held.delegatedFrom.keys()];
  const empty = { open: 0, dueSoon: 0, overdue: 0, doneThisYear: 0 };
  if (memberIds.length === 0) return { duties: [], counts: empty, approvals: [] };
  const [rows, approvals] = await Promise.all([
    dutyRows(ctx, memberIds, Number(today.slice(0, 4))),
    myApprovals(ctx),
  ]);
  const names = await memberRefs(ctx.db, [...held.delegatedFrom.keys()]);
  const recent = addDays(today, -30);
  const counts = { ...empty };
  const duties: Duty[] = [];
  for (const r of rows) {
    if (!r.ownerMemberId || !holdsFor(held, r.ownerMemberId, r.unitId)) continue;
    const period = periodView(r, today);
    if (period.state === 'done' || period.state === 'late') counts.doneThisYear++;
    if (period.state === 'overdue') counts.overdue++;
    else if (period.state === 'due_soon') counts.dueSoon++;
    else if (period.state === 'open') counts.open++;
    const settled = r.status !== 'open';
    if (settled && (r.doneOn ?? r.dueOn) < recent) continue;
    duties.push({
      itemId: r.itemId,
      title: r.title,
      domain: r.domain as Duty['domain'],
      category: r.category,
      listTitle: r.listTitle,
      ownerOrgName: r.ownerOrgName,
      recurrence: r.recurrence as Recurrence,
      recordKindLabel: kindLabel(r.recordKind),
      delegatedFrom:
        r.ownerMemberId && r.ownerMemberId !== held.own ? (names.get(r.ownerMemberId)?.name ?? '') : null,
      period,
    });
  }
  return { duties, counts, approvals };
}

/**
 * The daily digest's lines from duties: for each owner (and whoever holds their duties by a delegation in force),
 * the periods due within a week and those overdue, and the exemptions waiting on them. One query per kind, over
 * every organ: the digest is one job for the deployment.
 */
export const responsibilityDigest: DigestSource = {
  key: 'responsibility.duties',
  async collect(ctx, day) {
    const soon = addDays(day, DUE_SOON_DAYS);
    const rows = await ctx.db
      .selectFrom('responsibilityPeriod as p')
      .innerJoin('responsibilityItem as i', (j) =>
        j.onRef('i.unitId', '=', 'p.unitId').onRef('i.id', '=', 'p.itemId'),
      )
      .select([
        'p.id',
        'p.itemId',
        'p.dueOn',
        'p.status',
        'p.doneOn',
        'i.title',
        'i.ownerMemberId',
        'i.unitId',
      ])
      .innerJoin('responsibilityList as l', (j) =>
        j.onRef('l.unitId', '=', 'i.unitId').onRef('l.id', '=', 'i.listId'),
      )
      // This year's duties, as my duties shows them: last year's are settled by the year-end report, not reminded.
      .where('l.year', '=', Number(day.slice(0, 4)))
      .where('p.status', '=', 'open')
      .where('p.dueOn', '<=', soon)
      .where('i.status', '=', 'active')
      .where('i.ownerMemberId', 'is not', null)
      .execute();
    const pending = await ctx.db
      .selectFrom('responsibilityExemption as e')
      .innerJoin('responsibilityItem as i', (j) =>
        j.onRef('i.unitId', '=', 'e.unitId').onRef('i.id', '=', 'e.itemId'),
      )
      .select(['e.approverMemberId', 'e.itemId', 'i.title'])
      .where('e.status', '=', 'pending')
      .execute();
    const delegations = await ctx.db
      .selectFrom('handover')
      .select(['fromMemberId', 'toMemberId'])
      .where('kind', '=', 'delegation')
      .where('status', '=', 'completed')
      .where('startsOn', '<=', day)
      .where('endsOn', '>=', day)
      .execute();
    const linesByMember = new Map<string, DigestLine[]>();
    const add = (memberId: string, line: DigestLine) => {
      linesByMember.set(memberId, [...(linesByMember.get(memberId) ?? []), line]);
      for (const d of delegations)
        if (d.fromMemberId === memberId)
          linesByMember.set(d.toMemberId, [
            ...(linesByMember.get(d.toMemberId) ?? []),
            { ...line, text: `（代管）${line.text}` },
          ]);
    };
    for (const r of rows) {
      const state = periodState(r, day);
      add(r.ownerMemberId as string, {
        text:
          state === 'overdue'
            ? `已逾期：${r.title}（应于 ${r.dueOn} 前完成）`
            : `即将到期：${r.title}（${r.dueOn} 前）`,
        link: `/duties/${r.itemId}`,
        severity: state === 'overdue' ? 'overdue' : 'due_soon',
      });
    }
    for (const e of pending)
      add(e.approverMemberId, { text: `待审批：${e.title} 的豁免申请`, link: '/duties', severity: 'info' });
    const accounts = await accountsOfMembers(ctx.db, [...linesByMember.keys()]);
    const out: { userId: string; lines: DigestLine[] }[] = [];
    for (const [memberId, lines] of linesByMember)
      for (const userId of accounts.get(memberId) ?? []) out.push({ userId, lines });
    return out;
  },
};
