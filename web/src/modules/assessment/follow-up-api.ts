// Follow-ups below a cycle's rule (issue 12 point 7), the calls of every route: the preview with the rule, setting
// the rule, opening the items, and closing the cycle. Types only from the contracts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Cycle } from '#contracts/assessment';
import type { CycleFollowUps, FollowUpRuleBody, OpenFollowUpsResult } from '#contracts/assessment-follow-up';
import { http } from '../../api/http.ts';
import { assessmentKeys } from './assessment-api.ts';

export const followUpKeys = {
  one: (cycleId: string) => ['assessment', 'follow-ups', cycleId] as const,
};

const url = (cycleId: string) => `/api/assessment/cycles/${cycleId}`;

export function useFollowUps(cycleId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: followUpKeys.one(cycleId ?? ''),
    queryFn: ({ signal }) => http.get<CycleFollowUps>(`${url(cycleId ?? '')}/follow-ups`, undefined, signal),
    enabled: !!cycleId && enabled,
  });
}

/** The results rows carry the follow-ups: after any write the module's data is asked again. */
function useFollowUpMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all }),
  });
}

export const useSetFollowUpRule = () =>
  useFollowUpMutation(({ cycleId, body }: { cycleId: string; body: FollowUpRuleBody }) =>
    http.put<CycleFollowUps>(`${url(cycleId)}/follow-up-rule`, body),
  );
export const useOpenFollowUps = () =>
  useFollowUpMutation((cycleId: string) => http.post<OpenFollowUpsResult>(`${url(cycleId)}/follow-ups`, {}));
export const useCloseCycle = () =>
  useFollowUpMutation(({ cycleId, version }: { cycleId: string; version: number }) =>
    http.post<Cycle>(`${url(cycleId)}/close`, { version }),
  );
