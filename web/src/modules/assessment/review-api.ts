// Members' 述评 dossiers (issue 12 point 4), the calls of every route: a branch's half-year, assembling it, one
// dossier and its steps (评语 and grade, submit, sign, show), the downloads, and the member's own. Types only from the
// contracts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  BranchReviews,
  MyReview,
  PatchReviewBody,
  Review,
  StatementBody,
} from '#contracts/assessment-review';
import { downloadFile, http } from '../../api/http.ts';

export const reviewKeys = {
  all: ['assessment', 'reviews'] as const,
  branch: (branchId: string, halfYear: string) =>
    ['assessment', 'reviews', 'branch', branchId, halfYear] as const,
  one: (id: string) => ['assessment', 'reviews', 'one', id] as const,
  mine: ['assessment', 'reviews', 'mine'] as const,
  myOne: (id: string) => ['assessment', 'reviews', 'mine', id] as const,
};

const BASE = '/api/assessment/reviews';

export function useBranchReviews(branchId: string | null, halfYear: string) {
  return useQuery({
    queryKey: reviewKeys.branch(branchId ?? '', halfYear),
    queryFn: ({ signal }) => http.get<BranchReviews>(BASE, { branchId, halfYear }, signal),
    enabled: !!branchId,
  });
}

export function useAssembleReviews() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (q: { branchId: string; halfYear: string }) =>
      http.post<BranchReviews>(`${BASE}/assemble`, q),
    onSuccess: (list) => queryClient.setQueryData(reviewKeys.branch(list.branchId, list.halfYear), list),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}

export function useReview(id: string | undefined) {
  return useQuery({
    queryKey: reviewKeys.one(id ?? ''),
    queryFn: ({ signal }) => http.get<Review>(`${BASE}/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** A write answering the whole dossier is shown at once; the lists are asked again. */
function useReviewMutation<V>(fn: (vars: V) => Promise<Review>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => queryClient.setQueryData(reviewKeys.one(r.id), r),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
  });
}

export const usePatchReview = () =>
  useReviewMutation(({ id, body }: { id: string; body: PatchReviewBody }) =>
    http.patch<Review>(`${BASE}/${id}`, body),
  );
export const useReviewStep = () =>
  useReviewMutation(
    ({ id, step, version }: { id: string; step: 'submit' | 'sign' | 'show'; version: number }) =>
      http.post<Review>(`${BASE}/${id}/${step}`, { version }),
  );

export const downloadReviewDocx = (r: Pick<Review, 'id' | 'memberName' | 'halfYear'>) =>
  downloadFile(`${BASE}/${r.id}/docx`, undefined, `${r.memberName}${r.halfYear}述评.docx`);
export const downloadBranchReviews = (branchId: string, halfYear: string) =>
  downloadFile(`${BASE}/xlsx`, { branchId, halfYear }, `述评${halfYear}.xlsx`);

export function useMyReviews() {
  return useQuery({
    queryKey: reviewKeys.mine,
    queryFn: ({ signal }) => http.get<MyReview[]>('/api/me/reviews', undefined, signal),
  });
}

export function useMyReview(id: string | undefined) {
  return useQuery({
    queryKey: reviewKeys.myOne(id ?? ''),
    queryFn: ({ signal }) => http.get<Review>(`/api/me/reviews/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useSaveStatement() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: StatementBody }) =>
      http.put<MyReview>(`/api/me/reviews/${id}/statement`, body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: reviewKeys.mine }),
  });
}
