import { expect, it } from 'vitest';
import {
  drawnIds,
  isDrawnNow,
  memberChanges,
  memberIssueLines,
  type TemporaryMember,
} from './temporary-logic.ts';

const m = (memberId: string, fromOn: string, toOn: string | null): TemporaryMember => ({
  memberId,
  name: memberId.toUpperCase(),
  homeOrgName: '第一党支部',
  fromOn,
  toOn,
});

it("tells who is drawn now from the rows' end dates", () => {
  const today = '2026-06-10';
  const end = '2026-09-30';
  expect(isDrawnNow({ toOn: end }, end, today)).toBe(true);
  // Removed today or earlier: the row ends on the day of removal.
  expect(isDrawnNow({ toOn: today }, end, today)).toBe(false);
  expect(isDrawnNow({ toOn: '2026-05-01' }, end, today)).toBe(false);
  // An open-ended organisation, and one whose end moved after the member was drawn.
  expect(isDrawnNow({ toOn: null }, null, today)).toBe(true);
  expect(isDrawnNow({ toOn: '2026-08-31' }, end, today)).toBe(true);
  // A closed organisation's members stay its members to its end.
  expect(isDrawnNow({ toOn: '2026-03-31' }, '2026-03-31', today)).toBe(true);
  const rows = [m('a', '2026-04-01', end), m('b', '2026-04-01', '2026-05-01'), m('c', '2026-06-01', end)];
  expect(drawnIds(rows, end, today)).toEqual(['a', 'c']);
});

it('says who a save adds and takes out', () => {
  expect(memberChanges(['a', 'b'], ['b', 'c'])).toEqual({ added: ['c'], removed: ['a'] });
  expect(memberChanges([], [])).toEqual({ added: [], removed: [] });
});

it("names the member each of the server's issues is about", () => {
  const lines = memberIssueLines(
    [
      { field: 'body.memberIds.1', message: '只能抽调本机关在册的党员' },
      { field: 'params.id', message: '临时党组织已结束' },
    ],
    ['a', 'b'],
    (id) => (id === 'b' ? '王芳' : id),
  );
  expect(lines).toEqual(['王芳：只能抽调本机关在册的党员', '临时党组织已结束']);
});
