import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '#contracts/common';
// Types only: the bell is in the layout on every page, and must not bring zod and the schemas with it.
import type { Count, Notification } from '#contracts/notification';
import { http } from '../../api/http.ts';

export type NotificationFilter = 'all' | 'unread' | 'read';

const keys = {
  all: ['me', 'notifications'] as const,
  count: ['me', 'notifications', 'unread-count'] as const,
  list: (filter: NotificationFilter, page: number, pageSize: number) =>
    ['me', 'notifications', 'list', filter, page, pageSize] as const,
};

/** How often the bell asks again: digests come once a morning, so a minute is prompt enough and cheap. */
export const UNREAD_POLL_MS = 60_000;

/** The unread count, shared by the bell and the workbench card (one request for both). */
export function useUnreadCount(enabled = true) {
  return useQuery({
    queryKey: keys.count,
    queryFn: ({ signal }) => http.get<Count>('/api/me/notifications/unread-count', undefined, signal),
    enabled,
    refetchInterval: UNREAD_POLL_MS,
    staleTime: UNREAD_POLL_MS / 2,
  });
}

export function useNotifications(filter: NotificationFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: keys.list(filter, page, pageSize),
    queryFn: ({ signal }) =>
      http.get<Page<Notification>>(
        '/api/me/notifications',
        { unread: filter === 'all' ? undefined : filter === 'unread', page, pageSize },
        signal,
      ),
    placeholderData: keepPreviousData,
  });
}

/** After a change the list and the count are asked again (the bell too, wherever it is). */
function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: keys.all });
}

export function useMarkRead() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (id: string) => http.post<Notification>(`/api/me/notifications/${id}/read`),
    onSuccess: invalidate,
  });
}

export function useMarkAllRead() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: () => http.post<Count>('/api/me/notifications/read-all'),
    onSuccess: invalidate,
  });
}
