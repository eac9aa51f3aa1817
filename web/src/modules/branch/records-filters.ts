// The record list's filters as they stand in the address (so that back, reload and a shared link keep them).
import type { BranchRecordKind } from '#contracts/branch';
import type { RecordFilters } from './records-api.ts';
import { monthRange } from './records-calendar.ts';
import { isRecordKind } from './records-labels.ts';

export type RecordView = 'list' | 'calendar';

export type RecordPageFilters = {
  org: string | undefined;
  kind: BranchRecordKind | undefined;
  status: 'planned' | 'held' | undefined;
  /** 'YYYY-MM' */
  month: string | undefined;
  q: string | undefined;
  view: RecordView;
  page: number;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MONTH = /^(19|20)\d{2}-(0[1-9]|1[0-2])$/;

/** Whatever the address holds, filters the server accepts: anything malformed is simply not a filter. */
export function parseRecordFilters(params: URLSearchParams): RecordPageFilters {
  const org = params.get('org') ?? '';
  const kind = params.get('kind');
  const status = params.get('status');
  const month = params.get('month') ?? '';
  const q = (params.get('q') ?? '').trim().slice(0, 50);
  const page = Number(params.get('page'));
  return {
    org: UUID.test(org) ? org : undefined,
    kind: isRecordKind(kind) ? kind : undefined,
    status: status === 'planned' || status === 'held' ? status : undefined,
    month: MONTH.test(month) ? month : undefined,
    q: q || undefined,
    view: params.get('view') === 'calendar' ? 'calendar' : 'list',
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  };
}

/** Back into the address, leaving out what is not set. */
export function filtersToParams(filters: RecordPageFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.org) params.set('org', filters.org);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.status) params.set('status', filters.status);
  if (filters.month) params.set('month', filters.month);
  if (filters.q) params.set('q', filters.q);
  if (filters.view !== 'list') params.set('view', filters.view);
  if (filters.page > 1) params.set('page', String(filters.page));
  return params;
}

export const LIST_PAGE_SIZE = 20;
/** A month of a branch, or of an organ, fits in one answer. */
export const CALENDAR_PAGE_SIZE = 200;

/** The list request: the month as a date range; the calendar asks for its whole month at once. */
export function listQuery(filters: RecordPageFilters, calendarMonth: string): RecordFilters {
  const calendar = filters.view === 'calendar';
  const month = calendar ? calendarMonth : filters.month;
  const range = month ? monthRange(month) : undefined;
  return {
    partyOrgId: filters.org,
    kind: filters.kind,
    status: filters.status,
    from: range?.from,
    to: range?.to,
    q: filters.q,
    page: calendar ? 1 : filters.page,
    pageSize: calendar ? CALENDAR_PAGE_SIZE : LIST_PAGE_SIZE,
  };
}
