import { expect, it } from 'vitest';
import { filtersToParams, listQuery, parseRecordFilters } from './records-filters.ts';

const ORG = '11111111-1111-4111-8111-111111111111';

it('reads the filters from the address, dropping anything malformed', () => {
  const params = new URLSearchParams(
    `org=${ORG}&kind=theme_day&month=2026-12&q=%20学习%20&view=calendar&page=3`,
  );
  expect(parseRecordFilters(params)).toEqual({
    org: ORG,
    kind: 'theme_day',
    status: undefined,
    month: '2026-12',
    q: '学习',
    view: 'calendar',
    page: 3,
  });
  expect(
    parseRecordFilters(new URLSearchParams('org=x&kind=party&month=2026-13&page=-1&status=done')),
  ).toEqual({
    org: undefined,
    kind: undefined,
    status: undefined,
    month: undefined,
    q: undefined,
    view: 'list',
    page: 1,
  });
});

it('writes back only what is set, and round-trips', () => {
  const filters = parseRecordFilters(new URLSearchParams(`org=${ORG}&status=planned&page=2`));
  expect(filtersToParams(filters).toString()).toBe(`org=${ORG}&status=planned&page=2`);
  expect(parseRecordFilters(filtersToParams(filters))).toEqual(filters);
});

it('asks the server for a month as a date range; the calendar for its whole month', () => {
  const list = parseRecordFilters(new URLSearchParams('month=2026-02&page=2'));
  expect(listQuery(list, '2026-05')).toMatchObject({
    from: '2026-02-01',
    to: '2026-02-28',
    page: 2,
    pageSize: 20,
  });
  const calendar = parseRecordFilters(new URLSearchParams('view=calendar&page=4'));
  expect(listQuery(calendar, '2026-05')).toMatchObject({
    from: '2026-05-01',
    to: '2026-05-31',
    page: 1,
    pageSize: 200,
  });
  expect(listQuery(parseRecordFilters(new URLSearchParams()), '2026-05')).toMatchObject({
    from: undefined,
    to: undefined,
  });
});
