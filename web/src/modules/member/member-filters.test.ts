import { describe, expect, it } from 'vitest';
import { exportQuery, filtersFromParams, filtersToParams, listQuery, withFilter } from './member-filters.ts';

const ORG = '11111111-2222-4333-8444-555555555555';

describe('member filters in the address bar', () => {
  it('reads defaults from an empty query', () => {
    expect(filtersFromParams(new URLSearchParams())).toEqual({
      page: 1,
      pageSize: 20,
      status: 'active',
      sort: 'partyOrg',
    });
  });
  it('ignores malformed values instead of sending them on', () => {
    const f = filtersFromParams(
      new URLSearchParams(
        'page=-3&pageSize=7&partyOrgId=not-a-uuid&category=x&partyPost=boss&status=gone&sort=id',
      ),
    );
    expect(f).toEqual({ page: 1, pageSize: 20, status: 'active', sort: 'partyOrg' });
  });
  it('round-trips a full filter set and leaves defaults out of the URL', () => {
    const params = new URLSearchParams(
      `page=3&pageSize=50&partyOrgId=${ORG}&q=张&category=probationary&partyPost=secretary&status=left&sort=name`,
    );
    const f = filtersFromParams(params);
    expect(filtersToParams(f).toString()).toBe(params.toString());
    expect(filtersToParams(filtersFromParams(new URLSearchParams())).toString()).toBe('');
  });
  it('goes back to page 1 when a filter changes and drops cleared filters', () => {
    const f = filtersFromParams(new URLSearchParams(`page=4&partyOrgId=${ORG}&q=李`));
    const next = withFilter(f, { partyOrgId: undefined });
    expect(next.page).toBe(1);
    expect(next.partyOrgId).toBeUndefined();
    expect(next.q).toBe('李');
    expect(withFilter(f, { page: 5 }).page).toBe(5);
  });
  it('exports with the list filters but without paging', () => {
    const f = filtersFromParams(new URLSearchParams(`page=2&partyOrgId=${ORG}&category=full`));
    expect(exportQuery(f)).toMatchObject({ partyOrgId: ORG, category: 'full', status: 'active' });
    expect(exportQuery(f)).not.toHaveProperty('page');
    expect(listQuery(f)).toMatchObject({ partyOrgId: ORG, page: 2, pageSize: 20 });
  });
});
