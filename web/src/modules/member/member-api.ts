import {
  keepPreviousData,
  type QueryClient,
  queryOptions,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page } from '#contracts/common';
import type {
  CreateMemberBody,
  Member,
  MemberHistoryEntrySchema,
  MemberLeaveBodySchema,
  MemberNumbers,
  TransferMemberBodySchema,
  UpdateMemberBody,
} from '#contracts/member';
import { http, type QueryParams, staleCurrent } from '../../api/http.ts';
import { orgKeys } from '../org/org-api.ts';
import { filtersFromParams, listQuery } from './member-filters.ts';

export type MemberHistoryEntry = z.infer<typeof MemberHistoryEntrySchema>;
type TransferBody = z.input<typeof TransferMemberBodySchema>;
type LeaveBody = z.input<typeof MemberLeaveBodySchema>;

export const memberKeys = {
  lists: ['members'] as const,
  list: (query: QueryParams) => ['members', query] as const,
  one: (id: string) => ['member', id] as const,
  history: (id: string) => ['member-history', id] as const,
};

const membersQuery = (query: QueryParams) =>
  queryOptions({
    queryKey: memberKeys.list(query),
    queryFn: ({ signal }) => http.get<Page<Member>>('/api/members', query, signal),
  });

export function useMembers(query: QueryParams) {
  return useQuery({ ...membersQuery(query), placeholderData: keepPreviousData });
}

/**
 * The list the member page will ask for at this address, asked for before the page's code has run: the page then
 * finds it in the cache instead of queuing it behind the organisation tree it also loads.
 */
export function prefetchMemberList(queryClient: QueryClient, params: URLSearchParams): Promise<void> {
  return queryClient.prefetchQuery(membersQuery(listQuery(filtersFromParams(params))));
}

export function useMember(id: string) {
  return useQuery({
    queryKey: memberKeys.one(id),
    queryFn: ({ signal }) => http.get<Member>(`/api/members/${id}`, undefined, signal),
  });
}

export function useMemberHistory(id: string) {
  return useQuery({
    queryKey: memberKeys.history(id),
    queryFn: ({ signal }) => http.get<MemberHistoryEntry[]>(`/api/members/${id}/history`, undefined, signal),
  });
}

function refreshMember(queryClient: QueryClient, id: string | undefined): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: memberKeys.lists }),
    // Member counts on the organisation tree follow every create, transfer and leave.
    queryClient.invalidateQueries({ queryKey: orgKeys.lists }),
    queryClient.invalidateQueries({ queryKey: ['party-org'] }),
    ...(id
      ? [
          queryClient.invalidateQueries({ queryKey: memberKeys.one(id) }),
          queryClient.invalidateQueries({ queryKey: memberKeys.history(id) }),
        ]
      : []),
  ]);
}

/**
 * After any write the lists refresh; on a stale-version refusal the fresh record from the answer is put in place
 * at once, so the next attempt carries the current version.
 */
function useMemberMutation<V extends { id?: string }, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (_data, vars) => refreshMember(queryClient, vars.id),
    onError: (err, vars) => {
      const fresh = staleCurrent<Member>(err);
      if (fresh && vars.id) queryClient.setQueryData(memberKeys.one(vars.id), fresh);
      if (vars.id) void refreshMember(queryClient, vars.id);
    },
  });
}

export function useCreateMember() {
  return useMemberMutation((vars: { id?: undefined; body: CreateMemberBody }) =>
    http.post<Member>('/api/members', vars.body),
  );
}

export function useUpdateMember() {
  return useMemberMutation((vars: { id: string; body: UpdateMemberBody }) =>
    http.patch<Member>(`/api/members/${vars.id}`, vars.body),
  );
}

export function useTransferMember() {
  return useMemberMutation(({ id, ...body }: { id: string } & TransferBody) =>
    http.post<Member>(`/api/members/${id}/transfer`, body),
  );
}

export function useLeaveMember() {
  return useMemberMutation(({ id, ...body }: { id: string } & LeaveBody) =>
    http.post<Member>(`/api/members/${id}/leave`, body),
  );
}

/**
 * Reveals one member's numbers (audited on the server). The answer is kept by the caller's component only, never
 * in the query cache, so that the full numbers leave the screen with it.
 */
export function useRevealNumbers() {
  return useMutation({
    mutationFn: (id: string) => http.post<MemberNumbers>(`/api/members/${id}/reveal`),
  });
}
