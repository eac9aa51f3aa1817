// What the responsibility module contributes to the assessment's catalogue of measures (issue 12 point 2): the
// obligations met by records (三会一课, 主题党日 … held when due) and the duties of the lists done on time, by domain —
// the same list holds the Party and the business duties (一岗双责), so both sides are counted from one place.
// Values are set-based: one query for every subject of a cycle. The drill-down names each period.
import type { Basis, Domain } from '#contracts/assessment';
import { type Ctx, todayOf } from '../../core/context.ts';
import {
  type Measure,
  type MeasureQuery,
  type MeasureValue,
  share,
  sharedRead,
  subjectOrgs,
} from '../assessment/index.ts';
import { dutiesJudged, dutyBasis } from './responsibility.duty-basis.ts';
import { RESPONSIBILITY_MEMBER_MEASURES } from './responsibility.member-measures.ts';
import { obligationPeriods } from './responsibility.obligation-rollup.ts';

const STATE_LABELS = { held: '已开展', missing: '到期未开展', exempt: '免于开展', due: '未到期' } as const;

/** The obligation periods of one ask, by subject: both obligation measures count them, and read them once. */
function obligations(ctx: Ctx, q: MeasureQuery): ReturnType<typeof readObligations> {
  return sharedRead(q, 'responsibility.obligations', () => readObligations(ctx, q));
}

async function readObligations(ctx: Ctx, q: MeasureQuery) {
  const orgOf = await subjectOrgs(ctx, q);
  const periods = await obligationPeriods(ctx, {
    unitId: q.unitId,
    orgIds: [...orgOf.keys()],
    from: q.from,
    to: q.to,
  });
  const bySubject = new Map<string, typeof periods>();
  for (const p of periods) {
    const s = orgOf.get(p.orgId);
    if (s) bySubject.set(s, [...(bySubject.get(s) ?? []), p]);
  }
  return bySubject;
}

function obligationBasis(periods: Awaited<ReturnType<typeof obligationPeriods>>): Basis[] {
  return periods.map((p) => ({
    kind: 'responsibility.obligation',
    kindLabel: '组织生活任务',
    id: p.fulfilledById,
    title: `${p.itemTitle}（${p.periodKey}）${p.fulfilledByTitle ? `：${p.fulfilledByTitle}` : ''}`,
    date: p.dueOn,
    state: STATE_LABELS[p.state],
    counted: p.state === 'held' || p.state === 'missing',
    href: p.fulfilledById ? `/branch/records/${p.fulfilledById}` : null,
  }));
}

const obligationsMet: Measure = {
  key: 'responsibility.obligations_met',
  module: 'responsibility',
  label: '组织生活按期开展率',
  description:
    '责任清单中由支部工作记录完成的任务（三会一课、主题党日等），本期到期的各期中按期开展的比例；免于开展和尚未到期的不计',
  domain: 'party',
  subject: 'org',
  unit: 'ratio',
  suggestedRule: { kind: 'linear', floor: 0.6, target: 1 },
  counts: ['responsibility_period', 'branch_record'],
  compute: async (ctx, q) => {
    const bySubject = await obligations(ctx, q);
    const out = new Map<string, MeasureValue>();
    for (const s of q.subjects) {
      const ps = bySubject.get(s.id) ?? [];
      const held = ps.filter((p) => p.state === 'held').length;
      const missing = ps.filter((p) => p.state === 'missing').length;
      out.set(s.id, {
        value: share(held, held + missing),
        detail:
          held + missing > 0
            ? `到期 ${held + missing} 次，按期开展 ${held} 次，未开展 ${missing} 次`
            : '本期没有到期的组织生活任务',
        basis: q.withBasis ? obligationBasis(ps) : [],
      });
    }
    return out;
  },
};

const obligationsMissed: Measure = {
  key: 'responsibility.obligations_missed',
  module: 'responsibility',
  label: '组织生活到期未开展次数',
  description: '责任清单中由支部工作记录完成的任务，本期到期而未开展的次数（免于开展的不计），用于扣分',
  domain: 'party',
  subject: 'org',
  unit: 'count',
  suggestedRule: { kind: 'deduction', base: 100, per: 5, cap: 40 },
  counts: ['responsibility_period', 'branch_record'],
  compute: async (ctx, q) => {
    const bySubject = await obligations(ctx, q);
    const out = new Map<string, MeasureValue>();
    for (const s of q.subjects) {
      const ps = bySubject.get(s.id) ?? [];
      const due = ps.filter((p) => p.state === 'held' || p.state === 'missing');
      const missing = due.filter((p) => p.state === 'missing').length;
      out.set(s.id, {
        value: due.length > 0 ? missing : null,
        detail: due.length > 0 ? `到期 ${due.length} 次，未开展 ${missing} 次` : '本期没有到期的组织生活任务',
        basis: q.withBasis ? obligationBasis(ps.filter((p) => p.state === 'missing')) : [],
      });
    }
    return out;
  },
};

/** Duties kept by reporting progress (not by records), of one domain, due in the window. */
function dutiesOnTime(domain: Domain, label: string): Measure {
  return {
    key: `responsibility.${domain}_duties_on_time`,
    module: 'responsibility',
    label,
    description: `责任清单中${domain === 'party' ? '党建' : domain === 'business' ? '业务' : '融合'}类任务，本期到期的各期中按期完成的比例（逾期完成和到期未完成都算未按期；免于完成和尚未到期的不计）`,
    domain,
    subject: 'org',
    unit: 'ratio',
    suggestedRule: { kind: 'linear', floor: 0.5, target: 1 },
    counts: ['responsibility_item', 'responsibility_period'],
    compute: async (ctx, q) => {
      const orgOf = await subjectOrgs(ctx, q);
      const today = todayOf(ctx);
      const rows =
        orgOf.size === 0
          ? []
          : await ctx.db
              .selectFrom('responsibilityPeriod as p')
              .innerJoin('responsibilityItem as i', (j) =>
                j.onRef('i.unitId', '=', 'p.unitId').onRef('i.id', '=', 'p.itemId'),
              )
              .select([
                'i.ownerOrgId',
                'i.listId',
                'i.title',
                'p.periodKey',
                'p.dueOn',
                'p.doneOn',
                'p.status',
              ])
              .where('p.unitId', '=', q.unitId)
              .where('i.ownerOrgId', 'in', [...orgOf.keys()])
              .where('i.recordKind', 'is', null)
              .where('i.domain', '=', domain)
              .where('p.dueOn', '>=', q.from)
              .where('p.dueOn', '<=', q.to)
              .orderBy('p.dueOn')
              .execute();
      const out = new Map<string, MeasureValue>();
      for (const s of q.subjects) {
        const mine = rows.filter((r) => orgOf.get(r.ownerOrgId) === s.id);
        const { judged, onTime } = dutiesJudged(mine, today);
        out.set(s.id, {
          value: share(onTime, judged.length),
          detail:
            judged.length > 0
              ? `到期 ${judged.length} 项次，按期完成 ${onTime} 项次`
              : `本期没有到期的${label.replace('按期完成率', '')}`,
          basis: q.withBasis ? dutyBasis(mine, judged, today) : [],
        });
      }
      return out;
    },
  };
}

export const RESPONSIBILITY_MEASURES: Measure[] = [
  obligationsMet,
  obligationsMissed,
  dutiesOnTime('party', '党建任务按期完成率'),
  dutiesOnTime('business', '业务任务按期完成率'),
  dutiesOnTime('fusion', '融合任务按期完成率'),
  ...RESPONSIBILITY_MEMBER_MEASURES,
];
