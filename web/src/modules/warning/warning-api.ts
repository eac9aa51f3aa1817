// Warnings and the fusion index (issue 13, ADR 31): the calls of the module's routes — the overview, a warning and
// its answer, exceptions, the rules and ladder, the formula's editions, an organisation's index down to the
// records. Types only from the contracts, so that this file brings no schemas into the pages.
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AnswerWarningSchema,
  CreateExceptionSchema,
  IndexFormula,
  IndexFormulaBody,
  IndexPartBasisSchema,
  IndexValue,
  Overview,
  PutWarningConfigSchema,
  Warning,
  WarningConfig,
  WarningDetail,
  WarningException,
} from '#contracts/warning';
import { http } from '../../api/http.ts';

export type AnswerBody = z.input<typeof AnswerWarningSchema>;
export type NewException = z.input<typeof CreateExceptionSchema>;
export type ConfigBody = z.input<typeof PutWarningConfigSchema>;
export type PartBasis = z.infer<typeof IndexPartBasisSchema>;
export type Evaluation = {
  unitId: string;
  periodKey: string;
  organisations: number;
  raised: number;
  cleared: number;
  climbed: number;
  levelChanges: number;
};

export const warningKeys = {
  all: ['warning'] as const,
  overview: (unitId: string | null) => ['warning', 'overview', unitId ?? ''] as const,
  list: (status: string) => ['warning', 'list', status] as const,
  detail: (id: string) => ['warning', 'detail', id] as const,
  config: ['warning', 'config'] as const,
  formulas: ['warning', 'formulas'] as const,
  index: (orgId: string, periodKey: string) => ['warning', 'index', orgId, periodKey] as const,
  part: (orgId: string, key: string, periodKey: string) =>
    ['warning', 'part', orgId, key, periodKey] as const,
};

const BASE = '/api/warnings';
const INDEX = '/api/fusion-index';

// Reads ------------------------------------------------------------------------------------------------------------

const overviewQuery = (unitId: string | null) => ({
  queryKey: warningKeys.overview(unitId),
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    http.get<Overview>(`${BASE}/overview`, { unitId }, signal),
});

/** The overview; `refetchMs` for the big screen, which asks again on its own. */
export function useOverview(unitId: string | null, refetchMs?: number) {
  return useQuery({
    ...overviewQuery(unitId),
    ...(refetchMs ? { refetchInterval: refetchMs, refetchIntervalInBackground: true } : {}),
  });
}

/** The overview opened at its address: its data fetched with its code, before the first render (preload.ts). */
export function prefetchOverview(queryClient: QueryClient, params: URLSearchParams): Promise<void> {
  return queryClient.prefetchQuery(overviewQuery(params.get('unit')));
}

export function useWarnings(status: 'active' | 'cleared' | 'all' = 'active') {
  return useQuery({
    queryKey: warningKeys.list(status),
    queryFn: ({ signal }) => http.get<Warning[]>(BASE, { status }, signal),
  });
}

/** One organisation's warnings still running (the overview carries only the first hundred of the organ's). */
export function useOrgWarnings(partyOrgId: string) {
  return useQuery({
    queryKey: [...warningKeys.list('active'), partyOrgId] as const,
    queryFn: ({ signal }) => http.get<Warning[]>(BASE, { partyOrgId, status: 'active' }, signal),
  });
}

export function useWarning(id: string | undefined) {
  return useQuery({
    queryKey: warningKeys.detail(id ?? ''),
    queryFn: ({ signal }) => http.get<WarningDetail>(`${BASE}/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useWarningConfig() {
  return useQuery({
    queryKey: warningKeys.config,
    queryFn: ({ signal }) => http.get<WarningConfig>(`${BASE}/config`, undefined, signal),
  });
}

export function useFormulas() {
  return useQuery({
    queryKey: warningKeys.formulas,
    queryFn: ({ signal }) => http.get<IndexFormula[]>(`${INDEX}/formulas`, undefined, signal),
  });
}

export function useIndexValue(orgId: string | null, periodKey: string) {
  return useQuery({
    queryKey: warningKeys.index(orgId ?? '', periodKey),
    queryFn: ({ signal }) => http.get<IndexValue>(`${INDEX}/${orgId}`, { periodKey }, signal),
    enabled: !!orgId,
    // "Not computed yet" is an answer, not a failure worth three tries.
    retry: false,
  });
}

export function usePartBasis(orgId: string | null, key: string | null, periodKey: string) {
  return useQuery({
    queryKey: warningKeys.part(orgId ?? '', key ?? '', periodKey),
    queryFn: ({ signal }) =>
      http.get<PartBasis>(`${INDEX}/${orgId}/parts/${encodeURIComponent(key ?? '')}`, { periodKey }, signal),
    enabled: !!orgId && !!key,
  });
}

// Writes -----------------------------------------------------------------------------------------------------------

/** Every write may move levels, counts and lists: the whole module's data is asked again after it. */
function useWarningMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: warningKeys.all }),
  });
}

export const useEvaluate = () =>
  useWarningMutation((unitId: string) => http.post<Evaluation>(`${BASE}/evaluate`, { unitId }));
export const useAnswer = () =>
  useWarningMutation(({ id, body }: { id: string; body: AnswerBody }) =>
    http.post<WarningDetail>(`${BASE}/${id}/answer`, body),
  );
export const useCreateException = () =>
  useWarningMutation((body: NewException) => http.post<WarningException>(`${BASE}/exceptions`, body));
export const useSaveConfig = () =>
  useWarningMutation((body: ConfigBody) => http.put<WarningConfig>(`${BASE}/config`, body));
export const useDraftFormula = () =>
  useWarningMutation(() => http.post<IndexFormula>(`${INDEX}/formulas/draft`, {}));
export const useSaveFormula = () =>
  useWarningMutation(({ id, formula, version }: { id: string; formula: IndexFormulaBody; version: number }) =>
    http.put<IndexFormula>(`${INDEX}/formulas/${id}`, { formula, version }),
  );
export const usePublishFormula = () =>
  useWarningMutation(({ id, version }: { id: string; version: number }) =>
    http.post<IndexFormula>(`${INDEX}/formulas/${id}/publish`, { version }),
  );
