// Rated indicators (issue 12 points 2 and 10), the calls of every rating route: the organiser's round on a cycle
// (set-up, raters by group, open, close, progress, reminders) and the rater's own forms. Types only from the
// contracts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AddRatersBodySchema,
  CreateRoundBodySchema,
  CycleRating,
  EditRoundBodySchema,
  MyRating,
  RaterCandidate,
  RatingAnswer,
  RatingForm,
  RatingProgress,
  RatingRound,
} from '#contracts/assessment-rating';
import { http } from '../../api/http.ts';

export type NewRound = z.input<typeof CreateRoundBodySchema>;
export type RoundEdit = z.input<typeof EditRoundBodySchema>;
export type NewRaters = z.input<typeof AddRatersBodySchema>;

export const ratingKeys = {
  all: ['assessment', 'rating'] as const,
  cycle: (cycleId: string) => ['assessment', 'rating', 'cycle', cycleId] as const,
  progress: (roundId: string) => ['assessment', 'rating', 'progress', roundId] as const,
  candidates: (roundId: string, q: string) => ['assessment', 'rating', 'candidates', roundId, q] as const,
  mine: ['assessment', 'rating', 'mine'] as const,
  form: (id: string) => ['assessment', 'rating', 'form', id] as const,
};

const BASE = '/api/assessment';

export function useCycleRating(cycleId: string | undefined) {
  return useQuery({
    queryKey: ratingKeys.cycle(cycleId ?? ''),
    queryFn: ({ signal }) => http.get<CycleRating>(`${BASE}/cycles/${cycleId}/rating`, undefined, signal),
    enabled: !!cycleId,
  });
}

export function useRatingProgress(roundId: string | undefined) {
  return useQuery({
    queryKey: ratingKeys.progress(roundId ?? ''),
    queryFn: ({ signal }) =>
      http.get<RatingProgress>(`${BASE}/rating-rounds/${roundId}/progress`, undefined, signal),
    enabled: !!roundId,
  });
}

export function useRaterCandidates(roundId: string | undefined, q: string) {
  return useQuery({
    queryKey: ratingKeys.candidates(roundId ?? '', q),
    queryFn: ({ signal }) =>
      http.get<RaterCandidate[]>(
        `${BASE}/rating-rounds/${roundId}/candidates`,
        q ? { q } : undefined,
        signal,
      ),
    enabled: !!roundId,
  });
}

export function useMyRatings() {
  return useQuery({
    queryKey: ratingKeys.mine,
    queryFn: ({ signal }) => http.get<MyRating[]>('/api/me/ratings', undefined, signal),
  });
}

export function useRatingForm(id: string | undefined) {
  return useQuery({
    queryKey: ratingKeys.form(id ?? ''),
    queryFn: ({ signal }) => http.get<RatingForm>(`/api/me/ratings/${id}`, undefined, signal),
    enabled: !!id,
  });
}

function useRatingMutation<V, T>(fn: (vars: V) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // A submission rescored the cycle: its results are stale too.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['assessment'] }),
  });
}

export const useCreateRound = (cycleId: string) =>
  useRatingMutation((body: NewRound) => http.post<RatingRound>(`${BASE}/cycles/${cycleId}/rating`, body));
export const useEditRound = () =>
  useRatingMutation(({ id, ...body }: RoundEdit & { id: string }) =>
    http.patch<RatingRound>(`${BASE}/rating-rounds/${id}`, body),
  );
export const useMoveRound = () =>
  useRatingMutation(({ id, to, version }: { id: string; to: 'open' | 'close'; version: number }) =>
    http.post<RatingRound>(`${BASE}/rating-rounds/${id}/${to}`, { version }),
  );
export const useAddRaters = (roundId: string) =>
  useRatingMutation((body: NewRaters) =>
    http.post<RatingProgress>(`${BASE}/rating-rounds/${roundId}/raters`, body),
  );
export const useRemindRaters = (roundId: string) =>
  useRatingMutation(() => http.post<{ reminded: number }>(`${BASE}/rating-rounds/${roundId}/remind`, {}));
export const useSaveRatingDraft = (id: string) =>
  useRatingMutation((answers: RatingAnswer[]) => http.put<RatingForm>(`/api/me/ratings/${id}`, { answers }));
export const useSubmitRating = (id: string) =>
  useRatingMutation((answers: RatingAnswer[]) =>
    http.post<RatingForm>(`/api/me/ratings/${id}/submit`, { answers }),
  );
