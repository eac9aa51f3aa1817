import { expect, it } from 'vitest';
import {
  byMinutes,
  byName,
  filterStudy,
  type StudyRow,
  splitMinutes,
  studyOrgs,
  studySummary,
} from './study-hours-logic.ts';

const row = (name: string, partyOrgName: string, minutes: number, records: number): StudyRow => ({
  memberId: `00000000-0000-4000-8000-${String(minutes).padStart(12, '0')}`,
  name,
  partyOrgName,
  minutes,
  records,
});
const rows = [
  row('张伟', '第一党支部', 150, 3),
  row('李娜', '第一党支部', 0, 0),
  row('王芳', '第二党支部', 45, 2),
  row('赵强', '第二党支部', 0, 1),
];

it('splits minutes into hours and minutes', () => {
  expect(splitMinutes(150)).toEqual({ hours: 2, minutes: 30 });
  expect(splitMinutes(45)).toEqual({ hours: 0, minutes: 45 });
  expect(splitMinutes(-5)).toEqual({ hours: 0, minutes: 0 });
});

it('filters by name or organisation, by organisation, and to those with no study record', () => {
  const none = { q: '', partyOrgName: null, noneOnly: false };
  expect(filterStudy(rows, none)).toHaveLength(4);
  expect(filterStudy(rows, { ...none, q: ' 王' }).map((r) => r.name)).toEqual(['王芳']);
  expect(filterStudy(rows, { ...none, q: '第二' }).map((r) => r.name)).toEqual(['王芳', '赵强']);
  expect(filterStudy(rows, { ...none, partyOrgName: '第一党支部' })).toHaveLength(2);
  // A record without a duration still counts as studied.
  expect(filterStudy(rows, { ...none, noneOnly: true }).map((r) => r.name)).toEqual(['李娜']);
});

it('sums what is shown and lists the organisations in order', () => {
  expect(studySummary(rows)).toEqual({ members: 4, minutes: 195, average: 49, without: 1 });
  expect(studySummary([])).toEqual({ members: 0, minutes: 0, average: 0, without: 0 });
  expect(studyOrgs(rows)).toEqual(['第一党支部', '第二党支部']);
});

it('sorts numbers as numbers and names in Chinese order', () => {
  expect([...rows].sort(byMinutes).map((r) => r.minutes)).toEqual([0, 0, 45, 150]);
  expect([...rows].sort(byName)).toHaveLength(4);
});
