import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Page } from '#contracts/common';
import type {
  CreateRobotChannel,
  DeliveryLogEntry,
  DeliveryPreferences,
  DeliveryStatus,
  PatchRobotChannel,
  PutDeliveryPreferences,
  RobotChannel,
  TestSendResult,
} from '#contracts/delivery';
import { http } from '../../api/http.ts';

const keys = {
  preferences: ['me', 'delivery-preferences'] as const,
  channels: ['delivery', 'channels'] as const,
  log: (status: DeliveryStatus | undefined, page: number) =>
    ['delivery', 'log', status ?? 'all', page] as const,
};

export function useDeliveryPreferences() {
  return useQuery({
    queryKey: keys.preferences,
    queryFn: ({ signal }) => http.get<DeliveryPreferences>('/api/me/delivery-preferences', undefined, signal),
  });
}

export function useSavePreferences() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PutDeliveryPreferences) =>
      http.put<DeliveryPreferences>('/api/me/delivery-preferences', body),
    onSuccess: (saved) => qc.setQueryData(keys.preferences, saved),
  });
}

export function useRobotChannels() {
  return useQuery({
    queryKey: keys.channels,
    queryFn: ({ signal }) => http.get<RobotChannel[]>('/api/delivery/channels', undefined, signal),
  });
}

function useInvalidateChannels() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ['delivery'] });
}

export function useCreateChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: (body: CreateRobotChannel) => http.post<RobotChannel>('/api/delivery/channels', body),
    onSuccess: invalidate,
  });
}

export function usePatchChannel() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PatchRobotChannel }) =>
      http.patch<RobotChannel>(`/api/delivery/channels/${id}`, body),
    onSuccess: invalidate,
  });
}

export function useTestChannel() {
  return useMutation({
    mutationFn: (id: string) => http.post<TestSendResult>(`/api/delivery/channels/${id}/test`),
  });
}

export function useDeliveryLog(status: DeliveryStatus | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: keys.log(status, page),
    queryFn: ({ signal }) =>
      http.get<Page<DeliveryLogEntry>>('/api/delivery/log', { status, page, pageSize }, signal),
  });
}

export function useRetryDelivery() {
  const invalidate = useInvalidateChannels();
  return useMutation({
    mutationFn: (id: string) => http.post<{ ok: true }>(`/api/delivery/log/${id}/retry`),
    onSuccess: invalidate,
  });
}
