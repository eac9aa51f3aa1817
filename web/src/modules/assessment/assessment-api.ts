// Assessment (issue 12), the calls of every route of the module: the catalogue of measures, indicator systems (the
// designer's save, publish and derive), cycles (create, compute) and their results down to the records behind one
// indicator. Types only from the contracts, so that this file brings no schemas into the pages.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateCycleBodySchema,
  CreateSystemBodySchema,
  Cycle,
  IndicatorBasis,
  IndicatorSystem,
  Measure,
  ResultDetail,
  ResultRow,
  SaveSystemBodySchema,
  SystemSummary,
} from '#contracts/assessment';
import { http } from '../../api/http.ts';

/** The bodies as the server reads them: defaults (subject, fromDefault) may be left out. */
export type NewSystem = z.input<typeof CreateSystemBodySchema>;
export type SaveSystem = z.input<typeof SaveSystemBodySchema>;
export type NewCycle = z.input<typeof CreateCycleBodySchema>;

export const assessmentKeys = {
  all: ['assessment'] as const,
  measures: ['assessment', 'measures'] as const,
  systems: (unitId: string) => ['assessment', 'systems', unitId] as const,
  system: (id: string) => ['assessment', 'system', id] as const,
  cycles: (unitId: string) => ['assessment', 'cycles', unitId] as const,
  cycle: (id: string) => ['assessment', 'cycle', id] as const,
  results: (cycleId: string) => ['assessment', 'results', cycleId] as const,
  result: (cycleId: string, subjectId: string) => ['assessment', 'result', cycleId, subjectId] as const,
  basis: (cycleId: string, subjectId: string, key: string) =>
    ['assessment', 'basis', cycleId, subjectId, key] as const,
};

const BASE = '/api/assessment';

// Reads ------------------------------------------------------------------------------------------------------------

export function useMeasures() {
  return useQuery({
    queryKey: assessmentKeys.measures,
    queryFn: ({ signal }) => http.get<Measure[]>(`${BASE}/measures`, undefined, signal),
    // The catalogue is what the modules registered at start-up: it does not change while the page is open.
    staleTime: Number.POSITIVE_INFINITY,
  });
}

export function useSystems(unitId: string | null) {
  return useQuery({
    queryKey: assessmentKeys.systems(unitId ?? ''),
    queryFn: ({ signal }) => http.get<SystemSummary[]>(`${BASE}/systems`, { unitId }, signal),
    enabled: !!unitId,
  });
}

export function useSystem(id: string | undefined) {
  return useQuery({
    queryKey: assessmentKeys.system(id ?? ''),
    queryFn: ({ signal }) => http.get<IndicatorSystem>(`${BASE}/systems/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCycles(unitId: string | null) {
  return useQuery({
    queryKey: assessmentKeys.cycles(unitId ?? ''),
    queryFn: ({ signal }) => http.get<Cycle[]>(`${BASE}/cycles`, { unitId }, signal),
    enabled: !!unitId,
  });
}

export function useCycle(id: string | undefined) {
  return useQuery({
    queryKey: assessmentKeys.cycle(id ?? ''),
    queryFn: ({ signal }) => http.get<Cycle>(`${BASE}/cycles/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useResults(cycleId: string | undefined) {
  return useQuery({
    queryKey: assessmentKeys.results(cycleId ?? ''),
    queryFn: ({ signal }) => http.get<ResultRow[]>(`${BASE}/cycles/${cycleId}/results`, undefined, signal),
    enabled: !!cycleId,
  });
}

export function useResult(cycleId: string | undefined, subjectId: string | undefined) {
  return useQuery({
    queryKey: assessmentKeys.result(cycleId ?? '', subjectId ?? ''),
    queryFn: ({ signal }) =>
      http.get<ResultDetail>(`${BASE}/cycles/${cycleId}/results/${subjectId}`, undefined, signal),
    enabled: !!cycleId && !!subjectId,
  });
}

/** The records behind one indicator's value (the drill-down's last step). */
export function useIndicatorBasis(cycleId: string, subjectId: string, key: string | null) {
  return useQuery({
    queryKey: assessmentKeys.basis(cycleId, subjectId, key ?? ''),
    queryFn: ({ signal }) =>
      http.get<IndicatorBasis>(
        `${BASE}/cycles/${cycleId}/results/${subjectId}/indicators/${encodeURIComponent(key ?? '')}`,
        undefined,
        signal,
      ),
    enabled: !!key,
  });
}

// Writes -----------------------------------------------------------------------------------------------------------

/**
 * Systems and cycles move together (a cycle locks the edition it uses; publishing offers it to cycles): after any
 * write all of the module's data is asked again. A write answering a whole system is shown at once.
 */
function useAssessmentMutation<V, R>(fn: (vars: V) => Promise<R>, onData?: (data: R) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => onData?.(data),
    onSettled: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all }),
  });
}

function useSystemMutation<V>(fn: (vars: V) => Promise<IndicatorSystem>) {
  const queryClient = useQueryClient();
  return useAssessmentMutation(fn, (system) =>
    queryClient.setQueryData(assessmentKeys.system(system.id), system),
  );
}

export const useCreateSystem = () =>
  useSystemMutation((body: NewSystem) => http.post<IndicatorSystem>(`${BASE}/systems`, body));
export const useSaveSystem = () =>
  useSystemMutation(({ id, body }: { id: string; body: SaveSystem }) =>
    http.patch<IndicatorSystem>(`${BASE}/systems/${id}`, body),
  );
export const usePublishSystem = () =>
  useSystemMutation(({ id, version }: { id: string; version: number }) =>
    http.post<IndicatorSystem>(`${BASE}/systems/${id}/publish`, { version }),
  );
/** A new edition of a published one, or (ownerUnitId) the organ's own copy of the work committee's. */
export const useDeriveSystem = () =>
  useSystemMutation(({ id, ownerUnitId }: { id: string; ownerUnitId?: string }) =>
    http.post<IndicatorSystem>(`${BASE}/systems/${id}/derive`, ownerUnitId ? { ownerUnitId } : {}),
  );

export const useCreateCycle = () =>
  useAssessmentMutation((body: NewCycle) => http.post<Cycle>(`${BASE}/cycles`, body));
export const useComputeCycle = () =>
  useAssessmentMutation((id: string) => http.post<Cycle>(`${BASE}/cycles/${id}/compute`, {}));
