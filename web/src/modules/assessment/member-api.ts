// A member's own results of member cycles (issue 12 point 4): their rows, ranked within their branch, and each explained.
import { useQuery } from '@tanstack/react-query';
import type { MyResult, ResultDetail } from '#contracts/assessment';
import { downloadFile, http } from '../../api/http.ts';

const keys = {
  all: ['me', 'assessments'] as const,
  one: (id: string) => ['me', 'assessments', id] as const,
};

export function useMyResults() {
  return useQuery({
    queryKey: keys.all,
    queryFn: ({ signal }) => http.get<MyResult[]>('/api/me/assessments', undefined, signal),
  });
}

export function useMyResult(cycleId: string | undefined) {
  return useQuery({
    queryKey: keys.one(cycleId ?? ''),
    queryFn: ({ signal }) => http.get<ResultDetail>(`/api/me/assessments/${cycleId}`, undefined, signal),
    enabled: !!cycleId,
  });
}

/** One member's record for cadre selection (干部选任): their half-years and signed 述评, as a workbook. */
export const downloadMemberRecord = (memberId: string, name: string) =>
  downloadFile(`/api/assessment/members/${memberId}/record.xlsx`, undefined, `${name}-考核记录.xlsx`);
