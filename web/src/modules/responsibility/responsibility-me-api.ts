import { type QueryClient, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
// Types only: the workbench cards use this file on the home page, which must not bring zod and the schemas with it.
import type { Appraisal, Grade, Handover } from '#contracts/handover';
import type { Exemption, ItemDetail, ProgressReport, ReportBody } from '#contracts/responsibility';
import type { MyDuties } from '#contracts/responsibility-me';
import { http } from '../../api/http.ts';

// The "me" side of the responsibility system: one's own duties, reports and evidence, the exemptions one approves,
// the handovers one takes over and the year-end reports one writes or grades. Officers' endpoints live elsewhere.

export type EvidenceFile = ProgressReport['files'][number];
/** What the report form sends: the schema's defaults (not done, no links, today) may be left out. */
export type ReportInput = Pick<ReportBody, 'progress' | 'note'> &
  Partial<Pick<ReportBody, 'done' | 'reportedOn' | 'links'>>;

const keys = {
  duties: ['me', 'duties'] as const,
  item: (id: string) => ['me', 'duties', 'item', id] as const,
  handovers: ['me', 'handovers'] as const,
  appraisals: ['me', 'appraisals'] as const,
};

const myDutiesQuery = queryOptions({
  queryKey: keys.duties,
  queryFn: ({ signal }) => http.get<MyDuties>('/api/me/duties', undefined, signal),
});

/** Shared by the page, its prefetch (ADR 21) and the workbench cards: one request serves all of them. */
export function useMyDuties() {
  return useQuery(myDutiesQuery);
}

export function prefetchMyDuties(queryClient: QueryClient): Promise<void> {
  return queryClient.prefetchQuery(myDutiesQuery);
}

export function useDutyDetail(itemId: string | undefined) {
  return useQuery({
    queryKey: keys.item(itemId ?? ''),
    queryFn: ({ signal }) => http.get<ItemDetail>(`/api/responsibility/items/${itemId}`, undefined, signal),
    enabled: !!itemId,
  });
}

/** After a report (and again once its files are in), the list, its counts, the detail and the workbench cards change. */
export function useRefreshDuties() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: keys.duties });
}

export function useReportProgress() {
  const refresh = useRefreshDuties();
  return useMutation({
    mutationFn: ({ periodId, body }: { periodId: string; body: ReportInput }) =>
      http.post<ProgressReport>(`/api/me/duties/${periodId}/reports`, body),
    onSettled: refresh,
  });
}

/** One file onto a report the actor wrote; each is its own request, so one refusal leaves the others in. */
export function uploadEvidence(reportId: string, file: Blob, fileName: string): Promise<EvidenceFile> {
  const form = new FormData();
  form.append('file', file, fileName);
  return http.upload<EvidenceFile>(`/api/responsibility/reports/${reportId}/files`, form);
}

export function evidencePath(fileId: string): string {
  return `/api/responsibility/files/${fileId}`;
}

export function useDecideExemption() {
  const refresh = useRefreshDuties();
  return useMutation({
    mutationFn: ({
      id,
      ...body
    }: {
      id: string;
      status: 'approved' | 'rejected';
      note?: string;
      version: number;
    }) => http.post<Exemption>(`/api/responsibility/exemptions/${id}/decide`, body),
    onSettled: refresh,
  });
}

export function useMyHandovers() {
  return useQuery({
    queryKey: keys.handovers,
    queryFn: ({ signal }) => http.get<Handover[]>('/api/me/handovers', undefined, signal),
  });
}

export function useAcknowledge() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, entries }: { id: string; entries: { kind: string; id: string }[] }) =>
      http.post<Handover>(`/api/handovers/${id}/acknowledge`, { entries }),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: keys.handovers }),
        // Duties taken over now show among one's own.
        qc.invalidateQueries({ queryKey: keys.duties }),
      ]),
  });
}

export function useMyAppraisals() {
  return useQuery({
    queryKey: keys.appraisals,
    queryFn: ({ signal }) => http.get<Appraisal[]>('/api/me/appraisals', undefined, signal),
  });
}

function useAppraisalMutation<V>(call: (vars: V) => Promise<Appraisal>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: call,
    onSettled: () => qc.invalidateQueries({ queryKey: keys.appraisals }),
  });
}

export function useSaveAppraisal() {
  return useAppraisalMutation(({ id, ...body }: { id: string; summary: string; version: number }) =>
    http.patch<Appraisal>(`/api/appraisals/${id}`, body),
  );
}

export function useSubmitAppraisal() {
  return useAppraisalMutation(({ id, version }: { id: string; version: number }) =>
    http.post<Appraisal>(`/api/appraisals/${id}/submit`, { version }),
  );
}

export function useRateAppraisal() {
  return useAppraisalMutation(({ id, ...body }: { id: string; grade: Grade; comment?: string }) =>
    http.post<Appraisal>(`/api/appraisals/${id}/rate`, body),
  );
}
