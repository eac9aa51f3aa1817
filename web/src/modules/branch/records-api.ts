import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
// Types only: the workbench cards use this file on the home page, which must not bring zod and the schemas with it.
import type { Attachment } from '#contracts/attachment';
import type {
  BranchRecord,
  BranchRecordKind,
  CreateRecordBody,
  Prefill,
  RecordSummary,
  UpdateRecordBody,
} from '#contracts/branch';
import type { Page } from '#contracts/common';
import { http, request } from '../../api/http.ts';
import { uploadAttachment } from '../attachment/attachment-api.ts';

// Branch work records (issue 10): the list and calendar, one record, the form's prefill, the organ's theme day, and
// the photos a record carries (module attachment, owner kind 'branch.record').

export const RECORD_OWNER_KIND = 'branch.record';

export type RecordFilters = {
  partyOrgId?: string | undefined;
  kind?: BranchRecordKind | undefined;
  status?: 'planned' | 'held' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  page?: number;
  pageSize?: number;
};

export const recordKeys = {
  all: ['branch', 'records'] as const,
  list: (filters: RecordFilters) => ['branch', 'records', 'list', filters] as const,
  one: (id: string) => ['branch', 'records', 'one', id] as const,
  prefill: (partyOrgId: string, kind: BranchRecordKind, on: string) =>
    ['branch', 'records', 'prefill', partyOrgId, kind, on] as const,
  settings: (partyOrgId: string) => ['branch', 'settings', partyOrgId] as const,
};

export function useRecordList(filters: RecordFilters, enabled = true) {
  return useQuery({
    queryKey: recordKeys.list(filters),
    queryFn: ({ signal }) => http.get<Page<RecordSummary>>('/api/branch/records', { ...filters }, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useRecord(id: string | undefined) {
  return useQuery({
    queryKey: recordKeys.one(id ?? ''),
    queryFn: ({ signal }) => http.get<BranchRecord>(`/api/branch/records/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function usePrefill(partyOrgId: string | null, kind: BranchRecordKind, on: string, enabled: boolean) {
  return useQuery({
    queryKey: recordKeys.prefill(partyOrgId ?? '', kind, on),
    queryFn: ({ signal }) =>
      http.get<Prefill>('/api/branch/records/prefill', { partyOrgId, kind, on }, signal),
    enabled: enabled && !!partyOrgId,
    staleTime: 5 * 60_000,
    // No connection: the form goes on with what it has, and the draft is sent later.
    retry: false,
  });
}

export type BranchSetting = { themeDayOfMonth: number; version: number };

export function useBranchSetting(partyOrgId: string | null) {
  return useQuery({
    queryKey: recordKeys.settings(partyOrgId ?? ''),
    queryFn: ({ signal }) => http.get<BranchSetting>('/api/branch/settings', { partyOrgId }, signal),
    enabled: !!partyOrgId,
  });
}

export function useSaveBranchSetting(partyOrgId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: BranchSetting) =>
      request<BranchSetting>('PUT', '/api/branch/settings', { query: { partyOrgId }, body }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['branch'] }),
  });
}

export function createRecord(body: CreateRecordBody): Promise<BranchRecord> {
  return http.post<BranchRecord>('/api/branch/records', body);
}

export function useUpdateRecord() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateRecordBody }) =>
      http.patch<BranchRecord>(`/api/branch/records/${id}`, body),
    onSuccess: (record) => qc.setQueryData(recordKeys.one(record.id), record),
    onSettled: () => qc.invalidateQueries({ queryKey: recordKeys.all }),
  });
}

export function useDeleteRecord() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, version }: { id: string; version: number }) =>
      request<void>('DELETE', `/api/branch/records/${id}`, { query: { version } }),
    onSettled: () => qc.invalidateQueries({ queryKey: recordKeys.all }),
  });
}

/**
 * One photo onto a record (module attachment's upload: the owner's fields before the file), under the draft's key
 * for the photo: sent again after a lost answer, it is the same file.
 */
export function uploadRecordPhoto(
  recordId: string,
  photo: { blob: Blob; name: string; id: string },
): Promise<Attachment> {
  return uploadAttachment({
    ownerKind: RECORD_OWNER_KIND,
    ownerId: recordId,
    file: photo.blob,
    fileName: photo.name,
    clientKey: photo.id,
  });
}
