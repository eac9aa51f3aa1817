import { describe, expect, it } from 'vitest';
import {
  addYears,
  earliestDates,
  type IntroducerFacts,
  probationEndsOn,
  stageOf,
  type Timeline,
  timelineIssues,
} from './branch.development.rules.ts';

const TODAY = '2026-12-06';
const base: Timeline = {
  birthDate: '2000-05-01',
  appliedOn: '2022-03-01',
  activistOn: null,
  candidateOn: null,
  probationaryOn: null,
  fullOn: null,
};
const good = (name: string): IntroducerFacts => ({
  memberId: name,
  name,
  active: true,
  full: true,
  inBranch: true,
});
const two = [good('李明'), good('王芳')];
const messages = (t: Partial<Timeline>, intro: IntroducerFacts[] = two) =>
  timelineIssues({ ...base, ...t }, intro, TODAY);

describe('the development timeline', () => {
  it('adds years, 29 February reaching its anniversary on 1 March of a common year', () => {
    expect(addYears('2000-05-01', 18)).toBe('2018-05-01');
    expect(addYears('2004-02-29', 18)).toBe('2022-03-01');
    expect(addYears('2004-02-29', 20)).toBe('2024-02-29');
  });

  it('accepts a timeline that keeps every interval, on the very first day allowed', () => {
    expect(
      messages({
        birthDate: '2004-03-01',
        appliedOn: '2022-03-01',
        activistOn: '2022-09-01',
        candidateOn: '2023-09-01',
        probationaryOn: '2024-01-10',
        fullOn: '2025-01-10',
      }),
    ).toEqual([]);
  });

  it('refuses an application before the 18th birthday, naming the rule', () => {
    const issues = messages({ birthDate: '2004-03-02', appliedOn: '2022-03-01' });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.field).toBe('body.appliedOn');
    expect(issues[0]?.message).toContain('年满十八岁');
    expect(issues[0]?.message).toContain('2022-03-02');
  });

  it('refuses a candidate less than a year after becoming an activist', () => {
    const issues = messages({ activistOn: '2022-09-01', candidateOn: '2023-08-31' });
    expect(issues.map((i) => i.field)).toEqual(['body.candidateOn']);
    expect(issues[0]?.message).toContain('第十三条');
    expect(issues[0]?.message).toContain('最早 2023-09-01');
  });

  it('refuses full membership before the probationary year is over', () => {
    const issues = messages({
      activistOn: '2022-09-01',
      candidateOn: '2023-09-01',
      probationaryOn: '2024-01-10',
      fullOn: '2025-01-09',
    });
    expect(issues.map((i) => i.field)).toEqual(['body.fullOn']);
    expect(issues[0]?.message).toContain('预备期为一年');
    expect(issues[0]?.message).toContain('2025-01-10');
  });

  it('keeps the stages in order and dates in the past', () => {
    expect(messages({ candidateOn: '2024-01-01' }).map((i) => i.field)).toEqual(['body.candidateOn']);
    expect(messages({ candidateOn: '2024-01-01' })[0]?.message).toContain('请先登记“入党积极分子”');
    expect(messages({ activistOn: '2022-01-01' })[0]?.message).toContain('不能早于');
    expect(messages({ activistOn: '2026-12-07' })[0]?.message).toContain('不能晚于今天');
  });

  it('asks for two full members of the branch as introducers from 发展对象 on', () => {
    const t = { activistOn: '2022-09-01', candidateOn: '2023-09-01' };
    expect(messages(t, [good('李明')])[0]?.message).toContain('两名正式党员');
    expect(messages(t, [good('李明'), { ...good('赵强'), full: false }])[0]?.message).toContain('预备党员');
    expect(messages(t, [good('李明'), { ...good('赵强'), inBranch: false }])[0]?.message).toContain(
      '不在本党支部',
    );
    expect(messages(t, [good('李明'), { ...good('赵强'), active: false }])[0]?.message).toContain(
      '不是在册党员',
    );
    // Before 发展对象 no introducer is needed.
    expect(messages({ activistOn: '2022-09-01' }, [])).toEqual([]);
  });

  it('says the stage, the earliest next dates and when probation ends', () => {
    const t = { ...base, activistOn: '2022-09-01' };
    expect(stageOf(t)).toBe('activist');
    expect(earliestDates(t)).toEqual({
      activistOn: null,
      candidateOn: '2023-09-01',
      probationaryOn: null,
      fullOn: null,
    });
    expect(probationEndsOn({ probationaryOn: '2026-01-15', fullOn: null })).toBe('2027-01-15');
    expect(probationEndsOn({ probationaryOn: '2025-01-15', fullOn: '2026-01-15' })).toBeNull();
  });
});
