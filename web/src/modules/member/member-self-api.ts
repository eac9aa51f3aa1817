import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Correction, CreateCorrectionBody, ResolveCorrectionBody } from '#contracts/correction';
import type { Member } from '#contracts/member';
import { http } from '../../api/http.ts';
import type { MemberHistoryEntry } from './member-api.ts';

const keys = {
  own: ['me', 'member'] as const,
  ownHistory: ['me', 'member', 'history'] as const,
  ownCorrections: ['me', 'corrections'] as const,
  tasks: ['corrections'] as const,
};

export function useOwnMember() {
  return useQuery({
    queryKey: keys.own,
    queryFn: ({ signal }) => http.get<Member>('/api/me/member', undefined, signal),
  });
}

export function useOwnHistory() {
  return useQuery({
    queryKey: keys.ownHistory,
    queryFn: ({ signal }) => http.get<MemberHistoryEntry[]>('/api/me/member/history', undefined, signal),
  });
}

export function useOwnCorrections() {
  return useQuery({
    queryKey: keys.ownCorrections,
    queryFn: ({ signal }) => http.get<Correction[]>('/api/me/corrections', undefined, signal),
  });
}

export function useRequestCorrection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCorrectionBody) => http.post<Correction>('/api/me/corrections', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.ownCorrections }),
  });
}

export function useCorrectionTasks(enabled: boolean) {
  return useQuery({
    queryKey: keys.tasks,
    queryFn: ({ signal }) => http.get<Correction[]>('/api/corrections', { status: 'open' }, signal),
    enabled,
  });
}

export function useResolveCorrection() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & ResolveCorrectionBody) =>
      http.post<Correction>(`/api/corrections/${id}/resolve`, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: keys.tasks }),
  });
}
