import {
  keepPreviousData,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CreateDepartmentBodySchema,
  CreatePartyOrgBody,
  Department,
  PartyOrg,
  PartyOrgEventSchema,
  Unit,
  UpdateDepartmentBodySchema,
  UpdatePartyOrgBody,
} from '#contracts/org';
import { http } from '../../api/http.ts';

export type PartyOrgEvent = z.infer<typeof PartyOrgEventSchema>;
export type CreateDepartmentBody = z.input<typeof CreateDepartmentBodySchema>;
export type UpdateDepartmentBody = z.input<typeof UpdateDepartmentBodySchema>;

export const orgKeys = {
  lists: ['party-orgs'] as const,
  list: (includeClosed: boolean) => ['party-orgs', { includeClosed }] as const,
  one: (id: string) => ['party-org', id] as const,
  events: (id: string) => ['party-org-events', id] as const,
  units: ['units'] as const,
  departments: (unitId: string | null | undefined) => ['departments', unitId ?? 'all'] as const,
};

export function usePartyOrgs(includeClosed = false) {
  return useQuery({
    queryKey: orgKeys.list(includeClosed),
    queryFn: ({ signal }) =>
      http.get<PartyOrg[]>('/api/party-orgs', { includeClosed: includeClosed ? 'true' : 'false' }, signal),
    placeholderData: keepPreviousData,
  });
}

export function usePartyOrg(id: string | null) {
  return useQuery({
    queryKey: orgKeys.one(id ?? ''),
    queryFn: ({ signal }) => http.get<PartyOrg>(`/api/party-orgs/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function usePartyOrgEvents(id: string | null) {
  return useQuery({
    queryKey: orgKeys.events(id ?? ''),
    queryFn: ({ signal }) => http.get<PartyOrgEvent[]>(`/api/party-orgs/${id}/events`, undefined, signal),
    enabled: !!id,
  });
}

export function useUnits() {
  return useQuery({
    queryKey: orgKeys.units,
    queryFn: ({ signal }) => http.get<Unit[]>('/api/units', undefined, signal),
    staleTime: 5 * 60_000,
  });
}

/** Without a unit: every department the user may see. */
export function useDepartments(unitId?: string | null, enabled = true) {
  return useQuery({
    queryKey: orgKeys.departments(unitId),
    queryFn: ({ signal }) =>
      http.get<Department[]>('/api/departments', { unitId: unitId ?? undefined }, signal),
    enabled,
    staleTime: 60_000,
  });
}

/** Organisation changes ripple: counts, links to departments and history all move together. */
export function invalidateOrgData(queryClient: QueryClient, id?: string): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: orgKeys.lists }),
    queryClient.invalidateQueries({ queryKey: ['departments'] }),
    ...(id
      ? [
          queryClient.invalidateQueries({ queryKey: orgKeys.one(id) }),
          queryClient.invalidateQueries({ queryKey: orgKeys.events(id) }),
        ]
      : []),
  ]);
}

function useOrgMutation<V, R>(fn: (vars: V) => Promise<R>, idOf: (vars: V) => string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (_data, vars) => invalidateOrgData(queryClient, idOf(vars)),
  });
}

export function useCreateOrg() {
  return useOrgMutation(
    (body: CreatePartyOrgBody) => http.post<PartyOrg>('/api/party-orgs', body),
    () => undefined,
  );
}

export function useUpdateOrg() {
  return useOrgMutation(
    ({ id, body }: { id: string; body: UpdatePartyOrgBody }) =>
      http.patch<PartyOrg>(`/api/party-orgs/${id}`, body),
    (v) => v.id,
  );
}

export function useMoveOrg() {
  return useOrgMutation(
    ({ id, newParentId, version }: { id: string; newParentId: string; version: number }) =>
      http.post<PartyOrg>(`/api/party-orgs/${id}/move`, { newParentId, version }),
    (v) => v.id,
  );
}

export function useCloseOrg() {
  return useOrgMutation(
    ({ id, ...body }: { id: string; closedOn: string; reason: string; version: number }) =>
      http.post<PartyOrg>(`/api/party-orgs/${id}/close`, body),
    (v) => v.id,
  );
}

export function useReopenOrg() {
  return useOrgMutation(
    ({ id, version }: { id: string; version: number }) =>
      http.post<PartyOrg>(`/api/party-orgs/${id}/reopen`, { version }),
    (v) => v.id,
  );
}

export function useSaveDepartment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (
      vars: { id: null; body: CreateDepartmentBody } | { id: string; body: UpdateDepartmentBody },
    ): Promise<Department> =>
      vars.id === null
        ? http.post<Department>('/api/departments', vars.body)
        : http.patch<Department>(`/api/departments/${vars.id}`, vars.body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['departments'] }),
  });
}

/** Tree order: the configured sort order, then the code. */
export function compareOrgs(a: { sortOrder: number; code: string }, b: { sortOrder: number; code: string }) {
  return a.sortOrder - b.sortOrder || a.code.localeCompare(b.code);
}
