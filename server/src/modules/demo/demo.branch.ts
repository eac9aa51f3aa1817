// The demo organ's year of branch records, as a plan for the branch module's bulk loader (pure: the same organ, seed
// and day give the same plan). Each standing branch keeps its organisational life as its profile says (most regular,
// some lagging, one or two exempted a month, a few with January and February imported from their paper ledger), with
// last December's records imported when the organ began the year on the platform; the temporary organisations hold
// their own (demo.branch-temporary.ts).
//
// Every record says what the form offered when it was entered — the roster on the day, the secretary of the day as
// host, the last place and recorder of the branch, the organ's theme day, the plan it took over — exactly as
// branch.prefill.ts would have, so that the burden meter's counts are the server's own arithmetic on a realistic year.
import type { BranchRecordKind } from '#contracts/branch';
import type { BranchPlan, PlanRecord } from '../branch/index.ts';
import { type DemoBranchInput, type Draft, finish, rostersOf, type Scene } from './demo.branch-draft.ts';
import { branchYear, committeeMeeting, themeDay } from './demo.branch-kinds.ts';
import { type BranchProfile, branchProfiles } from './demo.branch-profile.ts';
import { temporaryOrganisations } from './demo.branch-temporary.ts';
import { ROOMS } from './demo.branch-texts.ts';
import type { DemoOrgan } from './demo.generator.ts';
import { addDays, DemoRandom } from './demo.random.ts';
import { type DemoCast, demoCast } from './demo.responsibility-cast.ts';
import { HANDOVER_AT, yearClock } from './demo.responsibility-story.ts';

/** Random streams of the branches' records, far from the other demo streams. */
const RECORD_STREAM = 0x7ffb_0000;
const ORGAN_STREAM = 0x7ffa_0000;

/** Kinds the 三会一课 workbook carries (a study needs what was studied, a talk its content, an appraisal grades). */
const IMPORTABLE: readonly BranchRecordKind[] = [
  'theme_day',
  'committee_meeting',
  'general_meeting',
  'party_lecture',
  'org_life_meeting',
];

/** The organ's fixed day of the month for 主题党日: the demo organ's is the 9th; other organs of a province vary. */
export function themeDayOf(seed: number): number {
  return seed === 2026 ? 9 : new DemoRandom(seed, ORGAN_STREAM).pick([9, 9, 9, 10, 12, 15]);
}

function scenes(organ: DemoOrgan, cast: DemoCast, input: DemoBranchInput, themeDay: number) {
  const rosters = rostersOf(organ.members);
  const handoverOn = yearClock(input.today).at(HANDOVER_AT);
  return cast.branches.map((branch, bi): Scene => {
    const r = new DemoRandom(input.seed, RECORD_STREAM + bi);
    const roster = rosters.get(branch.code) ?? [];
    const isHome = branch === cast.home;
    const committee = roster.filter((m) => m.partyPost !== null);
    const recorder =
      branch.committee.find((m) => !(isHome && m === cast.predecessor)) ??
      branch.committee[0] ??
      branch.secretary;
    return {
      orgId: input.ids.org(branch.code),
      work: branch.name.replace(/(联合)?党支部$/, ''),
      roster,
      secretaryOn: (day) => (isHome && day < handoverOn ? cast.predecessor : branch.secretary),
      committee,
      recorder,
      room: r.pick(ROOMS),
      r,
      today: input.today,
      themeDay,
      ids: input.ids,
    };
  });
}

/**
 * Last December's 主题党日 and 支委会, imported from the branch's workbook when the organ began the year on the
 * platform: the old year's ledger is in, and the year's first forms open with the branch's place and recorder.
 */
function lastDecember(scene: Scene, profile: BranchProfile): Draft[] {
  const month = `${Number(scene.today.slice(0, 4)) - 1}-12`;
  const enteredOn = `${month}-${scene.r.int(28, 30)}`;
  return [themeDay(scene, profile, month), committeeMeeting(scene, month)]
    .filter((d): d is Draft => d !== null && d.status === 'held')
    .map((d) => ({
      ...d,
      source: 'import',
      content: null,
      parts: null,
      planned: null,
      plannedOn: null,
      enteredOn,
    }));
}

/** Imported records carry what the workbook's columns carry: no minutes, no 五个一. */
function imported(d: Draft, profile: BranchProfile, r: DemoRandom): Draft {
  const before = profile.importedBefore;
  if (!before || d.status !== 'held' || !d.heldOn || d.heldOn >= before || !IMPORTABLE.includes(d.kind))
    return d;
  return {
    ...d,
    source: 'import',
    content: null,
    parts: null,
    planned: null,
    enteredOn: addDays(before, r.int(3, 9)),
  };
}

export function demoBranchPlan(organ: DemoOrgan, input: DemoBranchInput): BranchPlan {
  const cast = demoCast(organ);
  const themeDay = themeDayOf(input.seed);
  const profiles = branchProfiles(cast, input.seed, input.today);
  const records: PlanRecord[] = [];
  scenes(organ, cast, input, themeDay).forEach((scene, bi) => {
    const branch = cast.branches[bi];
    const profile = branch && profiles.get(branch.code);
    if (!branch || !profile) return;
    // A 党组 member gives a 党课 now and then in the branches they keep in touch with; not in their own branch.
    const guests = cast.chiefs.filter((c) => c.partyOrgCode !== branch.code);
    const drafts = [
      ...lastDecember(scene, profile),
      ...branchYear(scene, profile, guests).map((d) => imported(d, profile, scene.r)),
    ];
    records.push(...finish(drafts, { ...scene, hostOn: (day) => input.ids.member(scene.secretaryOn(day)) }));
  });
  const temporary = temporaryOrganisations(organ, cast, { ...input, themeDay });
  return {
    unitId: input.ids.unitId,
    themeDayOfMonth: themeDay,
    records: [...records, ...temporary.records],
    temporaryMembers: temporary.members,
  };
}
