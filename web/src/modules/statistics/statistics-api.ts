import { useQuery } from '@tanstack/react-query';
import type { PartyStatistics } from '#contracts/statistics';
import { downloadFile, http } from '../../api/http.ts';

export function useStatistics(partyOrgId: string | null, asOf: string | null) {
  return useQuery({
    queryKey: ['statistics', partyOrgId, asOf],
    queryFn: ({ signal }) => http.get<PartyStatistics>('/api/statistics', { partyOrgId, asOf }, signal),
    enabled: !!partyOrgId,
  });
}

export function downloadStatistics(partyOrgId: string, asOf: string | null) {
  return downloadFile('/api/statistics/export', { partyOrgId, asOf }, '党内统计.xlsx');
}
