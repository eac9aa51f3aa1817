import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  CreateDuesBaseBody,
  DuesArrears,
  DuesBase,
  DuesImportResult,
  DuesLedger,
  DuesPayment,
  MemberDues,
  PatchDuesBaseBody,
  RecordPaymentBody,
} from '#contracts/branch-dues';
import { downloadFile, HttpError, http } from '../../api/http.ts';

// 党费 (issue 10 point 4): a branch's ledger of a year, a member's year, bases and payments, the payroll import and
// the ledger's download, and one's own dues.

export const duesKeys = {
  all: ['branch', 'dues'] as const,
  ledger: (partyOrgId: string, year: number) => ['branch', 'dues', 'ledger', partyOrgId, year] as const,
  arrears: (partyOrgId: string, year: number) => ['branch', 'dues', 'arrears', partyOrgId, year] as const,
  member: (id: string, year: number) => ['branch', 'dues', 'member', id, year] as const,
  mine: (year: number) => ['branch', 'dues', 'mine', year] as const,
};

export function useDuesLedger(partyOrgId: string | null, year: number) {
  return useQuery({
    queryKey: duesKeys.ledger(partyOrgId ?? '', year),
    queryFn: ({ signal }) => http.get<DuesLedger>('/api/branch/dues', { partyOrgId, year }, signal),
    enabled: !!partyOrgId,
    placeholderData: keepPreviousData,
  });
}

export function useDuesArrears(partyOrgId: string | null, year: number, enabled: boolean) {
  return useQuery({
    queryKey: duesKeys.arrears(partyOrgId ?? '', year),
    queryFn: ({ signal }) => http.get<DuesArrears>('/api/branch/dues/arrears', { partyOrgId, year }, signal),
    enabled: enabled && !!partyOrgId,
  });
}

export function useMemberDues(memberId: string | null, year: number) {
  return useQuery({
    queryKey: duesKeys.member(memberId ?? '', year),
    queryFn: ({ signal }) =>
      http.get<MemberDues>(
        `/api/branch/dues/members/${encodeURIComponent(memberId ?? '')}`,
        { year },
        signal,
      ),
    enabled: !!memberId,
  });
}

export function useMyDues(year: number) {
  return useQuery({
    queryKey: duesKeys.mine(year),
    queryFn: ({ signal }) => http.get<MemberDues>('/api/me/dues', { year }, signal),
    placeholderData: keepPreviousData,
  });
}

/** Every dues query of the page is asked again after a write: a payment changes the grid, the totals and the year. */
function useDuesWrite<A, R>(fn: (a: A) => Promise<R>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: duesKeys.all }),
  });
}

export const useCreateBase = () =>
  useDuesWrite((body: CreateDuesBaseBody) => http.post<DuesBase>('/api/branch/dues/bases', body));
export const usePatchBase = () =>
  useDuesWrite(({ id, body }: { id: string; body: PatchDuesBaseBody }) =>
    http.patch<DuesBase>(`/api/branch/dues/bases/${encodeURIComponent(id)}`, body),
  );
export const useRecordPayment = () =>
  useDuesWrite((body: RecordPaymentBody) => http.post<DuesPayment>('/api/branch/dues/payments', body));
export const useVoidPayment = () =>
  useDuesWrite(({ id, reason, version }: { id: string; reason: string; version: number }) =>
    http.post<DuesPayment>(`/api/branch/dues/payments/${encodeURIComponent(id)}/void`, { reason, version }),
  );

export function importPayroll(partyOrgId: string, file: Blob, fileName: string): Promise<DuesImportResult> {
  const data = new FormData();
  data.append('file', file, fileName);
  return http.upload<DuesImportResult>(
    `/api/branch/dues/import?partyOrgId=${encodeURIComponent(partyOrgId)}`,
    data,
  );
}

export const downloadLedger = (partyOrgId: string, year: number) =>
  downloadFile('/api/branch/dues/export', { partyOrgId, year }, '党费收缴台账.xlsx');
export const downloadPayrollTemplate = () =>
  downloadFile('/api/branch/dues/template', undefined, '党费导入模板.xlsx');
export const downloadReport = (token: string) =>
  downloadFile(`/api/import-reports/${encodeURIComponent(token)}`, undefined, '党费导入问题报告.xlsx');

export type RefusedPayroll = {
  issues: { row: number; column: string; reason: string }[];
  total: number;
  reportToken: string | null;
};

/** The problems of a refused payroll import, or null when the error is something else. */
export function refusedPayroll(err: unknown): RefusedPayroll | null {
  if (!(err instanceof HttpError) || err.code !== 'dues.import_invalid') return null;
  const d = err.details as { issues?: unknown; total?: unknown; reportToken?: unknown } | null | undefined;
  const issues = Array.isArray(d?.issues) ? (d.issues as RefusedPayroll['issues']) : [];
  return {
    issues,
    total: typeof d?.total === 'number' ? d.total : issues.length,
    reportToken: typeof d?.reportToken === 'string' ? d.reportToken : null,
  };
}

/** Yuan typed in a form → fen; null when not a sum of money with at most two decimals. */
export function fenOf(yuanText: string | number | null | undefined): number | null {
  if (yuanText === null || yuanText === undefined || yuanText === '') return null;
  const n = Number(yuanText);
  if (!Number.isFinite(n) || n < 0) return null;
  const fen = Math.round(n * 100);
  return Math.abs(n * 100 - fen) > 1e-6 ? null : fen;
}

export { chinaMonth } from '../../components/dates.ts';
