import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { http } from '../../api/http.ts';
import type { TemporaryMember } from './temporary-logic.ts';

// The members a temporary Party organisation draws from their home branches (issue 10.8): read by whoever reads
// its branch work, set by whoever keeps the organisation tree (org.write).

export const temporaryKeys = {
  members: (id: string) => ['branch', 'temporary', id, 'members'] as const,
};

export function useTemporaryMembers(partyOrgId: string) {
  return useQuery({
    queryKey: temporaryKeys.members(partyOrgId),
    queryFn: ({ signal }) =>
      http.get<TemporaryMember[]>(`/api/branch/temporary-orgs/${partyOrgId}/members`, undefined, signal),
  });
}

export function useSetTemporaryMembers(partyOrgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (memberIds: string[]) =>
      http.put<TemporaryMember[]>(`/api/branch/temporary-orgs/${partyOrgId}/members`, { memberIds }),
    onSuccess: (members) => qc.setQueryData(temporaryKeys.members(partyOrgId), members),
    // Rosters of the organisation's meetings and its members' counts change with it.
    onSettled: () => qc.invalidateQueries({ queryKey: ['branch'] }),
  });
}
