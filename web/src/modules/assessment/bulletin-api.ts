// Quarterly bulletins (issue 12 point 6), the calls of every route: the organ's list, one bulletin (a draft read live,
// a published one frozen), drafting from a cycle, editing, publishing, the share key, the downloads, and the page a
// share link opens. Types only from the contracts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Bulletin,
  BulletinSummary,
  PatchBulletinBodySchema,
  SharedBulletin,
} from '#contracts/assessment-bulletin';
import { downloadFile, http, request } from '../../api/http.ts';

export type BulletinPatch = z.input<typeof PatchBulletinBodySchema>;

export const bulletinKeys = {
  all: ['assessment', 'bulletins'] as const,
  list: (unitId: string) => ['assessment', 'bulletins', 'list', unitId] as const,
  one: (id: string) => ['assessment', 'bulletins', 'one', id] as const,
  shared: (key: string) => ['assessment', 'bulletins', 'shared', key] as const,
};

const BASE = '/api/assessment/bulletins';

export function useBulletins(unitId: string | null) {
  return useQuery({
    queryKey: bulletinKeys.list(unitId ?? ''),
    queryFn: ({ signal }) => http.get<BulletinSummary[]>(BASE, { unitId }, signal),
    enabled: !!unitId,
  });
}

export function useBulletin(id: string | undefined) {
  return useQuery({
    queryKey: bulletinKeys.one(id ?? ''),
    queryFn: ({ signal }) => http.get<Bulletin>(`${BASE}/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useSharedBulletin(key: string | undefined) {
  return useQuery({
    queryKey: bulletinKeys.shared(key ?? ''),
    queryFn: ({ signal }) => http.get<SharedBulletin>(`${BASE}/shared/${key}`, undefined, signal),
    enabled: !!key,
    retry: false,
  });
}

/** A write answering the whole bulletin is shown at once; the lists are asked again. */
function useBulletinMutation<V>(fn: (vars: V) => Promise<Bulletin>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (b) => queryClient.setQueryData(bulletinKeys.one(b.id), b),
    onSettled: () => queryClient.invalidateQueries({ queryKey: bulletinKeys.all }),
  });
}

export const useCreateBulletin = () =>
  useBulletinMutation((cycleId: string) => http.post<Bulletin>(BASE, { cycleId }));
export const usePatchBulletin = () =>
  useBulletinMutation(({ id, body }: { id: string; body: BulletinPatch }) =>
    http.patch<Bulletin>(`${BASE}/${id}`, body),
  );
export const usePublishBulletin = () =>
  useBulletinMutation(({ id, version }: { id: string; version: number }) =>
    http.post<Bulletin>(`${BASE}/${id}/publish`, { version }),
  );

/** A new share key (renew) or none (revoke); the bulletin is asked again for the key it now has. */
export function useShareBulletin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, renew }: { id: string; renew: boolean }) =>
      renew
        ? http.post<{ shareKey: string | null }>(`${BASE}/${id}/share`, {})
        : request<{ shareKey: string | null }>('DELETE', `${BASE}/${id}/share`),
    onSettled: () => queryClient.invalidateQueries({ queryKey: bulletinKeys.all }),
  });
}

export const downloadBulletin = (id: string, kind: 'docx' | 'xlsx', title: string) =>
  downloadFile(`${BASE}/${id}/${kind}`, undefined, `${title}.${kind}`);
