// The demo organ's year of responsibility work, as a plan for the responsibility module's bulk loader (pure: the
// same organ, template, seed and day give the same plan). The year is the current one and its periods run up to
// today, so a newcomer's first start shows a living organ whatever the date:
//
// - the work committee's six work points; the 党组 takes up five (the sixth shows red in the coverage view) and issues
//   them to the 机关党委's list, which issues four to the branches; about three branches in four take each up, so the
//   coverage view names the secretaries who have not;
// - the standard template adopted at all three levels; the branch obligations met by records (主题党日 …) are left
//   open here and settled by the branch records the demo loads next (demo.branch-load.ts), with a month excused in
//   one or two branches;
// - a 一岗双责 list for each 党组 member; liaison points of the 党组 members and some branches' liaison officers;
// - past periods mostly done on time, some late, about one duty in ten overdue; reports on what was done;
// - two approved exemptions of duties reported by hand, one or two of a month's meeting, and one waiting on the
//   党组 member of account dangzu;
// - in the demo accounts' branch, a secretary who took over mid-year (a completed handover) and now has a duty overdue
//   and one due within days; in the next branch, a duty whose owner has left the organ.
import type { ResponsibilityPlan } from '../responsibility/index.ts';
import { branchProfiles } from './demo.branch-profile.ts';
import type { DemoOrgan } from './demo.generator.ts';
import { addDays, DemoRandom } from './demo.random.ts';
import { addBranches } from './demo.responsibility-branches.ts';
import {
  type DemoResponsibilityInput,
  type PlanBuilder,
  planBuilder,
} from './demo.responsibility-builder.ts';
import type { BranchCast } from './demo.responsibility-cast.ts';
import { at10, type Fate, HANDOVER_AT, min, PROGRESS } from './demo.responsibility-story.ts';
import {
  DEMO_CASCADE,
  DEMO_WORK_POINTS,
  HANDOVER_TEXT,
  PERSONAL_ITEMS,
} from './demo.responsibility-texts.ts';

export type { DemoIds, DemoResponsibilityInput } from './demo.responsibility-builder.ts';

/** The organ-level random stream, far from the member generator's (1, 2, 3 … and 0x7fff_000x). */
const ORGAN_STREAM = 0x7ffe_0000;

export function demoResponsibilityPlan(organ: DemoOrgan, input: DemoResponsibilityInput): ResponsibilityPlan {
  const b = planBuilder(organ, input);
  const rng = new DemoRandom(input.seed, ORGAN_STREAM);
  const handoverOn = b.clock.at(HANDOVER_AT);
  addOrganLists(b, rng);
  addBranches(b, rng, handoverOn, branchProfiles(b.cast, input.seed, input.today));
  addLeadingGroup(b, rng);
  addHandover(b, handoverOn);
  return {
    unitId: b.ids.unitId,
    year: b.clock.year,
    workPoints: DEMO_WORK_POINTS.map((p) => ({ ...p })),
    lists: b.lists,
    items: b.items,
    exemptions: b.exemptions,
    liaisons: b.liaisons,
    handovers: b.handovers,
  };
}

const pointOf = (seq: number) => {
  const p = DEMO_WORK_POINTS[seq - 1];
  if (!p) throw new Error(`no demo work point ${seq}`);
  return p;
};

/** The 党组's list and the 机关党委's: the standard duties, then the cascade of the work points. */
function addOrganLists(b: PlanBuilder, rng: DemoRandom): void {
  const { cast, root, clock } = b;
  b.lists.push({
    ref: 'principal',
    level: 'principal',
    partyOrgId: root,
    holderMemberId: null,
    title: `${clock.year}年度${b.organ.unit.name}党组主体责任清单`,
    templateId: b.templateId,
  });
  for (const t of b.ofLevel('principal')) {
    const owner = ['p-03', 'p-08'].includes(t.key) ? b.chief(0) : null;
    const fate: Fate = t.key === 'p-07' ? 'late' : 'on_time';
    b.add(b.fromTemplate(t, 'principal', root, owner), { fate, progress: rng.pick(PROGRESS) }, rng);
  }
  for (const c of DEMO_CASCADE) {
    const point = pointOf(c.workPointSeq);
    b.add(
      {
        ref: `p-wp${c.workPointSeq}`,
        listRef: 'principal',
        workPointSeq: c.workPointSeq,
        issued: true,
        domain: point.domain,
        category: point.category,
        title: c.principal.title,
        detail: c.principal.detail,
        weight: point.weight,
        ownerOrgId: root,
        owner: b.chief(c.principal.owner),
        recurrence: 'none',
      },
      { fate: 'on_time', progress: rng.pick([50, 60, 70, 80]) },
      rng,
    );
  }

  b.lists.push({
    ref: 'direct',
    level: 'direct',
    partyOrgId: root,
    holderMemberId: null,
    title: `${clock.year}年度${cast.rootName}直接责任清单`,
    templateId: b.templateId,
  });
  for (const t of b.ofLevel('direct')) {
    const owner = ['d-02', 'd-03', 'd-04'].includes(t.key) ? cast.officer : null;
    const fate: Fate = t.key === 'd-04' ? 'overdue' : t.key === 'd-02' ? 'late' : 'on_time';
    b.add(b.fromTemplate(t, 'direct', root, owner), { fate, progress: rng.pick(PROGRESS) }, rng);
  }
  for (const c of DEMO_CASCADE) {
    const point = pointOf(c.workPointSeq);
    b.add(
      {
        ref: `d-wp${c.workPointSeq}`,
        listRef: 'direct',
        parentRef: `p-wp${c.workPointSeq}`,
        issued: c.direct.issued,
        domain: point.domain,
        category: point.category,
        title: c.direct.title,
        detail: c.direct.detail,
        ownerOrgId: root,
        owner: cast.officer,
        recurrence: c.direct.recurrence,
      },
      { fate: 'on_time', progress: rng.pick([40, 50, 60, 70]) },
      rng,
    );
  }
}

/** Each 党组 member's 一岗双责 list and the branches they keep in touch with (dangzu's include the home branch). */
function addLeadingGroup(b: PlanBuilder, rng: DemoRandom): void {
  const { cast, clock, ids, root } = b;
  const contactable = rng.shuffle(cast.branches.filter((x) => x !== cast.home));
  let next = 0;
  cast.chiefs.forEach((c, ci) => {
    const listRef = `personal-${ci}`;
    b.lists.push({
      ref: listRef,
      level: 'principal',
      partyOrgId: root,
      holderMemberId: ids.member(c),
      title: `${clock.year}年度${c.name}同志“一岗双责”责任清单`,
      templateId: null,
    });
    PERSONAL_ITEMS.forEach((p, pi) => {
      const fate: Fate = ci === 2 && pi === 1 ? 'overdue' : ci === 3 && pi === 0 ? 'late' : 'on_time';
      b.add(
        { ref: `${listRef}:${pi}`, listRef, ...p, ownerOrgId: root, owner: c },
        { fate, progress: rng.pick(PROGRESS) },
        rng,
      );
    });
    const points = c === cast.approver ? [cast.home] : [];
    while (points.length < 2 && contactable.length)
      points.push(contactable[next++ % contactable.length] as BranchCast);
    for (const branch of new Set(points))
      b.liaisons.push({
        kind: 'point',
        memberId: ids.member(c),
        branchOrgId: ids.org(branch.code),
        since: rng.dateBetween(`${clock.year - 1}-01-01`, `${clock.year - 1}-12-31`),
        until: null,
      });
  });
}

/** The home branch's secretary took over mid-year: what the predecessor owned passed to them that day. */
function addHandover(b: PlanBuilder, on: string): void {
  const { cast, ids, clock } = b;
  const successor = ids.member(cast.home.secretary);
  const passed = b.items.filter((i) => i.listRef === `b:${cast.home.code}` && i.ownerMemberId === successor);
  b.handovers.push({
    fromMemberId: ids.member(cast.predecessor),
    toMemberId: successor,
    post: HANDOVER_TEXT.post,
    reason: HANDOVER_TEXT.reason,
    startsOn: on,
    createdByName: b.fallback.name,
    completedAt: at10(on),
    entries: passed.map((i, n) => ({
      itemRef: i.ref,
      // The newest duty still waits for the successor's confirmation.
      acknowledgedAt: n < passed.length - 1 ? at10(min(addDays(on, 2), clock.today)) : null,
    })),
  });
}
