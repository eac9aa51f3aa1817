// What the responsibility module contributes to member cycles (issue 12 point 4): the duties a member carries — those
// they own on any list, and those of the list they hold themselves (一岗双责: the secretary's, a leading member's) —
// done on time, Party and business apart. A member who carries none has no value, and the leaf drops out of their
// score instead of counting as zero. One query for all the members of a cycle.
import type { Domain } from '#contracts/assessment';
import { todayOf } from '../../core/context.ts';
import { bySubject, type Measure, type MeasureValue, share } from '../assessment/index.ts';
import { dutiesJudged, dutyBasis } from './responsibility.duty-basis.ts';

function memberDutiesOnTime(domain: Exclude<Domain, 'fusion'>, label: string): Measure {
  const side = domain === 'party' ? '党建' : '业务';
  return {
    key: `responsibility.member_${domain}_duties_on_time`,
    module: 'responsibility',
    label,
    description: `党员本人负责的${side}类任务（清单中由本人负责的，以及本人所持清单的），本期到期的各期中按期完成的比例（逾期完成和到期未完成都算未按期；免于完成和尚未到期的不计）`,
    domain,
    subject: 'member',
    unit: 'ratio',
    suggestedRule: { kind: 'linear', floor: 0.5, target: 1 },
    counts: ['responsibility_item', 'responsibility_period'],
    compute: async (ctx, q) => {
      const ids = q.subjects.map((s) => s.id);
      const today = todayOf(ctx);
      const rows =
        ids.length === 0
          ? []
          : await ctx.db
              .selectFrom('responsibilityPeriod as p')
              .innerJoin('responsibilityItem as i', (j) =>
                j.onRef('i.unitId', '=', 'p.unitId').onRef('i.id', '=', 'p.itemId'),
              )
              .innerJoin('responsibilityList as l', (j) =>
                j.onRef('l.unitId', '=', 'i.unitId').onRef('l.id', '=', 'i.listId'),
              )
              .select([
                'i.ownerMemberId',
                'l.holderMemberId',
                'i.listId',
                'i.title',
                'p.periodKey',
                'p.dueOn',
                'p.doneOn',
                'p.status',
              ])
              .where('p.unitId', '=', q.unitId)
              .where((eb) => eb.or([eb('i.ownerMemberId', 'in', ids), eb('l.holderMemberId', 'in', ids)]))
              .where('i.recordKind', 'is', null)
              .where('i.domain', '=', domain)
              .where('p.dueOn', '>=', q.from)
              .where('p.dueOn', '<=', q.to)
              .orderBy('p.dueOn')
              .execute();
      // An item they own on their own list counts once.
      const byMember = bySubject(rows, (r) => [...new Set([r.ownerMemberId, r.holderMemberId])]);
      const out = new Map<string, MeasureValue>();
      for (const s of q.subjects) {
        const mine = byMember.get(s.id) ?? [];
        const { judged, onTime } = dutiesJudged(mine, today);
        out.set(s.id, {
          value: share(onTime, judged.length),
          detail:
            judged.length > 0
              ? `本人负责的${side}任务到期 ${judged.length} 项次，按期完成 ${onTime} 项次`
              : `本期没有本人负责的到期${side}任务`,
          basis: q.withBasis ? dutyBasis(mine, judged, today) : [],
        });
      }
      return out;
    },
  };
}

export const RESPONSIBILITY_MEMBER_MEASURES: Measure[] = [
  memberDutiesOnTime('party', '本人党建任务按期完成率'),
  memberDutiesOnTime('business', '本人业务任务按期完成率'),
];
