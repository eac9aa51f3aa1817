import { useQuery } from '@tanstack/react-query';
// Types only: the schemas stay on the server side of the page's code chunk.
import type { BranchLedger } from '#contracts/branch-files';
import { downloadFile, http } from '../../api/http.ts';

// The 支部工作记录 of a branch and a year (issue 10, point 7): the page renders the JSON, Word is downloaded.

export function useLedger(partyOrgId: string | null, year: number) {
  return useQuery({
    queryKey: ['branch', 'ledger', partyOrgId ?? '', year] as const,
    queryFn: ({ signal }) => http.get<BranchLedger>('/api/branch/ledger', { partyOrgId, year }, signal),
    enabled: !!partyOrgId,
  });
}

export const downloadLedgerDocument = (partyOrgId: string, year: number) =>
  downloadFile('/api/branch/ledger/document', { partyOrgId, year }, '支部工作记录.docx');
