// The demo organ's 发展党员 register (pure, seeded): people at every stage with dates that keep the rules' intervals —
// applicants of this year, activists, a few candidates who have been activists for over a year, the roster's
// probationary members (their whole way in, linked to their member record) and those who became full members this
// year. Introducers are two full members of the person's own branch. The bulk loader checks every timeline against
// the rules again and refuses a plan that breaks one.
import { idNumberCheckChar } from '#contracts/id-number';
import type { PlanDevelopmentPerson } from '../branch/index.ts';
import { type DemoBranchInput, rostersOf } from './demo.branch-draft.ts';
import type { DemoOrgan } from './demo.generator.ts';
import { personName } from './demo.members.ts';
import { ID_REGIONS } from './demo.names.ts';
import { addDays, addYears, DemoRandom } from './demo.random.ts';
import type { BranchCast, DemoCast } from './demo.responsibility-cast.ts';

const DEVELOPMENT_STREAM = 0x7ff7_0000;

/** A valid ID number of someone born on `birthDate`, not among `seen` (which it joins). */
function idNumber(r: DemoRandom, birthDate: string, gender: 'male' | 'female', seen: Set<string>): string {
  for (;;) {
    const parity = gender === 'male' ? 1 : 0;
    const first17 = `${r.weightedPick(ID_REGIONS)}${birthDate.replaceAll('-', '')}${String(r.int(0, 99)).padStart(2, '0')}${2 * r.int(0, 4) + parity}`;
    const id = first17 + idNumberCheckChar(first17);
    if (!seen.has(id)) {
      seen.add(id);
      return id;
    }
  }
}

const birthOf = (id: string) => `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;

/** A timeline that reaches 发展对象 on `candidateOn`: an activist over a year before, an applicant before that. */
function towardsCandidate(r: DemoRandom, candidateOn: string) {
  const activistOn = addDays(addYears(candidateOn, -1), -r.int(10, 180));
  return { activistOn, appliedOn: addDays(activistOn, -r.int(60, 300)) };
}

export function demoDevelopmentPlan(
  organ: DemoOrgan,
  cast: DemoCast,
  input: DemoBranchInput,
): PlanDevelopmentPerson[] {
  const { today, ids } = input;
  const year = Number(today.slice(0, 4));
  const seen = new Set(organ.members.map((m) => m.idNumber));
  const byCode = rostersOf(organ.members);
  const out: PlanDevelopmentPerson[] = [];
  cast.branches.forEach((branch: BranchCast, bi) => {
    const r = new DemoRandom(input.seed, DEVELOPMENT_STREAM + bi);
    const roster = byCode.get(branch.code) ?? [];
    const partyOrgId = ids.org(branch.code);
    const full = roster.filter(
      (m) =>
        m.category === 'full' && m.idNumber !== cast.leaver?.member.idNumber && (m.joinedOn ?? '') <= today,
    );
    const introducers = (not: string) => {
      const two = r.shuffle(full.filter((m) => m.idNumber !== not)).slice(0, 2);
      return two.length === 2 ? two.map((m) => ids.member(m)) : null;
    };
    const adult = (birth: string, appliedOn: string) =>
      appliedOn >= addYears(birth, 18) && appliedOn <= today;

    // The roster's probationary members, and those whose probation ended this year: their whole way in.
    for (const m of roster) {
      const joined = m.joinedOn;
      if (!joined || joined > today || joined.endsWith('-02-29')) continue;
      const becameFull =
        m.category === 'full' && m.fullOn && m.fullOn >= `${year}-01-01` && m.fullOn <= today;
      if (m.category !== 'probationary' && !becameFull) continue;
      const candidateOn = addDays(joined, -r.int(60, 150));
      const path = towardsCandidate(r, candidateOn);
      const intro = introducers(m.idNumber);
      if (!intro || !adult(birthOf(m.idNumber), path.appliedOn)) continue;
      out.push({
        partyOrgId,
        name: m.name,
        idNumber: m.idNumber,
        ...path,
        candidateOn,
        probationaryOn: joined,
        fullOn: becameFull ? (m.fullOn as string) : null,
        introducerMemberIds: intro,
        memberId: ids.member(m),
        notes: becameFull ? '预备期满，经支部大会讨论、机关党委审批按期转为正式党员' : null,
      });
    }

    // Young colleagues on their way: applicants, activists, now and then a candidate.
    const newcomer = (stage: 'applicant' | 'activist' | 'candidate'): PlanDevelopmentPerson | null => {
      const gender: 'male' | 'female' = r.chance(0.5) ? 'male' : 'female';
      const birth = r.dateBetween('1994-01-01', '2003-12-31');
      const id = idNumber(r, birth, gender, seen);
      const base = {
        partyOrgId,
        name: personName(r, gender),
        idNumber: id,
        memberId: null,
        fullOn: null,
        probationaryOn: null,
      };
      if (stage === 'applicant') {
        const appliedOn = addDays(today, -r.int(20, 330));
        return adult(birth, appliedOn)
          ? { ...base, appliedOn, activistOn: null, candidateOn: null, introducerMemberIds: [], notes: null }
          : null;
      }
      if (stage === 'activist') {
        const activistOn = addDays(today, -r.int(30, 330));
        const appliedOn = addDays(activistOn, -r.int(60, 400));
        return adult(birth, appliedOn)
          ? {
              ...base,
              appliedOn,
              activistOn,
              candidateOn: null,
              introducerMemberIds: [],
              notes: r.chance(0.5) ? '已参加机关党校入党积极分子培训班' : null,
            }
          : null;
      }
      const candidateOn = addDays(today, -r.int(10, 150));
      const path = towardsCandidate(r, candidateOn);
      const intro = introducers(id);
      return intro && adult(birth, path.appliedOn)
        ? {
            ...base,
            ...path,
            candidateOn,
            introducerMemberIds: intro,
            notes: '政治审查已完成，待支部党员大会讨论',
          }
        : null;
    };
    const people = [
      ...Array.from({ length: r.chance(0.35) ? r.int(1, 2) : 0 }, () => newcomer('applicant')),
      ...Array.from({ length: r.chance(0.25) ? r.int(1, 2) : 0 }, () => newcomer('activist')),
      ...Array.from({ length: r.chance(0.1) ? 1 : 0 }, () => newcomer('candidate')),
    ];
    for (const p of people) if (p) out.push(p);
  });
  return out;
}
