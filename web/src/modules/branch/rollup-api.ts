import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { BurdenMeter, ObligationRollup, StudyHours } from '#contracts/branch-rollup';
import { http } from '../../api/http.ts';

// The officers' views over a year of branch records (issue 10.5, 10.6): the obligations roll-up, the burden meter
// and the members' study time, each for the branches at or under one organisation.

export const rollupKeys = {
  obligations: (partyOrgId: string, year: number) =>
    ['branch', 'rollup', 'obligations', partyOrgId, year] as const,
  burden: (partyOrgId: string, year: number) => ['branch', 'rollup', 'burden', partyOrgId, year] as const,
  studyHours: (partyOrgId: string, year: number) =>
    ['branch', 'rollup', 'study-hours', partyOrgId, year] as const,
};

export function useObligationRollup(partyOrgId: string | null, year: number) {
  return useQuery({
    queryKey: rollupKeys.obligations(partyOrgId ?? '', year),
    queryFn: ({ signal }) =>
      http.get<ObligationRollup>('/api/branch/obligations', { partyOrgId, year }, signal),
    enabled: !!partyOrgId,
    placeholderData: keepPreviousData,
  });
}

export function useBurdenMeter(partyOrgId: string | null, year: number) {
  return useQuery({
    queryKey: rollupKeys.burden(partyOrgId ?? '', year),
    queryFn: ({ signal }) => http.get<BurdenMeter>('/api/branch/burden', { partyOrgId, year }, signal),
    enabled: !!partyOrgId,
    placeholderData: keepPreviousData,
  });
}

export function useStudyHours(partyOrgId: string | null, year: number) {
  return useQuery({
    queryKey: rollupKeys.studyHours(partyOrgId ?? '', year),
    queryFn: ({ signal }) => http.get<StudyHours>('/api/branch/study-hours', { partyOrgId, year }, signal),
    enabled: !!partyOrgId,
    placeholderData: keepPreviousData,
  });
}
