// One project of the demo's year of fusion work (demo.fusion.ts): its steps and dates by the stage it reached, its
// team, milestones (the first project under way with one overdue, and the demo secretary owing one within days), its
// KPI (met, or short for one accepted project), the records linked as its activity and its joint holders. Pure.
import type { ProjectStage } from '#contracts/fusion-project';
import type { MemberImportRow } from '#contracts/member';
import type { PlanProject } from '../fusion/index.ts';
import type { NeedText } from './demo.fusion-texts.ts';
import { addDays, type DemoRandom } from './demo.random.ts';
import type { DemoCast } from './demo.responsibility-cast.ts';

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

export type Context = {
  roster: Map<string, MemberImportRow[]>;
  secretaryOf(code: string): MemberImportRow | undefined;
  officerName: string;
  skilled: { key: string; member: MemberImportRow; tags: readonly string[] }[];
  branchCodes: string[];
  cast: DemoCast;
  skillUse: Map<string, number>;
};

export function projectOf(
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
