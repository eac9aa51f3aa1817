// Business KPIs (issue 12 point 2), the calls of every route but the push (which business systems make with their
// token): the catalogue, values by period, the import wizard's preview and apply, saved mappings, push tokens.
// Types only from the contracts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreatedPushTokenSchema,
  CreateKpiBodySchema,
  ImportPreview,
  Kpi,
  KpiMapping,
  KpiValue,
  PatchKpiBodySchema,
  PushToken,
} from '#contracts/assessment-kpi';
import { downloadFile, http, request } from '../../api/http.ts';

export type NewKpi = z.input<typeof CreateKpiBodySchema>;
export type KpiPatch = z.input<typeof PatchKpiBodySchema>;
export type CreatedToken = z.infer<typeof CreatedPushTokenSchema>;
export type ImportResult = {
  created: number;
  updated: number;
  rescored: { cycles: number; subjects: number };
};
export type ValueFilter = {
  period?: string | undefined;
  kpiCode?: string | undefined;
  departmentId?: string | undefined;
};
/** header → field ('department' | 'period' | 'kpiCode' | 'value' | 'kpi:<code>') or null (not imported) */
export type Columns = Record<string, string | null>;

export const kpiKeys = {
  all: ['assessment', 'kpi'] as const,
  kpis: (unitId: string) => ['assessment', 'kpi', 'list', unitId] as const,
  values: (unitId: string, f: ValueFilter) => ['assessment', 'kpi', 'values', unitId, f] as const,
  mappings: (unitId: string) => ['assessment', 'kpi', 'mappings', unitId] as const,
  tokens: (unitId: string) => ['assessment', 'kpi', 'tokens', unitId] as const,
};

const BASE = '/api/assessment';

export function useKpis(unitId: string | null) {
  return useQuery({
    queryKey: kpiKeys.kpis(unitId ?? ''),
    queryFn: ({ signal }) => http.get<Kpi[]>(`${BASE}/kpis`, { unitId }, signal),
    enabled: !!unitId,
  });
}

export function useKpiValues(unitId: string | null, f: ValueFilter) {
  return useQuery({
    queryKey: kpiKeys.values(unitId ?? '', f),
    queryFn: ({ signal }) => http.get<KpiValue[]>(`${BASE}/kpi-values`, { unitId, ...f }, signal),
    enabled: !!unitId,
  });
}

export function useMappings(unitId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: kpiKeys.mappings(unitId ?? ''),
    queryFn: ({ signal }) => http.get<KpiMapping[]>(`${BASE}/kpi-mappings`, { unitId }, signal),
    enabled: !!unitId && enabled,
  });
}

export function useTokens(unitId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: kpiKeys.tokens(unitId ?? ''),
    queryFn: ({ signal }) => http.get<PushToken[]>(`${BASE}/kpi-tokens`, { unitId }, signal),
    enabled: !!unitId && enabled,
  });
}

/** Every write may move values, the catalogue's counts and the scores: the module's KPI data is asked again. */
function useKpiMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: kpiKeys.all }),
  });
}

export const useCreateKpi = () => useKpiMutation((body: NewKpi) => http.post<Kpi>(`${BASE}/kpis`, body));
export const usePatchKpi = () =>
  useKpiMutation(({ id, body }: { id: string; body: KpiPatch }) =>
    http.patch<Kpi>(`${BASE}/kpis/${id}`, body),
  );
export const useSaveMapping = () =>
  useKpiMutation((body: { unitId: string; name: string; columns: Columns }) =>
    http.post<KpiMapping>(`${BASE}/kpi-mappings`, body),
  );
export const useDeleteMapping = () =>
  useKpiMutation((id: string) => request<{ ok: true }>('DELETE', `${BASE}/kpi-mappings/${id}`));
export const useCreateToken = () =>
  useKpiMutation((body: { unitId: string; systemName: string }) =>
    http.post<CreatedToken>(`${BASE}/kpi-tokens`, body),
  );
export const useRevokeToken = () =>
  useKpiMutation((id: string) => http.post<PushToken>(`${BASE}/kpi-tokens/${id}/revoke`, {}));

type ImportQuery = { unitId: string; mappingId?: string | undefined; columns?: Columns | undefined };
const importUrl = (path: string, q: ImportQuery) => {
  const p = new URLSearchParams({ unitId: q.unitId });
  if (q.mappingId) p.set('mappingId', q.mappingId);
  if (q.columns) p.set('columns', JSON.stringify(q.columns));
  return `${BASE}/${path}?${p.toString()}`;
};
const fileData = (file: File) => {
  const data = new FormData();
  data.append('file', file, file.name);
  return data;
};

export const previewImport = (q: ImportQuery, file: File) =>
  http.upload<ImportPreview>(importUrl('kpi-import/preview', q), fileData(file));
export const applyImport = (q: ImportQuery, file: File) =>
  http.upload<ImportResult>(importUrl('kpi-import', q), fileData(file));
export const downloadTemplate = () =>
  downloadFile(`${BASE}/kpi-import/template`, undefined, '业务指标导入模板.xlsx');
