import { MEMBER_CATEGORIES, type MemberListQuery, PARTY_POSTS } from '#contracts/member';
import type { QueryParams } from '../../api/http.ts';

export type MemberFilters = Omit<MemberListQuery, 'page' | 'pageSize' | 'order'> & {
  page: number;
  pageSize: number;
  /** Present only when reversed: ascending is the default and stays out of the address bar. */
  order?: 'desc';
};

const SORTS = ['name', 'joinedOn', 'partyOrg'] as const;
const PAGE_SIZES = [10, 20, 50, 100];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function oneOf<T extends string>(values: readonly T[], value: string | null): T | undefined {
  return values.find((v) => v === value);
}

/** Reads the filters from the address bar, ignoring anything malformed rather than sending it to the server. */
export function filtersFromParams(params: URLSearchParams): MemberFilters {
  const page = Number(params.get('page'));
  const pageSize = Number(params.get('pageSize'));
  const partyOrgId = params.get('partyOrgId');
  const departmentId = params.get('departmentId');
  const q = params.get('q')?.trim().slice(0, 64);
  const category = oneOf(MEMBER_CATEGORIES, params.get('category'));
  const partyPost = oneOf(PARTY_POSTS, params.get('partyPost'));
  return {
    page: Number.isInteger(page) && page >= 1 ? page : 1,
    pageSize: PAGE_SIZES.includes(pageSize) ? pageSize : 20,
    ...(partyOrgId && UUID.test(partyOrgId) ? { partyOrgId } : {}),
    ...(departmentId && UUID.test(departmentId) ? { departmentId } : {}),
    ...(q ? { q } : {}),
    ...(category ? { category } : {}),
    ...(partyPost ? { partyPost } : {}),
    status: params.get('status') === 'left' ? 'left' : 'active',
    sort: oneOf(SORTS, params.get('sort')) ?? 'partyOrg',
    ...(params.get('order') === 'desc' ? { order: 'desc' as const } : {}),
  };
}

/** The address-bar form: defaults are left out so a plain /members stays plain. */
export function filtersToParams(filters: MemberFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.page !== 1) params.set('page', String(filters.page));
  if (filters.pageSize !== 20) params.set('pageSize', String(filters.pageSize));
  for (const key of ['partyOrgId', 'departmentId', 'q', 'category', 'partyPost'] as const) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  if (filters.status !== 'active') params.set('status', filters.status);
  if (filters.sort !== 'partyOrg') params.set('sort', filters.sort);
  if (filters.order === 'desc') params.set('order', 'desc');
  return params;
}

export function listQuery(filters: MemberFilters): QueryParams {
  return { ...exportQuery(filters), page: filters.page, pageSize: filters.pageSize };
}

/** The export takes the same filters as the list, without paging: it exports everything that matches. */
export function exportQuery(filters: MemberFilters): QueryParams {
  return {
    partyOrgId: filters.partyOrgId,
    departmentId: filters.departmentId,
    q: filters.q,
    category: filters.category,
    partyPost: filters.partyPost,
    status: filters.status,
    sort: filters.sort,
    order: filters.order,
  };
}

/** Changing any filter goes back to the first page; a filter set to undefined or '' is dropped. */
export function withFilter(filters: MemberFilters, patch: Partial<MemberFilters>): MemberFilters {
  return filtersFromParams(filtersToParams({ ...filters, ...patch, page: patch.page ?? 1 }));
}
