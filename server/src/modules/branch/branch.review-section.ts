// What the branch module contributes to the member's 述评 dossier (issue 12 point 4; listed in registrations.ts): the
// Party records the member took part in during the half-year, by kind; the study records (学用融) they attended; the
// latest 民主评议党员 grade; and whether their 党费 months are paid. All read from the records the branch already keeps,
// for every member of the dossier at once.
//
// Attendance is shown as a fact of each record ('参加 5 次'), never turned into a score (BRIEF: no burden added).
// Dues show months paid and in arrears, never amounts: a dues base is income, not the dossier's readers' to see.

import type { ReviewLine } from '#contracts/assessment-review';
import { type BranchRecordKind, GRADE_LABELS, type Grade, RECORD_KIND_LABELS } from '#contracts/branch';
import type { Ctx } from '../../core/context.ts';
import type { ReviewSectionDef, ReviewSectionQuery } from '../assessment/index.ts';
import { yearsOf } from './branch.dues.ledger.ts';
import { peopleByIds } from './branch.dues.repository.ts';
import { inArrears } from './branch.dues.rules.ts';

const LIFE_KINDS: readonly BranchRecordKind[] = [
  'general_meeting',
  'committee_meeting',
  'cell_meeting',
  'party_lecture',
  'theme_day',
  'org_life_meeting',
];
const RECORDS_PAGE = '/branch/records';
const recordPage = (id: string) => `${RECORDS_PAGE}/${id}`;
const push = (m: Map<string, ReviewLine[]>, id: string, l: ReviewLine) =>
  m.set(id, [...(m.get(id) ?? []), l]);

/** The held records of the window each member was listed on, with their attendance. */
function attended(ctx: Ctx, q: ReviewSectionQuery, kinds: readonly string[]) {
  return ctx.db
    .selectFrom('branchRecordAttendee as a')
    .innerJoin('branchRecord as r', (j) =>
      j.onRef('r.unitId', '=', 'a.unitId').onRef('r.id', '=', 'a.recordId'),
    )
    .select([
      'a.memberId',
      'a.attendance',
      'r.id',
      'r.kind',
      'r.heldOn',
      'r.topic',
      'r.appliedTo',
      'r.durationMinutes',
    ])
    .where('a.unitId', '=', q.unitId)
    .where('a.memberId', 'in', [...q.memberIds])
    .where('r.kind', 'in', [...kinds])
    .where('r.status', '=', 'held')
    .where('r.heldOn', '>=', q.from)
    .where('r.heldOn', '<=', q.to)
    .orderBy('r.heldOn')
    .orderBy('r.id')
    .execute();
}

async function duesLines(ctx: Ctx, q: ReviewSectionQuery): Promise<Map<string, ReviewLine>> {
  const out = new Map<string, ReviewLine>();
  const people = await peopleByIds(ctx.db, q.memberIds);
  const year = Number(q.from.slice(0, 4));
  const [fromMonth, toMonth] = [q.from.slice(0, 7), q.to.slice(0, 7)];
  for (const p of await yearsOf(ctx, people, year)) {
    const months = p.months.filter((m) => m.month >= fromMonth && m.month <= toMonth && m.state !== 'none');
    if (months.length === 0) continue;
    const paid = months.filter((m) => m.state === 'paid').length;
    const arrears = months.filter((m) => inArrears(m.state)).length;
    const open = months.length - paid - arrears;
    const parts = [`已交清 ${paid} 个月`, arrears ? `欠交 ${arrears} 个月` : '无欠交'];
    if (open) parts.push(`${open} 个月尚未到期或未核定基数`);
    out.set(p.person.id, { text: `党费：${parts.join('，')}`, value: paid, href: '/me/dues' });
  }
  return out;
}

const partyLife: ReviewSectionDef = {
  key: 'branch.party_life',
  module: 'branch',
  title: '组织生活',
  order: 20,
  empty: '本半年度没有列入参会名单的组织生活记录',
  assemble: async (ctx, q) => {
    const out = new Map<string, ReviewLine[]>();
    if (q.memberIds.length === 0) return out;
    const [rows, dues] = await Promise.all([attended(ctx, q, LIFE_KINDS), duesLines(ctx, q)]);
    for (const id of q.memberIds) {
      const mine = rows.filter((r) => r.memberId === id);
      for (const kind of LIFE_KINDS) {
        const of = mine.filter((r) => r.kind === kind);
        if (of.length === 0) continue;
        const present = of.filter((r) => r.attendance === 'present').length;
        const excused = of.filter((r) => r.attendance === 'excused').length;
        const absent = of.length - present - excused;
        const note = [excused ? `请假 ${excused} 次` : '', absent ? `缺席 ${absent} 次` : '']
          .filter(Boolean)
          .join('，');
        push(out, id, {
          text: `${RECORD_KIND_LABELS[kind].zh}：参加 ${present} 次${note ? `（${note}）` : ''}`,
          value: present,
          href: `${RECORDS_PAGE}?kind=${kind}`,
        });
      }
      const d = dues.get(id);
      if (d) push(out, id, d);
    }
    return out;
  },
};

const study: ReviewSectionDef = {
  key: 'branch.study',
  module: 'branch',
  title: '学习情况',
  order: 30,
  empty: '本半年度没有参加学用融学习的记录',
  assemble: async (ctx, q) => {
    const out = new Map<string, ReviewLine[]>();
    if (q.memberIds.length === 0) return out;
    const rows = (await attended(ctx, q, ['study'])).filter((r) => r.attendance === 'present');
    for (const id of q.memberIds) {
      const mine = rows.filter((r) => r.memberId === id);
      if (mine.length === 0) continue;
      const minutes = mine.reduce((s, r) => s + (r.durationMinutes ?? 0), 0);
      push(out, id, {
        text: `参加学用融学习 ${mine.length} 次${minutes ? `，共 ${Math.round((minutes / 60) * 10) / 10} 小时` : ''}`,
        value: mine.length,
        href: `${RECORDS_PAGE}?kind=study`,
      });
      for (const r of mine)
        push(out, id, {
          text: `${r.heldOn} ${r.topic}${r.appliedTo ? `（用于：${r.appliedTo}）` : ''}`,
          value: null,
          href: recordPage(r.id),
        });
    }
    return out;
  },
};

const appraisal: ReviewSectionDef = {
  key: 'branch.member_appraisal',
  module: 'branch',
  title: '民主评议党员',
  order: 40,
  empty: '尚无民主评议党员的等次',
  assemble: async (ctx, q) => {
    const out = new Map<string, ReviewLine[]>();
    if (q.memberIds.length === 0) return out;
    // The latest appraisal held by the end of the half-year (民主评议 is yearly: usually the previous year's).
    const rows = await ctx.db
      .selectFrom('memberGrade as g')
      .innerJoin('branchRecord as r', (j) =>
        j.onRef('r.unitId', '=', 'g.unitId').onRef('r.id', '=', 'g.recordId'),
      )
      .select(['g.memberId', 'g.grade', 'r.id', 'r.heldOn'])
      .where('g.unitId', '=', q.unitId)
      .where('g.memberId', 'in', [...q.memberIds])
      .where('r.kind', '=', 'member_appraisal')
      .where('r.status', '=', 'held')
      .where('r.heldOn', '<=', q.to)
      .orderBy('r.heldOn', 'desc')
      .orderBy('r.id')
      .execute();
    for (const r of rows) {
      if (out.has(r.memberId)) continue;
      const label = GRADE_LABELS[r.grade as Grade]?.zh ?? r.grade;
      out.set(r.memberId, [
        { text: `${r.heldOn} 民主评议党员：${label}`, value: null, href: recordPage(r.id) },
      ]);
    }
    return out;
  },
};

export const BRANCH_REVIEW_SECTIONS: ReviewSectionDef[] = [partyLife, study, appraisal];
