// The branches' part of the demo year: each standing branch keeps its 落实责任 list from the template — the duties
// met by records (主题党日, 支委会 …) left open for the branch's records to settle, one month excused in one or two
// branches (demo.branch-profile.ts) — takes up most of what the 机关党委 issued (about three in four, each on its own),
// and sometimes adds a duty of its own. The home branch takes up everything, with one duty overdue and one due within
// days; the leaver's branch gives one duty to the member who leaves; two other branches carry approved exemptions.
import type { TemplateItem } from '#contracts/responsibility';
import type { BranchProfile } from './demo.branch-profile.ts';
import { addDays, DemoRandom } from './demo.random.ts';
import type { PlanBuilder } from './demo.responsibility-builder.ts';
import type { BranchCast } from './demo.responsibility-cast.ts';
import {
  at10,
  fateOf,
  max,
  min,
  PROGRESS,
  type Story,
  takeUpStory,
  type Who,
} from './demo.responsibility-story.ts';
import { BRANCH_OWN_ITEMS, DEMO_CASCADE, EXEMPTION_TEXTS } from './demo.responsibility-texts.ts';

/** Random streams of the branches, far from the member generator's (1, 2, 3 … and 0x7fff_000x). */
const BRANCH_STREAM = 0x7ffd_0000;

export function addBranches(
  b: PlanBuilder,
  rng: DemoRandom,
  handoverOn: string,
  profiles: ReadonlyMap<string, BranchProfile>,
): void {
  const { cast, clock, ids } = b;
  const { Y0, YE, year, today, at, monthEnd } = clock;
  const others = rng.shuffle(cast.branches.filter((x) => x !== cast.home && x !== cast.leaver?.branch));
  const halfYearBranch = others[0];
  const studyBranch = others[1] ?? others[0];
  // By work point: the first due half-way through the year, the second within days, the fourth a few weeks ago, the
  // fifth at the end of the year.
  const deadlines: Record<number, string> = {
    1: monthEnd(at(0.5)),
    2: min(addDays(today, 3), YE),
    4: at(0.85),
    5: YE,
  };
  const approved = (decision: string, on: string) => ({
    status: 'approved' as const,
    byName: b.fallback.name,
    at: at10(min(on, today)),
    note: decision,
  });

  cast.branches.forEach((branch, bi) => {
    const r = new DemoRandom(b.seed, BRANCH_STREAM + bi);
    const listRef = `b:${branch.code}`;
    const orgId = ids.org(branch.code);
    const isHome = branch === cast.home;
    const isLeavers = branch === cast.leaver?.branch;
    const who: Who = isHome
      ? (date) => (date < handoverOn ? b.whoIs(cast.predecessor)(date) : b.whoIs(branch.secretary)(date))
      : b.whoIs(branch.secretary);
    b.lists.push({
      ref: listRef,
      level: 'implementing',
      partyOrgId: orgId,
      holderMemberId: null,
      title: `${year}年度${branch.name}落实责任清单`,
      templateId: b.templateId,
    });
    for (const t of b.ofLevel('implementing')) {
      if (t.recordKind) {
        addRecordDuty(b, r, t, listRef, branch, profiles.get(branch.code));
        continue;
      }
      const story: Story = { fate: isHome ? 'on_time' : fateOf(r, 0.12, 0.06), progress: r.pick(PROGRESS) };
      const item = b.add(b.fromTemplate(t, listRef, orgId, branch.secretary), story, r, who);
      // The first half-year has always begun: its period exists whatever the day.
      if (branch === halfYearBranch && t.recurrence === 'half_yearly') {
        item.periods[`${year}-H1`] = { status: 'exempt', exemptionRef: 'half-year' };
        b.exemptions.push({
          ref: 'half-year',
          itemRef: item.ref,
          startsOn: Y0,
          expiresOn: `${year}-06-30`,
          reason: EXEMPTION_TEXTS.halfYear.reason,
          approverMemberId: ids.member(b.fallback),
          requestedByName: branch.secretary.name,
          requestedAt: at10(min(addDays(Y0, 20), today)),
          decision: approved(EXEMPTION_TEXTS.halfYear.decision, addDays(Y0, 22)),
        });
      }
    }
    for (const c of DEMO_CASCADE) {
      if (!c.branch) continue;
      const drawn = r.chance(0.75);
      const seq = c.workPointSeq;
      const isStudy = branch === studyBranch && seq === 4;
      if (!(drawn || isHome || isLeavers || isStudy)) continue;
      const story = takeUpStory(seq, isHome, r, c.branch);
      const owner = isLeavers && seq === 2 && cast.leaver ? cast.leaver.member : branch.secretary;
      const deadline = deadlines[seq] ?? YE;
      const item = b.add(
        {
          ref: `${listRef}:wp${seq}`,
          listRef,
          parentRef: `d-wp${seq}`,
          domain: c.branch.domain,
          category: c.branch.category,
          title: r.pick(c.branch.titles),
          ownerOrgId: orgId,
          owner,
          deadline,
          recurrence: 'none',
        },
        story,
        r,
        who,
      );
      if (isStudy) {
        item.periods.once = { status: 'exempt', exemptionRef: 'study' };
        const from = max(Y0, addDays(deadline, -20));
        b.exemptions.push({
          ref: 'study',
          itemRef: item.ref,
          startsOn: from,
          expiresOn: deadline,
          reason: EXEMPTION_TEXTS.study.reason,
          approverMemberId: ids.member(b.fallback),
          requestedByName: branch.secretary.name,
          requestedAt: at10(min(from, today)),
          decision: approved(EXEMPTION_TEXTS.study.decision, addDays(from, 1)),
        });
      }
      if (isHome && seq === 2)
        b.exemptions.push({
          ref: 'pending',
          itemRef: item.ref,
          startsOn: today,
          expiresOn: addDays(today, 30),
          reason: EXEMPTION_TEXTS.pending.reason,
          approverMemberId: ids.member(cast.approver),
          requestedByName: branch.secretary.name,
          requestedAt: at10(max(Y0, addDays(today, -1))),
          decision: null,
        });
    }
    if (r.chance(0.25)) {
      const own = r.pick(BRANCH_OWN_ITEMS);
      b.add(
        {
          ref: `${listRef}:own`,
          listRef,
          ...own,
          ownerOrgId: orgId,
          owner: branch.secretary,
          deadline: monthEnd(at(0.7)),
          recurrence: 'none',
        },
        { fate: isHome ? 'on_time' : fateOf(r, 0.2, 0), progress: 0 },
        r,
        who,
      );
    }
    const officer = branch.committee[0];
    if (!isHome && officer && r.chance(0.2))
      b.liaisons.push({
        kind: 'officer',
        memberId: ids.member(officer),
        branchOrgId: orgId,
        since: r.dateBetween(`${year - 2}-01-01`, Y0),
        until: null,
      });
  });
}

/**
 * A duty met by records (a 主题党日 every month …): its periods are left open, and the branch's records settle them
 * when they are loaded; the month its profile was excused carries the approved exemption.
 */
function addRecordDuty(
  b: PlanBuilder,
  r: DemoRandom,
  t: TemplateItem,
  listRef: string,
  branch: BranchCast,
  profile: BranchProfile | undefined,
): void {
  const item = b.add(b.fromTemplate(t, listRef, b.ids.org(branch.code), branch.secretary), null, r);
  const e = profile?.exemption;
  if (!e || `branch.${e.kind}` !== t.recordKind) return;
  const ref = `record:${branch.code}`;
  item.periods[e.period.key] = { status: 'exempt', exemptionRef: ref };
  b.exemptions.push({
    ref,
    itemRef: item.ref,
    startsOn: e.period.startsOn,
    expiresOn: e.period.dueOn,
    reason: e.reason,
    approverMemberId: b.ids.member(b.fallback),
    requestedByName: branch.secretary.name,
    requestedAt: at10(e.requestedOn),
    decision: { status: 'approved', byName: b.fallback.name, at: at10(e.decidedOn), note: e.decision },
  });
}
