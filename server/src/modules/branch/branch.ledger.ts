// The 支部工作记录 of one organisation and one year (issue 10, point 7), generated from what was recorded and never
// typed again: 基本情况, every held meeting, lecture, theme day, life meeting, appraisal and study session with its
// attendance, the talks (when and with whom only), 党费 from the dues ledger and 发展党员 from the register. The
// page (JSON) and the Word document are made from this one answer.
//
// A talk's content is never read here: the query below does not select it. A talk's topic, place and resolutions,
// read with the other records', are left behind at once: a talk enters the ledger as its date and its people.

import { type BranchRecordKind, type Grade, RECORD_KINDS } from '#contracts/branch';
import { DEVELOPMENT_STAGES, type DevelopmentPerson, STAGE_DATE_FIELDS } from '#contracts/branch-development';
import type {
  BranchLedger,
  BranchLedgerQuery,
  LedgerAway,
  LedgerRecord,
  LedgerTalk,
} from '#contracts/branch-files';
import { chunked } from '../../core/chunked.ts';
import { type Ctx, todayOf } from '../../core/context.ts';
import { invalid, notFound } from '../../core/errors.ts';
import { isInScope } from '../identity/index.ts';
import { memberRefs } from '../member/index.ts';
import { orgSpans, partyOrgRefs } from '../org/index.ts';
import { ORG_NOT_FOUND } from './branch.access.ts';
import { listDevelopment } from './branch.development.service.ts';
import { duesLedger } from './branch.dues.ledger.ts';
import { type LedgerOrg, ledgerBasics } from './branch.ledger-members.ts';

/** Organisations that keep a 支部工作记录: branches, general branches, cells and temporary organisations. */
const LEDGER_KINDS = ['branch', 'general_branch', 'cell'];
const CHUNK = 1000;

export async function ledgerOrg(ctx: Ctx, partyOrgId: string, year: number): Promise<LedgerOrg> {
  const ref = (await partyOrgRefs(ctx.db, [partyOrgId])).get(partyOrgId);
  if (!ref || !isInScope(ctx.actor, 'branch.read', ref.path))
    throw notFound('branch.org_not_found', ORG_NOT_FOUND);
  const isTemporary = (await orgSpans(ctx.db, [ref.id])).get(ref.id)?.isTemporary ?? false;
  if (!LEDGER_KINDS.includes(ref.kind) && !isTemporary)
    throw invalid('branch.ledger_not_branch', '支部工作记录按党支部生成，请选择党支部、党总支或党小组', [
      { field: 'query.partyOrgId', message: '请选择党支部、党总支、党小组或临时党组织' },
    ]);
  if (year > Number(todayOf(ctx).slice(0, 4)))
    throw invalid('branch.ledger_future_year', `${year} 年尚未开始，请选择今年或以前的年度`, [
      { field: 'query.year', message: '请选择今年或以前的年度' },
    ]);
  return { id: ref.id, unitId: ref.unitId, name: ref.name, path: ref.path, kind: ref.kind, isTemporary };
}

async function heldRecords(ctx: Ctx, org: LedgerOrg, from: string, to: string) {
  return ctx.db
    .selectFrom('branchRecord as r')
    .innerJoin('partyOrg as o', (j) =>
      j.onRef('o.unitId', '=', 'r.unitId').onRef('o.id', '=', 'r.partyOrgId'),
    )
    .select([
      'r.id',
      'r.kind',
      'r.heldOn',
      'r.place',
      'r.hostMemberId',
      'r.recorderMemberId',
      'r.topic',
      'r.resolutions',
      'r.parts',
      'r.studied',
      'r.appliedTo',
      'r.outcome',
      'o.name as orgName',
    ])
    .where('r.unitId', '=', org.unitId)
    .where('o.path', 'like', `${org.path}%`)
    .where('r.status', '=', 'held')
    .where('r.heldOn', '>=', from)
    .where('r.heldOn', '<=', to)
    .orderBy('r.heldOn')
    .orderBy('r.createdAt')
    .execute();
}

async function peopleOf(ctx: Ctx, unitId: string, ids: readonly string[]) {
  const attendees = [];
  const grades = [];
  for (const chunk of chunked(ids, CHUNK)) {
    attendees.push(
      ...(await ctx.db
        .selectFrom('branchRecordAttendee')
        .select(['recordId', 'memberId', 'attendance', 'reason', 'expected'])
        .where('unitId', '=', unitId)
        .where('recordId', 'in', chunk)
        .execute()),
    );
    grades.push(
      ...(await ctx.db
        .selectFrom('memberGrade')
        .select(['recordId', 'memberId', 'grade', 'note'])
        .where('unitId', '=', unitId)
        .where('recordId', 'in', chunk)
        .execute()),
    );
  }
  return { attendees, grades };
}

function byRecord<T extends { recordId: string }>(rows: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.recordId);
    if (list) list.push(r);
    else out.set(r.recordId, [r]);
  }
  return out;
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, 'zh-CN');

async function ledgerRecords(ctx: Ctx, org: LedgerOrg, from: string, to: string) {
  const rows = await heldRecords(ctx, org, from, to);
  const { attendees, grades } = await peopleOf(
    ctx,
    org.unitId,
    rows.map((r) => r.id),
  );
  const names = await memberRefs(ctx.db, [
    ...rows.flatMap((r) => [r.hostMemberId, r.recorderMemberId].filter((x): x is string => !!x)),
    ...attendees.map((a) => a.memberId),
    ...grades.map((g) => g.memberId),
  ]);
  const nameOf = (id: string | null) => (id ? (names.get(id)?.name ?? '（已删除的党员）') : null);
  const attendeesOf = byRecord(attendees);
  const gradesOf = byRecord(grades);
  const records: LedgerRecord[] = [];
  const talks: LedgerTalk[] = [];
  for (const r of rows) {
    const people = (attendeesOf.get(r.id) ?? []).map((a) => ({ ...a, name: nameOf(a.memberId) ?? '' }));
    if (r.kind === 'talk') {
      talks.push({
        id: r.id,
        partyOrgName: r.orgName,
        heldOn: r.heldOn as string,
        hostName: nameOf(r.hostMemberId),
        participants: people.sort(byName).map((p) => p.name),
      });
      continue;
    }
    const graded = (gradesOf.get(r.id) ?? [])
      .map((g) => ({ name: nameOf(g.memberId) ?? '', grade: g.grade as Grade, note: g.note }))
      .sort(byName);
    const count = (grade: Grade) => graded.filter((g) => g.grade === grade).length;
    records.push({
      id: r.id,
      kind: r.kind as BranchRecordKind,
      partyOrgName: r.orgName,
      heldOn: r.heldOn as string,
      place: r.place,
      hostName: nameOf(r.hostMemberId),
      recorderName: nameOf(r.recorderMemberId),
      topic: r.topic,
      expected: people.filter((p) => p.expected).length,
      present: people.filter((p) => p.attendance === 'present').length,
      guests: people.filter((p) => !p.expected).length,
      excused: people
        .filter((p) => p.attendance === 'excused')
        .sort(byName)
        .map((p) => ({ name: p.name, reason: p.reason })),
      absent: people
        .filter((p) => p.attendance === 'absent')
        .sort(byName)
        .map((p) => p.name),
      resolutions: r.resolutions,
      parts:
        r.kind === 'theme_day'
          ? {
              theory: r.parts?.theory ?? null,
              bulletin: r.parts?.bulletin ?? null,
              exchange: r.parts?.exchange ?? null,
              microLecture: r.parts?.microLecture ?? null,
            }
          : null,
      studied: r.studied,
      appliedTo: r.appliedTo,
      outcome: r.outcome,
      grades: graded,
      gradeCounts:
        r.kind === 'member_appraisal'
          ? {
              excellent: count('excellent'),
              qualified: count('qualified'),
              basically_qualified: count('basically_qualified'),
              unqualified: count('unqualified'),
            }
          : null,
    });
  }
  return { records, talks };
}

/**
 * Records of temporary organisations (outside this one) that members of this organisation attended in the year:
 * a field team's theme days count for its members' home branch. Members are those the organisation's history
 * places in it during the year (and those with no history, where they are now).
 */
async function ledgerAway(ctx: Ctx, org: LedgerOrg, from: string, to: string): Promise<LedgerAway[]> {
  const rows = await ctx.db
    .selectFrom('branchRecordAttendee as a')
    .innerJoin('branchRecord as r', (j) =>
      j.onRef('r.unitId', '=', 'a.unitId').onRef('r.id', '=', 'a.recordId'),
    )
    .innerJoin('partyOrg as t', (j) =>
      j.onRef('t.unitId', '=', 'r.unitId').onRef('t.id', '=', 'r.partyOrgId'),
    )
    .innerJoin('member as m', (j) => j.onRef('m.unitId', '=', 'a.unitId').onRef('m.id', '=', 'a.memberId'))
    .select(['r.id', 'r.kind', 'r.heldOn', 'r.topic', 't.name as orgName', 'm.name as memberName'])
    .where('a.unitId', '=', org.unitId)
    .where('a.attendance', '=', 'present')
    .where('t.isTemporary', '=', true)
    .where('t.path', 'not like', `${org.path}%`)
    .where('r.status', '=', 'held')
    .where('r.heldOn', '>=', from)
    .where('r.heldOn', '<=', to)
    .where((eb) =>
      eb.or([
        eb.exists(
          eb
            .selectFrom('memberOrgHistory as h')
            .innerJoin('partyOrg as ho', (j) =>
              j.onRef('ho.unitId', '=', 'h.unitId').onRef('ho.id', '=', 'h.partyOrgId'),
            )
            .select('h.memberId')
            .whereRef('h.unitId', '=', 'a.unitId')
            .whereRef('h.memberId', '=', 'a.memberId')
            .where('ho.path', 'like', `${org.path}%`)
            .whereRef('h.fromOn', '<=', 'r.heldOn')
            .where((w) => w.or([w('h.toOn', 'is', null), w('h.toOn', '>', w.ref('r.heldOn'))])),
        ),
        eb.and([
          eb.not(
            eb.exists(
              eb
                .selectFrom('memberOrgHistory as h2')
                .select('h2.memberId')
                .whereRef('h2.unitId', '=', 'a.unitId')
                .whereRef('h2.memberId', '=', 'a.memberId'),
            ),
          ),
          eb.exists(
            eb
              .selectFrom('partyOrg as mo')
              .select('mo.id')
              .whereRef('mo.unitId', '=', 'm.unitId')
              .whereRef('mo.id', '=', 'm.partyOrgId')
              .where('mo.path', 'like', `${org.path}%`),
          ),
        ]),
      ]),
    )
    .orderBy('r.heldOn')
    .orderBy('r.id')
    .execute();
  const out = new Map<string, LedgerAway>();
  for (const r of rows) {
    const entry = out.get(r.id) ?? {
      id: r.id,
      partyOrgName: r.orgName,
      kind: r.kind as BranchRecordKind,
      heldOn: r.heldOn as string,
      topic: r.kind === 'talk' ? null : r.topic,
      members: [],
    };
    entry.members.push(r.memberName);
    out.set(r.id, entry);
  }
  for (const e of out.values()) e.members.sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return [...out.values()];
}

/** 党费 of the year from the dues ledger: months owed and paid per member, amounts only for the collectors. */
async function ledgerDues(ctx: Ctx, org: LedgerOrg, year: number): Promise<BranchLedger['dues']> {
  const dues = await duesLedger(ctx, { partyOrgId: org.id, year });
  const members = dues.members.map((m) => {
    const owed = m.months.filter((x) => x.state !== 'none' && x.month <= dues.currentMonth);
    return {
      name: m.name,
      partyOrgName: m.partyOrgName,
      dueMonths: owed.length,
      paidMonths: m.months.filter((x) => x.state === 'paid').length,
      arrearsMonths: m.arrearsMonths,
      unassessedMonths: m.unassessedMonths,
      dueFen: m.dueFen,
      paidFen: m.paidFen,
    };
  });
  const sum = (k: 'dueMonths' | 'paidMonths') => members.reduce((n, m) => n + m[k], 0);
  return {
    showsAmounts: dues.showsAmounts,
    currentMonth: dues.currentMonth,
    members,
    totals: {
      members: dues.totals.members,
      dueMonths: sum('dueMonths'),
      paidMonths: sum('paidMonths'),
      arrearsMonths: dues.totals.arrearsMonths,
      arrearsMembers: dues.totals.arrearsMembers,
      dueFen: dues.totals.dueFen,
      paidFen: dues.totals.paidFen,
      arrearsFen: dues.totals.arrearsFen,
    },
  };
}

/** 发展党员: everyone in the register who entered a stage in the year, with those stages and their days. */
async function ledgerDevelopment(ctx: Ctx, org: LedgerOrg, from: string, to: string) {
  const people: DevelopmentPerson[] = await listDevelopment(ctx, { partyOrgId: org.id });
  return people.flatMap((p) => {
    const steps = DEVELOPMENT_STAGES.flatMap((stage) => {
      const on = p[STAGE_DATE_FIELDS[stage]];
      return on && on >= from && on <= to ? [{ stage, on }] : [];
    });
    if (steps.length === 0) return [];
    return [
      {
        name: p.name,
        partyOrgName: p.partyOrgName,
        stage: p.stage,
        steps,
        introducers: p.introducers.map((i) => i.name),
      },
    ];
  });
}

export async function branchLedger(ctx: Ctx, q: BranchLedgerQuery): Promise<BranchLedger> {
  const org = await ledgerOrg(ctx, q.partyOrgId, q.year);
  const today = todayOf(ctx);
  const startOn = `${q.year}-01-01`;
  const yearEnd = `${q.year}-12-31`;
  const endOn = yearEnd < today ? yearEnd : today;
  const [basics, held, dues, development, away] = await Promise.all([
    ledgerBasics(ctx, org, startOn, endOn),
    ledgerRecords(ctx, org, startOn, yearEnd),
    ledgerDues(ctx, org, q.year),
    ledgerDevelopment(ctx, org, startOn, yearEnd),
    ledgerAway(ctx, org, startOn, yearEnd),
  ]);
  const counts = Object.fromEntries(RECORD_KINDS.map((k) => [k, 0])) as Record<BranchRecordKind, number>;
  for (const r of held.records) counts[r.kind]++;
  counts.talk = held.talks.length;
  return {
    partyOrgId: org.id,
    partyOrgName: org.name,
    year: q.year,
    generatedOn: today,
    basics,
    records: held.records,
    talks: held.talks,
    away,
    counts,
    dues,
    development,
  };
}
