import { describe, expect, it } from 'vitest';
import type { MemberImportRow } from '#contracts/member';
import { type PlanRecord, planRecordCounts } from '../branch/index.ts';
import { demoBranchPlan } from './demo.branch.ts';
import { branchProfiles, RECORD_DUTIES, spansOf } from './demo.branch-profile.ts';
import { demoDevelopmentPlan } from './demo.development.ts';
import { demoDuesPlan } from './demo.dues.ts';
import { generateDemoOrgan } from './demo.generator.ts';
import { addYears } from './demo.random.ts';
import { demoCast } from './demo.responsibility-cast.ts';

// The plans are pure: ids are the codes and ID numbers themselves here.
const organ = generateDemoOrgan({ scale: 0.2 });
const cast = demoCast(organ);
const ids = {
  unitId: 'unit',
  org: (code: string) => `org:${code}`,
  member: (row: MemberImportRow) => `member:${row.idNumber}`,
  account: () => null,
};
const TODAY = '2026-11-20';
const planOn = (today = TODAY, seed = 2026, o = organ) => demoBranchPlan(o, { seed, today, ids });
const plan = planOn();
const dayOf = (r: PlanRecord) => (r.heldOn ?? r.plannedOn) as string;
const ofYear = (records: readonly PlanRecord[], today: string) =>
  records.filter((r) => dayOf(r).slice(0, 4) === today.slice(0, 4));
const untyped = (records: readonly PlanRecord[]) => {
  let typed = 0;
  let all = 0;
  for (const r of records) {
    const c = planRecordCounts(r);
    typed += c.typed;
    all += c.typed + c.prefilled + c.reused + c.imported;
  }
  return (all - typed) / all;
};

describe('the demo year of branch records (plan)', () => {
  it('is the same for the same seed and day, and another for another seed', () => {
    expect(planOn()).toEqual(plan);
    const topics = (p: typeof plan) => p.records.map((r) => `${r.heldOn} ${r.topic}`).join('|');
    expect(topics(planOn(TODAY, 7, generateDemoOrgan({ scale: 0.2, seed: 7 })))).not.toBe(topics(plan));
  });

  it('makes most branches regular, some lagging, some slipping once, and excuses two a month', () => {
    const profiles = [...branchProfiles(cast, 2026, TODAY).values()];
    const share = (h: string) => profiles.filter((p) => p.habit === h).length / profiles.length;
    expect(share('regular')).toBeGreaterThan(0.6);
    expect(share('lagging')).toBeGreaterThan(0.05);
    expect(share('lagging')).toBeLessThan(0.3);
    expect(share('slipping')).toBeGreaterThan(0);
    expect(
      profiles
        .filter((p) => p.exemption)
        .map((p) => p.exemption?.kind)
        .sort(),
    ).toEqual(['committee_meeting', 'theme_day']);
    expect(branchProfiles(cast, 2026, TODAY).get(cast.home.code)?.habit).toBe('regular');
  });

  it('gives every past period of a regular branch its record, and leaves a lagging branch’s missed ones empty', () => {
    const profiles = branchProfiles(cast, 2026, TODAY);
    const held = plan.records.filter((r) => r.status === 'held');
    let missing = 0;
    for (const branch of cast.branches) {
      const p = profiles.get(branch.code);
      const own = held.filter((r) => r.partyOrgId === ids.org(branch.code));
      for (const duty of RECORD_DUTIES)
        for (const span of spansOf(duty.recurrence, TODAY).filter((s) => s.dueOn < TODAY)) {
          const met = own.some(
            (r) =>
              r.kind === duty.kind && (r.heldOn ?? '') >= span.startsOn && (r.heldOn ?? '') <= span.dueOn,
          );
          const excused = p?.exemption?.kind === duty.kind && p.exemption.period.key === span.key;
          if (p?.missed.get(duty.kind)?.has(span.key) || excused)
            expect(met, `${branch.code} ${span.key}`).toBe(false);
          else if (p?.habit === 'regular') expect(met, `${branch.code} ${duty.kind} ${span.key}`).toBe(true);
          if (!met && !excused) missing++;
        }
    }
    expect(missing).toBeGreaterThan(5);
  });

  // The burden meter's target on the demo organ, whatever the day of a newcomer's first start.
  for (const today of ['2026-01-06', '2026-02-01', '2026-06-30', TODAY, '2026-12-31']) {
    it(`leaves at least 60% of the year’s fields untyped on ${today}`, () => {
      const records = ofYear(planOn(today).records, today);
      expect(records.length).toBeGreaterThan(0);
      expect(untyped(records)).toBeGreaterThanOrEqual(0.6);
      // … and yet people typed: topics, minutes, what was said.
      expect(untyped(records)).toBeLessThan(0.95);
    });
  }

  it('holds records before today, plans the weeks ahead, and imports some', () => {
    for (const r of plan.records) {
      if (r.status === 'held') expect(r.heldOn && r.heldOn < TODAY, r.topic).toBe(true);
      else expect(r.plannedOn && r.plannedOn >= TODAY && !r.heldOn, r.topic).toBe(true);
      expect(r.enteredAt.toISOString().slice(0, 10) <= TODAY).toBe(true);
    }
    const imported = plan.records.filter((r) => r.source === 'import');
    expect(imported.length).toBeGreaterThan(cast.branches.length);
    expect(imported.every((r) => r.content === null && r.parts === null)).toBe(true);
    expect(plan.records.some((r) => r.status === 'planned')).toBe(true);
    // Theme days on the organ's day (the 9th), or the Monday after it when it falls at a weekend.
    const themeDays = plan.records.filter((r) => r.kind === 'theme_day' && r.status === 'held');
    const onTheDay = themeDays.filter((r) => ['09', '10', '11'].includes((r.heldOn ?? '').slice(8)));
    expect(onTheDay.length / themeDays.length).toBeGreaterThan(0.85);
    expect(plan.themeDayOfMonth).toBe(9);
  });

  it('records attendance from the roster of the day, talks between two people, grades only at an appraisal', () => {
    for (const r of plan.records) {
      const people = r.attendees.map((a) => a.memberId);
      expect(new Set(people).size, r.topic).toBe(people.length);
      for (const a of r.attendees) if (a.attendance === 'excused') expect(a.reason).toBeTruthy();
      if (r.kind === 'talk') {
        expect(r.attendees).toHaveLength(1);
        expect(r.hostMemberId).not.toBe(r.attendees[0]?.memberId);
        expect(r.content).toBeTruthy();
        expect(r.prefill.expected).toEqual([]);
      } else if (r.status === 'held') {
        const expected = new Set(r.prefill.expected);
        expect(
          people.every((id) => expected.has(id)),
          r.topic,
        ).toBe(true);
      }
      if (r.kind === 'member_appraisal') {
        const expected = new Set(r.prefill.expected);
        expect(r.grades.every((g) => expected.has(g.memberId))).toBe(
          r.grades.length > 0 || r.status === 'planned',
        );
      } else expect(r.grades).toEqual([]);
      if (r.kind === 'study' && r.status === 'held')
        expect(r.studied && r.appliedTo && r.outcome).toBeTruthy();
    }
    const excused = plan.records.flatMap((r) => r.attendees).filter((a) => a.attendance !== 'present');
    expect(excused.length).toBeGreaterThan(0);
  });

  it('draws temporary organisations’ members from home branches for their dates, and holds their records within them', () => {
    const temps = organ.orgs.filter((o) => o.isTemporary);
    expect(temps.length).toBeGreaterThan(0);
    for (const t of temps) {
      const members = plan.temporaryMembers.filter((m) => m.partyOrgId === ids.org(t.code));
      expect(members.length).toBeGreaterThanOrEqual(6);
      for (const m of members) expect([m.fromOn, m.toOn]).toEqual([t.tempStartOn, t.tempEndOn]);
      const own = plan.records.filter((r) => r.partyOrgId === ids.org(t.code));
      expect(own.map((r) => r.kind)).toContain('theme_day');
      const drawn = new Set(members.map((m) => m.memberId));
      for (const r of own) {
        expect(dayOf(r) >= (t.tempStartOn ?? '') && dayOf(r) <= (t.tempEndOn ?? '')).toBe(true);
        expect(r.attendees.every((a) => drawn.has(a.memberId))).toBe(true);
      }
    }
  });
});

describe('the demo year of 党费 and the development register (plan)', () => {
  const input = { seed: 2026, today: TODAY, ids };
  const dues = demoDuesPlan(organ, cast, branchProfiles(cast, 2026, TODAY), input);

  it('sets every member a base and collects most months, leaving a few members in arrears', () => {
    const joined = organ.members.filter((m) => (m.joinedOn ?? '') <= TODAY);
    const based = new Set(dues.bases.map((b) => b.memberId));
    expect(based.size).toBe(joined.length);
    const paid = new Map<string, Set<string>>();
    for (const p of dues.payments) {
      expect(p.paidOn < TODAY).toBe(true);
      expect(p.amountFen).toBeGreaterThan(0);
      const months = paid.get(p.memberId) ?? new Set<string>();
      for (const m of p.months) months.add(m);
      paid.set(p.memberId, months);
    }
    // In arrears: a month before this one unpaid.
    const inArrears = joined.filter((m) => !paid.get(ids.member(m))?.has('2026-10'));
    expect(inArrears.length).toBeGreaterThan(0);
    expect(inArrears.length / joined.length).toBeLessThan(0.15);
    expect(new Set(dues.payments.map((p) => p.source))).toEqual(new Set(['entry', 'import']));
  });

  it('registers people at every stage, with the intervals the rules require', () => {
    const people = demoDevelopmentPlan(organ, cast, input);
    const stage = (p: (typeof people)[number]) =>
      p.fullOn
        ? 'full'
        : p.probationaryOn
          ? 'probationary'
          : p.candidateOn
            ? 'candidate'
            : p.activistOn
              ? 'activist'
              : 'applicant';
    expect(new Set(people.map(stage))).toEqual(
      new Set(['applicant', 'activist', 'candidate', 'probationary', 'full']),
    );
    for (const p of people) {
      const birth = `${p.idNumber.slice(6, 10)}-${p.idNumber.slice(10, 12)}-${p.idNumber.slice(12, 14)}`;
      expect(p.appliedOn >= addYears(birth, 18), p.name).toBe(true);
      for (const d of [p.appliedOn, p.activistOn, p.candidateOn, p.probationaryOn, p.fullOn])
        if (d) expect(d <= TODAY).toBe(true);
      if (p.candidateOn) {
        expect(p.candidateOn >= addYears(p.activistOn ?? '', 1), p.name).toBe(true);
        expect(p.introducerMemberIds).toHaveLength(2);
      }
      if (p.fullOn) expect(p.fullOn >= addYears(p.probationaryOn ?? '', 1)).toBe(true);
      if (p.probationaryOn) expect(p.memberId).toBe(`member:${p.idNumber}`);
    }
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(people.length);
  });
});
