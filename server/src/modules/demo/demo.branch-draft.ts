// What every part of the demo's records plan shares (pure): a branch's scene (its roster, committee, usual room, who
// is secretary on a given day, its random stream), a record in the making (a draft: the record, the day it was
// entered, the plan it took over), attendance drawn from the roster, and small helpers for days and texts.
import type { Attendance, BranchRecordKind, Grade } from '#contracts/branch';
import type { MemberImportRow } from '#contracts/member';
import type { PlanRecord } from '../branch/index.ts';
import { EXCUSES } from './demo.branch-texts.ts';
import { addDays, type DemoRandom } from './demo.random.ts';
import type { DemoIds } from './demo.responsibility-builder.ts';

export type DemoBranchInput = { seed: number; today: string; ids: DemoIds };

export type Draft = Omit<PlanRecord, 'prefill' | 'createdByUserId' | 'createdByName' | 'enteredAt'> & {
  /** The day the record was entered (the form opens on it). */
  enteredOn: string;
  /** Who entered it. */
  enteredBy: MemberImportRow;
  /** The plan a held record took over (it was entered as planned first). */
  planned: { topic: string; plannedOn: string | null; place: string | null } | null;
};

export type Scene = {
  orgId: string;
  /** The branch's name without 党支部 (the sections it serves), for texts. */
  work: string;
  /** Everyone who was ever on the roster; `rosterOn` says who was on a day. */
  roster: readonly MemberImportRow[];
  /** The secretary on a day (a handover changes it in the demo accounts' branch). */
  secretaryOn(day: string): MemberImportRow;
  /** Secretary, deputy and committee members: the 支委会. */
  committee: readonly MemberImportRow[];
  /** Who usually keeps the minutes (the 组织委员). */
  recorder: MemberImportRow;
  room: string;
  r: DemoRandom;
  today: string;
  themeDay: number;
  ids: DemoIds;
};

/** Each branch's members by its code, in roster order. */
export function rostersOf(members: readonly MemberImportRow[]): Map<string, MemberImportRow[]> {
  const out = new Map<string, MemberImportRow[]>();
  for (const m of members) {
    const roster = out.get(m.partyOrgCode);
    if (roster) roster.push(m);
    else out.set(m.partyOrgCode, [m]);
  }
  return out;
}

export const rosterOn = (scene: Pick<Scene, 'roster'>, day: string) =>
  scene.roster.filter((m) => (m.joinedOn ?? '') <= day);

const dow = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

/** The day, or the Monday after it when it falls on a weekend (a fixed day "顺延"). */
export function workdayForward(iso: string): string {
  const d = dow(iso);
  return d === 6 ? addDays(iso, 2) : d === 0 ? addDays(iso, 1) : iso;
}

/** The day, or the Friday before it when it falls on a weekend (unless that leaves the month). */
export function workdayNear(iso: string): string {
  const d = dow(iso);
  const back = d === 6 ? addDays(iso, -1) : d === 0 ? addDays(iso, -2) : iso;
  return back.slice(0, 7) === iso.slice(0, 7) ? back : workdayForward(iso);
}

export const dayOfMonth = (month: string, day: number) =>
  `${month.slice(0, 7)}-${String(day).padStart(2, '0')}`;

/** '{a}' placeholders filled from `vars`. */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? ''));
}

/** Figures for a bulletin or an outcome, drawn once per text. */
export const figures = (r: DemoRandom) => ({
  a: r.int(800, 6000),
  b: r.int(40, 300),
  k: r.int(2, 12),
  m: r.int(5, 120),
  p: r.int(8, 35),
  q: r.int(95, 99),
});

export type Attending = { memberId: string; attendance: Attendance; reason: string | null };

/**
 * Attendance of `people`: most present, a few excused with a reason, now and then one absent; `keep` (host,
 * recorder) are always there. `away` raises the share of excused members (a branch that lags).
 */
export function attendance(
  scene: Scene,
  people: readonly MemberImportRow[],
  keep: readonly MemberImportRow[],
  away = 0.06,
): Attending[] {
  const { r, ids } = scene;
  const kept = new Set(keep.map((m) => m.idNumber));
  return people.map((m) => {
    const x = r.next();
    if (kept.has(m.idNumber) || x >= away + 0.01)
      return { memberId: ids.member(m), attendance: 'present', reason: null };
    if (x < away) return { memberId: ids.member(m), attendance: 'excused', reason: r.pick(EXCUSES) };
    return { memberId: ids.member(m), attendance: 'absent', reason: null };
  });
}

export const presentCount = (a: readonly Attending[]) => a.filter((x) => x.attendance === 'present').length;

/** Names of a few members present, for an exchange (交流发言). */
export function speakers(
  scene: Scene,
  a: readonly Attending[],
  people: readonly MemberImportRow[],
  n: number,
) {
  const present = new Set(a.filter((x) => x.attendance === 'present').map((x) => x.memberId));
  return scene.r
    .shuffle(people.filter((m) => present.has(scene.ids.member(m))))
    .slice(0, n)
    .map((m) => m.name);
}

/** A record of `kind` held (before today) or planned (today or later), with the fields every kind has. */
export function draft(
  scene: Scene,
  kind: BranchRecordKind,
  day: string,
  fields: Partial<Draft> & Pick<Draft, 'topic' | 'hostMemberId' | 'attendees'>,
): Draft {
  const held = day < scene.today;
  const lag = scene.r.chance(0.75) ? 0 : scene.r.int(1, 4);
  return {
    partyOrgId: scene.orgId,
    kind,
    status: held ? 'held' : 'planned',
    plannedOn: held ? null : day,
    heldOn: held ? day : null,
    place: scene.room,
    recorderMemberId: kind === 'talk' ? null : scene.ids.member(scene.recorder),
    content: null,
    resolutions: null,
    parts: null,
    studied: null,
    appliedTo: null,
    outcome: null,
    grades: [] as { memberId: string; grade: Grade; note: string | null }[],
    source: 'demo',
    // A plan is entered some days ahead; a held record on the day or a few days later (never after today).
    enteredOn: held
      ? ([addDays(day, lag), addDays(scene.today, -1)].sort()[0] as string)
      : ([addDays(day, -scene.r.int(3, 12)), scene.today].sort()[0] as string),
    enteredBy: scene.secretaryOn(day),
    planned: null,
    ...fields,
  };
}

/** Takes a held record over from its plan (entered some days before, on the planned day and place). */
export function fromPlan(scene: Scene, d: Draft): Draft {
  if (d.status !== 'held' || !d.heldOn) return d;
  const earlier = addDays(d.heldOn, -scene.r.int(1, 5));
  // Moved within its month: the form finds a plan of the record's month only.
  const plannedOn = scene.r.chance(0.85) || earlier.slice(0, 7) !== d.heldOn.slice(0, 7) ? d.heldOn : earlier;
  return { ...d, plannedOn, planned: { topic: d.topic, plannedOn, place: d.place } };
}

const at = (day: string, minutes: number) => new Date(Date.parse(`${day}T01:00:00Z`) + minutes * 60_000);

/**
 * What the form offered each record when it was entered, in the order they were entered: the last place and recorder
 * of the organisation's held meetings, the secretary of that day, the roster of the meeting's day.
 */
export function finish(
  drafts: readonly Draft[],
  scene: Pick<Scene, 'roster' | 'ids' | 'themeDay'> & { hostOn(day: string): string | null },
  expectedOn: (day: string) => readonly MemberImportRow[] = (day) => rosterOn(scene, day),
): PlanRecord[] {
  const ordered = [...drafts].sort(
    (a, b) =>
      a.enteredOn.localeCompare(b.enteredOn) ||
      (a.heldOn ?? a.plannedOn ?? '').localeCompare(b.heldOn ?? b.plannedOn ?? ''),
  );
  let last: { day: string; place: string | null; recorder: string | null } | null = null;
  return ordered.map((d, n) => {
    const { enteredOn, enteredBy, planned, ...fields } = d;
    const day = (d.heldOn ?? d.plannedOn) as string;
    const talk = d.kind === 'talk';
    const record: PlanRecord = {
      ...fields,
      prefill: {
        date: d.kind === 'theme_day' ? dayOfMonth(day, scene.themeDay) : enteredOn,
        hostMemberId: scene.hostOn(enteredOn),
        recorderMemberId: talk ? null : (last?.recorder ?? null),
        place: talk ? null : (last?.place ?? null),
        expected: talk ? [] : expectedOn(day).map((m) => scene.ids.member(m)),
        planned,
      },
      createdByUserId: scene.ids.account(enteredBy),
      createdByName: enteredBy.name,
      enteredAt: at(enteredOn, 30 + ((n * 37) % 480)),
    };
    if (d.status === 'held' && !talk && (!last || day >= last.day))
      last = { day, place: d.place, recorder: d.recorderMemberId };
    return record;
  });
}
