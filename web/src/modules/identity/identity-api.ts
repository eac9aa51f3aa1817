import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Page } from '#contracts/common';
import type {
  CreateUserBody,
  InitialPasswordSchema,
  LockoutSchema,
  SecurityPolicySchema,
  SetRolesBody,
  User,
} from '#contracts/identity';
import { http } from '../../api/http.ts';

export type InitialPassword = z.infer<typeof InitialPasswordSchema>;
export type Lockout = z.infer<typeof LockoutSchema>;
export type SecurityPolicy = z.infer<typeof SecurityPolicySchema>;
export type UserListParams = { page: number; pageSize: number; q?: string };

export function useUsers(params: UserListParams) {
  return useQuery({
    queryKey: ['users', params],
    queryFn: ({ signal }) => http.get<Page<User>>('/api/users', params, signal),
    placeholderData: keepPreviousData,
  });
}

function useUserMutation<V, R>(fn: (vars: V) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['users'] }),
  });
}

export function useCreateUser() {
  return useUserMutation((body: CreateUserBody) => http.post<InitialPassword>('/api/users', body));
}

export function useUpdateUser() {
  return useUserMutation(
    ({
      id,
      ...body
    }: {
      id: string;
      displayName?: string;
      status?: 'active' | 'disabled';
      version: number;
    }) => http.patch<User>(`/api/users/${id}`, body),
  );
}

export function useResetPassword() {
  return useUserMutation((id: string) => http.post<InitialPassword>(`/api/users/${id}/reset-password`));
}

export function useSetRoles() {
  return useUserMutation(({ id, body }: { id: string; body: SetRolesBody }) =>
    http.put<User>(`/api/users/${id}/roles`, body),
  );
}

export function useSecurityPolicy() {
  return useQuery({
    queryKey: ['security-policy'],
    queryFn: ({ signal }) => http.get<SecurityPolicy>('/api/security/policy', undefined, signal),
  });
}

export function useLockouts() {
  return useQuery({
    queryKey: ['lockouts'],
    queryFn: ({ signal }) => http.get<Lockout[]>('/api/security/lockouts', undefined, signal),
  });
}

export function useUnlock() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { kind: Lockout['kind']; key: string }) =>
      http.post<unknown>('/api/security/unlock', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['lockouts'] }),
  });
}
