// The officers' side of the responsibility system: lists and their duties, templates and work points, coverage,
// handovers, liaison points and 述职评议 administration. Types only from the contracts, so that this file brings no
// schemas into the pages that use it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page } from '#contracts/common';
import type {
  Appraisal,
  CreateHandoverBody,
  Handover,
  HandoverPreviewSchema,
  Liaison,
  LiaisonBodySchema,
} from '#contracts/handover';
import type { Member } from '#contracts/member';
import type {
  CreateItemBodySchema,
  CreateListBody,
  Exemption,
  ExemptionBodySchema,
  Item,
  ItemDetail,
  Level,
  ListDetail,
  PatchItemBodySchema,
  ProgressReport,
  PublishTemplateBody,
  RecordKindInfoSchema,
  ReportBodySchema,
  ResponsibilityList,
  Template,
  TemplateChangesSchema,
  TemplateSummarySchema,
  WorkPoint,
  WorkPointBodySchema,
  WorkPointPatchSchema,
} from '#contracts/responsibility';
import type { Coverage } from '#contracts/responsibility-coverage';
import { http } from '../../api/http.ts';

export type TemplateSummary = z.infer<typeof TemplateSummarySchema>;
export type TemplateChanges = z.infer<typeof TemplateChangesSchema>;
export type RecordKindInfo = z.infer<typeof RecordKindInfoSchema>;
export type HandoverPreview = z.infer<typeof HandoverPreviewSchema>;
export type WorkPointBody = z.input<typeof WorkPointBodySchema>;
export type WorkPointPatch = z.input<typeof WorkPointPatchSchema>;
export type ExemptionBody = z.input<typeof ExemptionBodySchema>;
export type LiaisonBody = z.input<typeof LiaisonBodySchema>;
/** The request bodies as the server reads them: defaults filled in here are simply sent. */
export type NewItem = z.input<typeof CreateItemBodySchema>;
export type ItemPatch = z.input<typeof PatchItemBodySchema>;
export type NewReport = z.input<typeof ReportBodySchema>;

export const respKeys = {
  all: ['responsibility'] as const,
  lists: (year: number, partyOrgId?: string | null, level?: Level) =>
    ['responsibility', 'lists', year, partyOrgId ?? null, level ?? null] as const,
  list: (id: string) => ['responsibility', 'list', id] as const,
  item: (id: string) => ['responsibility', 'item', id] as const,
  templates: ['responsibility', 'templates'] as const,
  template: (id: string) => ['responsibility', 'template', id] as const,
  templateChanges: (listId: string) => ['responsibility', 'template-changes', listId] as const,
  workPoints: (year: number) => ['responsibility', 'work-points', year] as const,
  recordKinds: ['responsibility', 'record-kinds'] as const,
  coverage: (year: number, unitId: string | null) => ['responsibility', 'coverage', year, unitId] as const,
  handovers: ['handovers'] as const,
  preview: (memberId: string) => ['handovers', 'preview', memberId] as const,
  liaisons: (year: number, partyOrgId: string | null) => ['liaisons', year, partyOrgId] as const,
  appraisals: (year: number) => ['appraisals', year] as const,
  memberSearch: (q: string, status: 'active' | 'left', partyOrgId: string | null) =>
    ['responsibility', 'member-search', q, status, partyOrgId] as const,
};

// Reads ------------------------------------------------------------------------------------------------------------

export function useLists(year: number, partyOrgId?: string | null, level?: Level) {
  return useQuery({
    queryKey: respKeys.lists(year, partyOrgId, level),
    queryFn: ({ signal }) =>
      http.get<ResponsibilityList[]>(
        '/api/responsibility/lists',
        { year, partyOrgId: partyOrgId ?? undefined, level },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

export function useList(id: string) {
  return useQuery({
    queryKey: respKeys.list(id),
    queryFn: ({ signal }) => http.get<ListDetail>(`/api/responsibility/lists/${id}`, undefined, signal),
  });
}

/** Several lists' details at once (the take-up picker reads the items of the lists above). */
export function fetchList(id: string, signal?: AbortSignal) {
  return http.get<ListDetail>(`/api/responsibility/lists/${id}`, undefined, signal);
}

export function useItem(id: string | null) {
  return useQuery({
    queryKey: respKeys.item(id ?? ''),
    queryFn: ({ signal }) => http.get<ItemDetail>(`/api/responsibility/items/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useTemplates() {
  return useQuery({
    queryKey: respKeys.templates,
    queryFn: ({ signal }) => http.get<TemplateSummary[]>('/api/responsibility/templates', undefined, signal),
  });
}

export function useTemplate(id: string | null) {
  return useQuery({
    queryKey: respKeys.template(id ?? ''),
    queryFn: ({ signal }) => http.get<Template>(`/api/responsibility/templates/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useTemplateChanges(listId: string, enabled: boolean) {
  return useQuery({
    queryKey: respKeys.templateChanges(listId),
    queryFn: ({ signal }) =>
      http.get<TemplateChanges>(`/api/responsibility/lists/${listId}/template-changes`, undefined, signal),
    enabled,
  });
}

export function useWorkPoints(year: number, enabled = true) {
  return useQuery({
    queryKey: respKeys.workPoints(year),
    queryFn: ({ signal }) => http.get<WorkPoint[]>('/api/responsibility/work-points', { year }, signal),
    enabled,
  });
}

export function useRecordKinds() {
  return useQuery({
    queryKey: respKeys.recordKinds,
    queryFn: ({ signal }) =>
      http.get<RecordKindInfo[]>('/api/responsibility/record-kinds', undefined, signal),
    staleTime: 10 * 60_000,
  });
}

export function useCoverage(year: number, unitId: string | null) {
  return useQuery({
    queryKey: respKeys.coverage(year, unitId),
    queryFn: ({ signal }) =>
      http.get<Coverage>('/api/responsibility/coverage', { year, unitId: unitId ?? undefined }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useHandovers() {
  return useQuery({
    queryKey: respKeys.handovers,
    queryFn: ({ signal }) => http.get<Handover[]>('/api/handovers', undefined, signal),
  });
}

export function useHandoverPreview(fromMemberId: string | null) {
  return useQuery({
    queryKey: respKeys.preview(fromMemberId ?? ''),
    queryFn: ({ signal }) =>
      http.get<HandoverPreview>('/api/handovers/preview', { fromMemberId: fromMemberId ?? '' }, signal),
    enabled: !!fromMemberId,
    // The wizard must show what would pass now, not what was there a minute ago.
    staleTime: 0,
  });
}

export function useLiaisons(year: number, partyOrgId: string | null) {
  return useQuery({
    queryKey: respKeys.liaisons(year, partyOrgId),
    queryFn: ({ signal }) =>
      http.get<Liaison[]>('/api/liaisons', { year, partyOrgId: partyOrgId ?? undefined }, signal),
    placeholderData: keepPreviousData,
  });
}

export function useAppraisals(year: number) {
  return useQuery({
    queryKey: respKeys.appraisals(year),
    queryFn: ({ signal }) => http.get<Appraisal[]>('/api/appraisals', { year }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Members by name for the pickers (20 at most: the officer types more of the name to narrow it). */
export function useMemberSearch(q: string, status: 'active' | 'left', partyOrgId: string | null) {
  return useQuery({
    queryKey: respKeys.memberSearch(q, status, partyOrgId),
    queryFn: ({ signal }) =>
      http.get<Page<Member>>(
        '/api/members',
        { q: q || undefined, status, partyOrgId: partyOrgId ?? undefined, pageSize: 20, sort: 'name' },
        signal,
      ),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

// Writes -----------------------------------------------------------------------------------------------------------

/** A change to a list or a duty moves counts, coverage and the duty pages together: all of it is asked again. */
function useRespMutation<V, R>(fn: (vars: V) => Promise<R>, extra: readonly (readonly unknown[])[] = []) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: respKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['me', 'duties'] }),
        ...extra.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      ]),
  });
}

export function useCreateList() {
  return useRespMutation((body: CreateListBody) => http.post<ListDetail>('/api/responsibility/lists', body));
}

export function usePatchList() {
  return useRespMutation(
    ({ id, ...body }: { id: string; title?: string; status?: 'draft' | 'published'; version: number }) =>
      http.patch<ListDetail>(`/api/responsibility/lists/${id}`, body),
  );
}

export function useAdoptTemplate() {
  return useRespMutation(
    ({ id, ...body }: { id: string; templateId: string; keys: string[]; version: number }) =>
      http.post<ListDetail>(`/api/responsibility/lists/${id}/adopt-template`, body),
  );
}

export function useCreateItem() {
  return useRespMutation(({ listId, body }: { listId: string; body: NewItem }) =>
    http.post<Item>(`/api/responsibility/lists/${listId}/items`, body),
  );
}

export function usePatchItem() {
  return useRespMutation(({ id, body }: { id: string; body: ItemPatch }) =>
    http.patch<Item>(`/api/responsibility/items/${id}`, body),
  );
}

export function useRequestExemption() {
  return useRespMutation(({ itemId, body }: { itemId: string; body: ExemptionBody }) =>
    http.post<Exemption>(`/api/responsibility/items/${itemId}/exemptions`, body),
  );
}

export function useReportOnBehalf() {
  return useRespMutation(({ periodId, body }: { periodId: string; body: NewReport }) =>
    http.post<ProgressReport>(`/api/responsibility/periods/${periodId}/reports`, body),
  );
}

export function usePublishTemplate() {
  return useRespMutation((body: PublishTemplateBody) =>
    http.post<Template>('/api/responsibility/templates', body),
  );
}

export function useSaveWorkPoint() {
  return useRespMutation(
    (vars: { id: null; body: WorkPointBody } | { id: string; body: WorkPointPatch }): Promise<WorkPoint> =>
      vars.id === null
        ? http.post<WorkPoint>('/api/responsibility/work-points', vars.body)
        : http.patch<WorkPoint>(`/api/responsibility/work-points/${vars.id}`, vars.body),
  );
}

export function useCreateHandover() {
  return useRespMutation(
    (body: CreateHandoverBody) => http.post<Handover>('/api/handovers', body),
    [respKeys.handovers],
  );
}

export function useCancelHandover() {
  return useRespMutation(
    ({ id, version }: { id: string; version: number }) =>
      http.post<Handover>(`/api/handovers/${id}/cancel`, { version }),
    [respKeys.handovers],
  );
}

export function useSaveLiaison() {
  return useRespMutation((body: LiaisonBody) => http.post<Liaison>('/api/liaisons', body), [['liaisons']]);
}

export function useEndLiaison() {
  return useRespMutation(
    ({ id, until }: { id: string; until: string }) =>
      http.post<Liaison>(`/api/liaisons/${id}/end`, { until }),
    [['liaisons']],
  );
}

export function useCreateAppraisal() {
  return useRespMutation(
    (listId: string) => http.post<Appraisal>('/api/appraisals', { listId }),
    [['appraisals']],
  );
}

export function useSetRaters() {
  return useRespMutation(
    ({ id, memberIds }: { id: string; memberIds: string[] }) =>
      http.put<Appraisal>(`/api/appraisals/${id}/raters`, { memberIds }),
    [['appraisals']],
  );
}
