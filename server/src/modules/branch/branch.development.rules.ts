// The rules of 发展党员 as pure functions over a person's timeline: the stages in order, the age at application, the
// year as an activist before becoming a candidate, two full members as introducers, the probationary year, and no
// date in the future. Each refusal names the rule it applies, at the field it concerns.
import {
  DEVELOPMENT_STAGE_LABELS,
  DEVELOPMENT_STAGES,
  type DevelopmentStage,
  STAGE_DATE_FIELDS,
  type StageDateField,
} from '#contracts/branch-development';
import type { FieldIssue } from '#contracts/errors';

export type Timeline = Record<Exclude<StageDateField, 'appliedOn'>, string | null> & {
  birthDate: string;
  appliedOn: string;
};

/** What the rules need to know of a named introducer (looked up by the service). */
export type IntroducerFacts = {
  memberId: string;
  name: string | null;
  /** An active member. */
  active: boolean;
  /** A full member (a probationary member may not introduce). */
  full: boolean;
  /** A member of the person's branch (or of an organisation under it). */
  inBranch: boolean;
};

/**
 * The same day `years` later. Someone born on 29 February reaches an age on 1 March of a common year (our reading:
 * the day after 28 February is the first day the anniversary has fully passed).
 */
export function addYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const target = y + years;
  const leap = (target % 4 === 0 && target % 100 !== 0) || target % 400 === 0;
  if (m === 2 && d === 29 && !leap) return `${target}-03-01`;
  return `${target}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export function addDays(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The stage a timeline has reached: that of its last date. */
export function stageOf(t: Partial<Record<StageDateField, string | null>>): DevelopmentStage {
  let stage: DevelopmentStage = 'applicant';
  for (const s of DEVELOPMENT_STAGES) if (t[STAGE_DATE_FIELDS[s]]) stage = s;
  return stage;
}

/** The earliest day each stage not yet entered may be, by the intervals; null once entered or not yet reachable. */
export function earliestDates(t: Timeline): Record<Exclude<StageDateField, 'appliedOn'>, string | null> {
  const next = (field: StageDateField, from: string | null, years: number) =>
    t[field] || !from ? null : years ? addYears(from, years) : from;
  return {
    activistOn: next('activistOn', t.appliedOn, 0),
    candidateOn: next('candidateOn', t.activistOn, 1),
    probationaryOn: next('probationaryOn', t.candidateOn, 0),
    fullOn: next('fullOn', t.probationaryOn, 1),
  };
}

/** The day the probationary year ends, while the person is still probationary. */
export function probationEndsOn(t: Pick<Timeline, 'probationaryOn' | 'fullOn'>): string | null {
  return t.probationaryOn && !t.fullOn ? addYears(t.probationaryOn, 1) : null;
}

const label = (s: DevelopmentStage) => DEVELOPMENT_STAGE_LABELS[s].zh;
const field = (f: StageDateField) => `body.${f}`;

/**
 * Every rule the timeline breaks, as field issues (empty when it keeps them all). `introducers` are those named for
 * the person, needed from 发展对象 on; null when they were judged already and stand (see the service).
 */
export function timelineIssues(
  t: Timeline,
  introducers: readonly IntroducerFacts[] | null,
  today: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const fields = DEVELOPMENT_STAGES.map((s) => STAGE_DATE_FIELDS[s]);
  for (const f of fields) {
    const v = t[f];
    if (v && v > today)
      issues.push({ field: field(f), message: `日期不能晚于今天（${today}），请登记已经发生的日期` });
  }
  // Stages in order: a stage needs the one before it, on or before its own date.
  DEVELOPMENT_STAGES.forEach((stage, i) => {
    if (i === 0) return;
    const prev = DEVELOPMENT_STAGES[i - 1] as DevelopmentStage;
    const own = t[STAGE_DATE_FIELDS[stage]];
    const before = t[STAGE_DATE_FIELDS[prev]];
    if (!own) return;
    if (!before)
      issues.push({
        field: field(STAGE_DATE_FIELDS[stage]),
        message: `发展党员须按程序逐步进行：请先登记“${label(prev)}”的日期，再进入“${label(stage)}”阶段`,
      });
    else if (own < before)
      issues.push({
        field: field(STAGE_DATE_FIELDS[stage]),
        message: `“${label(stage)}”的日期不能早于“${label(prev)}”的日期 ${before}`,
      });
  });
  const adult = addYears(t.birthDate, 18);
  if (t.appliedOn < adult)
    issues.push({
      field: field('appliedOn'),
      message: `申请入党须年满十八岁（《中国共产党章程》第一条）：出生于 ${t.birthDate}，${adult} 起方可递交入党申请`,
    });
  if (t.activistOn && t.candidateOn && t.candidateOn >= t.activistOn) {
    const earliest = addYears(t.activistOn, 1);
    if (t.candidateOn < earliest)
      issues.push({
        field: field('candidateOn'),
        message: `入党积极分子须经过一年以上培养教育和考察，方可列为发展对象（《中国共产党发展党员工作细则》第十三条）：列为积极分子于 ${t.activistOn}，最早 ${earliest}`,
      });
  }
  if (t.probationaryOn && t.fullOn && t.fullOn >= t.probationaryOn) {
    const end = addYears(t.probationaryOn, 1);
    if (t.fullOn < end)
      issues.push({
        field: field('fullOn'),
        message: `预备党员的预备期为一年（《中国共产党章程》第七条）：预备期自 ${t.probationaryOn} 起，${end} 期满后方可转为正式党员`,
      });
  }
  if (t.candidateOn && introducers) issues.push(...introducerIssues(introducers));
  return issues;
}

function introducerIssues(introducers: readonly IntroducerFacts[]): FieldIssue[] {
  const f = 'body.introducerMemberIds';
  if (introducers.length !== 2)
    return [
      {
        field: f,
        message: '发展对象须有两名正式党员作入党介绍人（《中国共产党章程》第五条），请选择两名介绍人',
      },
    ];
  const out: FieldIssue[] = [];
  for (const i of introducers) {
    const who = i.name ?? '所选党员';
    if (!i.name || !i.active) out.push({ field: f, message: `${who}不是在册党员，不能作入党介绍人` });
    else if (!i.full)
      out.push({ field: f, message: `${who}是预备党员，入党介绍人须为正式党员（《中国共产党章程》第五条）` });
    else if (!i.inBranch)
      out.push({ field: f, message: `${who}不在本党支部，请选择本支部的正式党员作入党介绍人` });
  }
  return out;
}
