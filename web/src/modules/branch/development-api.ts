import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateDevelopmentBody,
  DevelopmentPerson,
  DevelopmentStage,
  PatchDevelopmentBody,
} from '#contracts/branch-development';
import { http } from '../../api/http.ts';

// 发展党员 (issue 10 point 4): the register of a branch, one person, entering a person and moving them on.

export const developmentKeys = {
  all: ['branch', 'development'] as const,
  list: (partyOrgId: string, stage: DevelopmentStage | null) =>
    ['branch', 'development', 'list', partyOrgId, stage ?? 'all'] as const,
};

export function useDevelopmentList(partyOrgId: string | null, stage: DevelopmentStage | null) {
  return useQuery({
    queryKey: developmentKeys.list(partyOrgId ?? '', stage),
    queryFn: ({ signal }) =>
      http.get<DevelopmentPerson[]>('/api/branch/development', { partyOrgId, stage }, signal),
    enabled: !!partyOrgId,
  });
}

function useDevelopmentWrite<A>(fn: (a: A) => Promise<DevelopmentPerson>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: developmentKeys.all }),
  });
}

export const useCreateDevelopment = () =>
  useDevelopmentWrite((body: CreateDevelopmentBody) =>
    http.post<DevelopmentPerson>('/api/branch/development', body),
  );
export const usePatchDevelopment = () =>
  useDevelopmentWrite(({ id, body }: { id: string; body: PatchDevelopmentBody }) =>
    http.patch<DevelopmentPerson>(`/api/branch/development/${encodeURIComponent(id)}`, body),
  );
