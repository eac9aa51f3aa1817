// The demo organ's year of fusion work (issue 11 point 9), pure: the sections' pain points raised over the year, the
// strengths its branches and partners offer, and projects at every stage led by the branches that serve those
// sections (支部建在科上) — some accepted with their KPIs met, one accepted short of its target, one terminated, some
// under way (one with a milestone overdue), some just approved or proposed — and open needs the board can suggest
// resources for, two of them declined once. Deterministic for a seed and a day.
import type { ProjectStage } from '#contracts/fusion-project';
import type { MemberImportRow } from '#contracts/member';
import type { FusionPlan, PlanNeed, PlanProject, PlanResource } from '../fusion/index.ts';
import { demoBrandPlan } from './demo.fusion-brands.ts';
import { type FusionDemoInput, projectOf } from './demo.fusion-project.ts';

export type { FusionDemoInput };

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
