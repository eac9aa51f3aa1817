// The demo organ's year of fusion work (issue 11 point 9), pure: the sections' pain points raised over the year, the
// strengths its branches and partners offer, and projects at every stage led by the branches that serve those
// sections (支部建在科上) — some accepted with their KPIs met, one accepted short of its target, one terminated, some
// under way (one with a milestone overdue), some just approved or proposed — and open needs the board can suggest
// resources for, two of them declined once. Deterministic for a seed and a day.
import type { ProjectStage } from '#contracts/fusion-project';
import type { MemberImportRow } from '#contracts/member';
import type { FusionPlan, PlanNeed, PlanProject, PlanResource } from '../fusion/index.ts';
import { demoBrandPlan } from './demo.fusion-brands.ts';
import {
  NEED_TEXTS,
  type NeedText,
  PARTNER_TEXTS,
  SKILL_TEXTS,
  UNIT_RESOURCE_TEXTS,
} from './demo.fusion-texts.ts';
import type { DemoOrgan } from './demo.generator.ts';
import { addDays, DemoRandom } from './demo.random.ts';
import type { DemoCast } from './demo.responsibility-cast.ts';

/** The earlier of two days (ISO dates compare as text). */
const earliest = (a: string, b: string) => (a < b ? a : b);
const STREAM = 0x0f05_1011;

export type FusionDemoInput = {
  seed: number;
  today: string;
  unitId: string;
  org(code: string): string;
  member(row: MemberImportRow): string;
  dept(code: string): string | null;
  /** Held branch records of an organisation (id and day), for linking as project activity. */
  recordsOf(orgId: string): readonly { id: string; date: string; kind: string }[];
};

/** The stage of the project made from the k-th need the organ has; beyond the list, the need stays open. */
const STAGES: readonly ProjectStage[] = [
  'in_progress',
  'accepted',
  'proposal',
  'accepted',
  'approved',
  'terminated',
  'in_progress',
  'accepted',
  'approved',
  'in_progress',
  'proposal',
];
/** Days before today the need was raised, by the stage its project reached. */
const RAISED: Record<ProjectStage | 'open', [number, number]> = {
  accepted: [300, 240],
  terminated: [260, 200],
  in_progress: [200, 130],
  approved: [90, 60],
  proposal: [40, 20],
  open: [60, 5],
};

type Section = { code: string; name: string; branchCodes: string[] };

function sectionsOf(organ: DemoOrgan): Section[] {
  const serving = new Map<string, string[]>();
  for (const o of organ.orgs) {
    if (o.kind !== 'branch' || o.isTemporary || o.status !== 'active') continue;
    for (const d of o.departmentCodes) serving.set(d, [...(serving.get(d) ?? []), o.code]);
  }
  return organ.departments
    .filter((d) => d.kind === 'section' && d.status === 'active' && serving.has(d.code))
    .map((d) => ({ code: d.code, name: d.name, branchCodes: serving.get(d.code) ?? [] }));
}

export function demoFusionPlan(organ: DemoOrgan, cast: DemoCast, input: FusionDemoInput): FusionPlan {
  const rnd = new DemoRandom(input.seed, STREAM);
  const T = input.today;
  const leaver = cast.leaver?.member.idNumber;
  const roster = new Map<string, MemberImportRow[]>();
  for (const m of organ.members) {
    if (m.idNumber === leaver) continue;
    roster.set(m.partyOrgCode, [...(roster.get(m.partyOrgCode) ?? []), m]);
  }
  const secretaryOf = (code: string) => (roster.get(code) ?? []).find((m) => m.partyPost === 'secretary');
  const officerName = cast.officer?.name ?? '机关党委';

  // Each need text meets the first section of the organ that raises it and has a branch with a secretary.
  const sections = rnd.shuffle(sectionsOf(organ));
  const used = new Set<string>();
  const matched: { text: NeedText; section: Section; branch: string }[] = [];
  for (const text of NEED_TEXTS) {
    const section = sections.find(
      (s) => text.sections.includes(s.name) && !used.has(s.code) && s.branchCodes.some((b) => secretaryOf(b)),
    );
    const branch = section?.branchCodes.find((b) => secretaryOf(b));
    const deptId = section ? input.dept(section.code) : null;
    if (!section || !branch || !deptId) continue;
    used.add(section.code);
    matched.push({ text, section, branch });
  }

  const partners = PARTNER_TEXTS.map((p, i) => ({
    key: `P${i}`,
    name: p.name,
    kind: p.kind,
    contact: p.contact,
    note: null,
  }));
  const needs: PlanNeed[] = [];
  const resources: PlanResource[] = [];
  const projects: PlanProject[] = [];
  const branchCodes = [...roster.keys()].filter((c) => secretaryOf(c));

  // Partner resources, offered through the branches that built with them.
  PARTNER_TEXTS.forEach((p, i) => {
    const code = rnd.pick(branchCodes);
    resources.push({
      key: `RP${i}`,
      partyOrgId: input.org(code),
      kind: 'partner',
      title: p.resource.title,
      description: p.resource.description,
      memberId: null,
      partnerKey: `P${i}`,
      tags: [...p.resource.tags],
      capacity: 2,
    });
  });
  // Members' skills and certificates, in random branches.
  const skilled: { key: string; member: MemberImportRow; tags: readonly string[] }[] = [];
  SKILL_TEXTS.forEach((s, i) => {
    const code = rnd.pick(branchCodes);
    const candidates = (roster.get(code) ?? []).filter((m) => m.partyPost === null);
    if (candidates.length === 0) return;
    const member = rnd.pick(candidates);
    resources.push({
      key: `RS${i}`,
      partyOrgId: input.org(code),
      kind: s.kind,
      title: s.title,
      description: s.description,
      memberId: input.member(member),
      partnerKey: null,
      tags: [...s.tags],
      capacity: 2,
    });
    skilled.push({ key: `RS${i}`, member, tags: s.tags });
  });

  const skillUse = new Map<string, number>();
  matched.forEach(({ text, section, branch }, k) => {
    // The last four needs get no project whatever the organ's size: one closed by hand, three open for the board.
    const stage = k < matched.length - 4 ? (STAGES[k] ?? null) : null;
    const [from, to] = RAISED[stage ?? 'open'];
    const raisedOn = rnd.dateBetween(addDays(T, -from), addDays(T, -to));
    const needKey = `N${k}`;
    const deptId = input.dept(section.code) as string;
    needs.push({
      key: needKey,
      departmentId: deptId,
      title: text.title,
      problem: text.problem,
      kpiName: text.kpi.name,
      urgency: text.urgency,
      raisedBy: `${section.name}负责人`,
      raisedOn,
      tags: [...text.tags],
      closedByHand:
        k === matched.length - 4
          ? { on: addDays(raisedOn, 3), reason: '业务职能调整，该事项已划转总关统一推进' }
          : null,
    });
    // The serving branch's standing force, whose keywords meet the need's.
    const unit = [...UNIT_RESOURCE_TEXTS].sort(
      (a, b) =>
        b.tags.filter((t) => text.tags.includes(t)).length -
        a.tags.filter((t) => text.tags.includes(t)).length,
    )[0] as (typeof UNIT_RESOURCE_TEXTS)[number];
    const branchName = organ.orgs.find((o) => o.code === branch)?.name ?? '';
    const unitKey = `RU${k}`;
    resources.push({
      key: unitKey,
      partyOrgId: input.org(branch),
      kind: unit.kind,
      title: `${branchName.replace(/党支部$/, '')}${unit.title}`,
      description: unit.description,
      memberId: null,
      partnerKey: null,
      tags: [...unit.tags],
      capacity: 2,
    });
    if (!stage) return;
    projects.push(
      projectOf(
        rnd,
        input,
        { k, stage, text, branch, raisedOn, needKey, unitKey, deptId },
        {
          roster,
          secretaryOf,
          officerName,
          skilled,
          branchCodes,
          cast,
          skillUse,
        },
      ),
    );
  });

  // Two open needs were offered a member's skill once and declined: the board keeps them away until facts change.
  const declined: FusionPlan['declined'] = [];
  const open = (x: PlanNeed) =>
    !x.closedByHand && projects.every((p) => p.needKey !== x.key || p.stage === 'terminated');
  for (const n of needs.filter(open)) {
    const s = skilled.find((r) => r.tags.some((t) => n.tags.includes(t)));
    if (!s || declined.length >= 2) continue;
    declined.push({
      needKey: n.key,
      resourceKey: s.key,
      reason: '该同志近期承担专项任务，暂无精力',
      on: earliest(addDays(n.raisedOn, 2), T),
      by: officerName,
    });
  }
  // Brands, cases, pairings and joint records: the leads of accepted projects first, then the other branches.
  const leads = projects.filter((p) => p.stage === 'accepted').map((p) => p.leadOrgId);
  const branchIds = [...new Set([...leads, ...branchCodes.map((c) => input.org(c))])];
  const brands = demoBrandPlan({
    seed: input.seed,
    today: T,
    officerName,
    branchIds,
    recordsOf: input.recordsOf,
    projects,
    partners: PARTNER_TEXTS.map((p, i) => ({
      key: `P${i}`,
      name: p.name,
      branchId: resources.find((r) => r.key === `RP${i}`)?.partyOrgId ?? input.org(cast.home.code),
    })),
  });
  return { unitId: input.unitId, partners, needs, resources, projects, declined, brands };
}

type Context = {
  roster: Map<string, MemberImportRow[]>;
  secretaryOf(code: string): MemberImportRow | undefined;
  officerName: string;
  skilled: { key: string; member: MemberImportRow; tags: readonly string[] }[];
  branchCodes: string[];
  cast: DemoCast;
  skillUse: Map<string, number>;
};

function projectOf(
  rnd: DemoRandom,
  input: FusionDemoInput,
  p: {
    k: number;
    stage: ProjectStage;
    text: NeedText;
    branch: string;
    raisedOn: string;
    needKey: string;
    unitKey: string;
    deptId: string;
  },
  c: Context,
): PlanProject {
  const T = input.today;
  const cap = (d: string) => (d > T ? T : d);
  const secretary = c.secretaryOf(p.branch) as MemberImportRow;
  const proposedOn = cap(addDays(p.raisedOn, rnd.int(5, 15)));
  const approvedOn = cap(addDays(proposedOn, rnd.int(7, 20)));
  const startedOn = cap(addDays(approvedOn, rnd.int(3, 10)));
  const startsOn = p.stage === 'proposal' ? null : approvedOn;
  const dueOn = startsOn ? addDays(startsOn, p.stage === 'accepted' ? 120 : 180) : null;
  const acceptedOn = cap(addDays(startedOn, rnd.int(100, 130)));
  const terminatedOn = cap(addDays(startedOn, rnd.int(30, 60)));
  const steps: PlanProject['steps'] = [
    { to: 'proposal', on: proposedOn, note: '由匹配看板认领生成', by: c.officerName },
  ];
  const reached = (s: ProjectStage) => ['approved', 'in_progress', 'accepted', 'terminated'].includes(s);
  if (reached(p.stage) && p.stage !== 'terminated')
    steps.push({ to: 'approved', on: approvedOn, note: '同意立项', by: c.officerName });
  if (p.stage === 'terminated') {
    steps.push({ to: 'approved', on: approvedOn, note: '同意立项', by: c.officerName });
    steps.push({ to: 'in_progress', on: startedOn, note: null, by: secretary.name });
    steps.push({ to: 'terminated', on: terminatedOn, note: null, by: c.officerName });
  }
  if (p.stage === 'in_progress' || p.stage === 'accepted')
    steps.push({ to: 'in_progress', on: startedOn, note: null, by: secretary.name });
  if (p.stage === 'accepted')
    steps.push({ to: 'accepted', on: acceptedOn, note: '同意验收', by: c.officerName });
  const endOf = p.stage === 'accepted' ? acceptedOn : p.stage === 'terminated' ? terminatedOn : T;

  // The team: the secretary leads, two or three of the branch's members, and a skilled member whose keywords meet.
  const team: PlanProject['team'] = [
    { memberId: input.member(secretary), role: 'leader', partyOrgId: input.org(p.branch) },
  ];
  const others = rnd
    .shuffle((c.roster.get(p.branch) ?? []).filter((m) => m !== secretary))
    .slice(0, rnd.int(2, 3));
  for (const m of others)
    team.push({ memberId: input.member(m), role: 'member', partyOrgId: input.org(p.branch) });
  const skill = c.skilled.find((s) => s.tags.some((t) => p.text.tags.includes(t)));
  const resourceKeys = [p.unitKey];
  if (skill && !team.some((t) => t.memberId === input.member(skill.member))) {
    team.push({
      memberId: input.member(skill.member),
      role: 'adviser',
      partyOrgId: input.org(skill.member.partyOrgCode),
    });
    // A skill counts against its capacity only while the project is under way.
    const open = p.stage === 'proposal' || p.stage === 'approved' || p.stage === 'in_progress';
    const inUse = c.skillUse.get(skill.key) ?? 0;
    if (!open || inUse < 2) {
      resourceKeys.push(skill.key);
      if (open) c.skillUse.set(skill.key, inUse + 1);
    }
  }
  // The demo secretary serves on the first project under way, and owes its next milestone within days.
  const home = p.k === 0 ? c.cast.home.secretary : null;
  if (home && !team.some((t) => t.memberId === input.member(home)))
    team.push({ memberId: input.member(home), role: 'deputy', partyOrgId: input.org(home.partyOrgCode) });

  const owners = team.filter((t) => t.role !== 'adviser').map((t) => t.memberId);
  const titles = p.text.milestones;
  const span = startsOn && dueOn ? Math.max(30, (Date.parse(dueOn) - Date.parse(startsOn)) / 86_400_000) : 60;
  const milestones: PlanProject['milestones'] = titles.map((title, i) => {
    const due = addDays(startsOn ?? addDays(T, 10), Math.round((span * (i + 1)) / titles.length));
    const underWay = p.stage === 'in_progress' || p.stage === 'accepted' || p.stage === 'terminated';
    // The first project under way leaves its second milestone undone past its date: the page shows it overdue.
    const late = p.k === 0 && i === 1;
    const doneOn = underWay && due <= endOf && !late ? cap(addDays(due, rnd.int(-5, 2))) : null;
    return { title, ownerMemberId: owners[i % owners.length] as string, dueOn: due, doneOn };
  });
  if (home && p.stage === 'in_progress')
    milestones.push({
      title: '向党支部汇报攻坚进展',
      ownerMemberId: input.member(home),
      dueOn: addDays(T, 3),
      doneOn: null,
    });

  // The KPI: met for most accepted projects; the second accepted one falls short.
  const kpi = p.text.kpi;
  const accepted = p.stage === 'accepted';
  const short = accepted && p.k === 3;
  const gap = kpi.target - kpi.baseline;
  const result = accepted
    ? Number((short ? kpi.baseline + gap * 0.6 : kpi.target + (gap * rnd.int(0, 20)) / 100).toFixed(1))
    : null;
  const records =
    accepted || p.stage === 'in_progress' || p.stage === 'terminated'
      ? input
          .recordsOf(input.org(p.branch))
          .filter((r) => r.date >= startedOn && r.date <= endOf)
          .slice(0, 2)
          .map((r) => r.id)
      : [];
  const jointCode = p.k % 3 === 0 ? c.branchCodes.find((b) => b !== p.branch) : undefined;
  const partnerKeys =
    p.text.tags.includes('物流') || p.text.tags.includes('通关')
      ? ['P0']
      : p.text.tags.includes('旅检')
        ? ['P1']
        : [];
  return {
    key: `J${p.k}`,
    needKey: p.needKey,
    title: p.text.project,
    goal: p.text.goal,
    departmentId: p.deptId,
    leadOrgId: input.org(p.branch),
    teamKind: p.text.project.includes('先锋岗')
      ? 'pioneer_post'
      : p.text.project.includes('突击队')
        ? 'shock_team'
        : 'tackle_team',
    stage: p.stage,
    ownerMemberId: input.member(secretary),
    startsOn,
    dueOn,
    steps,
    outcome: accepted
      ? short
        ? `${p.text.outcome}指标尚未达到目标，转入下一年度持续推进。`
        : p.text.outcome
      : null,
    acceptanceNote: accepted ? (short ? '指标未达目标，转入下一年度持续推进' : '目标达成，经验可推广') : null,
    terminationReason: p.stage === 'terminated' ? '业务职能调整，该事项划转至总关统一推进' : null,
    resourceKeys,
    partnerKeys,
    jointOrgIds: jointCode ? [input.org(jointCode)] : [],
    team,
    milestones,
    kpis: [
      {
        name: kpi.name,
        measureUnit: kpi.unit,
        direction: kpi.direction,
        baseline: kpi.baseline,
        target: kpi.target,
        result,
        measuredOn: accepted ? acceptedOn : null,
      },
    ],
    recordIds: records,
  };
}
