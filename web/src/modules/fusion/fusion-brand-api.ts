// Calls of branch brands (六有, evidence, reviews), typical cases with the showcase, and pairings (结对共建). Types only
// from the contracts, like fusion-api.ts; the keys sit under fusionKeys.all so that any fusion write refreshes them.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AddEvidenceBody,
  Brand,
  BrandStatus,
  BrandSummary,
  CaseStatus,
  CreateBrandBody,
  CreateCaseBody,
  CreatePairingBody,
  EndPairingBody,
  Pairing,
  PairingDetail,
  PatchBrandBody,
  PatchCaseBody,
  PatchPairingBody,
  ReviewBody,
  ShowcaseCase,
} from '#contracts/fusion-brand';
import { downloadFile, http, request } from '../../api/http.ts';
import { fusionKeys } from './fusion-api.ts';

const BASE = '/api/fusion';
/** Owner kinds of the attachment module: a brand's mark and documents, a case's photos, a pairing's agreement. */
export const BRAND_OWNER_KIND = 'fusion.brand';
export const CASE_OWNER_KIND = 'fusion.case';
export const PAIRING_OWNER_KIND = 'fusion.pairing';

export const brandKeys = {
  brands: (unitId: string, status: BrandStatus | undefined) =>
    [...fusionKeys.all, 'brands', unitId, status ?? ''] as const,
  brand: (id: string) => [...fusionKeys.all, 'brand', id] as const,
  cases: (unitId: string, status: CaseStatus | undefined) =>
    [...fusionKeys.all, 'cases', unitId, status ?? ''] as const,
  showcase: (unitId: string) => [...fusionKeys.all, 'showcase', unitId] as const,
  pairings: (unitId: string, partyOrgId: string | undefined) =>
    [...fusionKeys.all, 'pairings', unitId, partyOrgId ?? ''] as const,
  pairing: (id: string) => [...fusionKeys.all, 'pairing', id] as const,
};

export function useBrands(unitId: string | null, status?: BrandStatus) {
  return useQuery({
    queryKey: brandKeys.brands(unitId ?? '', status),
    queryFn: ({ signal }) => http.get<BrandSummary[]>(`${BASE}/brands`, { unitId, status }, signal),
    enabled: !!unitId,
  });
}

export function useBrand(id: string | undefined) {
  return useQuery({
    queryKey: brandKeys.brand(id ?? ''),
    queryFn: ({ signal }) => http.get<Brand>(`${BASE}/brands/${id}`, undefined, signal),
    enabled: !!id,
  });
}

export function useCases(unitId: string | null, status?: CaseStatus) {
  return useQuery({
    queryKey: brandKeys.cases(unitId ?? '', status),
    queryFn: ({ signal }) => http.get<ShowcaseCase[]>(`${BASE}/cases`, { unitId, status }, signal),
    enabled: !!unitId,
  });
}

export function useShowcase(unitId: string | null) {
  return useQuery({
    queryKey: brandKeys.showcase(unitId ?? ''),
    queryFn: ({ signal }) => http.get<ShowcaseCase[]>(`${BASE}/showcase`, { unitId }, signal),
    enabled: !!unitId,
  });
}

export function usePairings(unitId: string | null, partyOrgId?: string) {
  return useQuery({
    queryKey: brandKeys.pairings(unitId ?? '', partyOrgId),
    queryFn: ({ signal }) => http.get<Pairing[]>(`${BASE}/pairings`, { unitId, partyOrgId }, signal),
    enabled: !!unitId,
  });
}

export function usePairing(id: string | undefined) {
  return useQuery({
    queryKey: brandKeys.pairing(id ?? ''),
    queryFn: ({ signal }) => http.get<PairingDetail>(`${BASE}/pairings/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** A brand's profile (六有, evidence, reviews) as Word. */
export const downloadBrandDocument = (id: string, name: string) =>
  downloadFile(`${BASE}/brands/${id}/document`, undefined, `${name}品牌档案.docx`);

/** Brands, cases and pairings touch projects and each other's lists: after a write the module's data is asked again. */
function useWrite<V, R>(fn: (vars: V) => Promise<R>, onData?: (data: R) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => onData?.(data),
    onSettled: () => queryClient.invalidateQueries({ queryKey: fusionKeys.all }),
  });
}

/** A write answering the whole brand: the page shows the answer at once. */
function useBrandWrite<V>(fn: (vars: V) => Promise<Brand>) {
  const queryClient = useQueryClient();
  return useWrite(fn, (brand) => queryClient.setQueryData(brandKeys.brand(brand.id), brand));
}

export const useCreateBrand = () =>
  useWrite((body: CreateBrandBody) => http.post<Brand>(`${BASE}/brands`, body));
export const usePatchBrand = () =>
  useBrandWrite(({ id, body }: { id: string; body: PatchBrandBody }) =>
    http.patch<Brand>(`${BASE}/brands/${id}`, body),
  );
export const useAddEvidence = () =>
  useBrandWrite(({ id, body }: { id: string; body: AddEvidenceBody }) =>
    http.post<Brand>(`${BASE}/brands/${id}/evidence`, body),
  );
export const useRemoveEvidence = () =>
  useBrandWrite(({ id, evidenceId }: { id: string; evidenceId: string }) =>
    request<Brand>('DELETE', `${BASE}/brands/${id}/evidence/${evidenceId}`),
  );
export const useReviewBrand = () =>
  useBrandWrite(({ id, body }: { id: string; body: ReviewBody }) =>
    http.post<Brand>(`${BASE}/brands/${id}/reviews`, body),
  );

export const useCreateCase = () =>
  useWrite((body: CreateCaseBody) => http.post<ShowcaseCase>(`${BASE}/cases`, body));
export const usePatchCase = () =>
  useWrite(({ id, body }: { id: string; body: PatchCaseBody }) =>
    http.patch<ShowcaseCase>(`${BASE}/cases/${id}`, body),
  );
export type CaseStepCall =
  | { step: 'submit' | 'publish'; id: string; body: { version: number } }
  | { step: 'return'; id: string; body: { version: number; note: string } }
  | { step: 'select'; id: string; body: { version: number; selected: boolean } };
export const useCaseStep = () =>
  useWrite((call: CaseStepCall) =>
    http.post<ShowcaseCase>(`${BASE}/cases/${call.id}/${call.step}`, call.body),
  );

export const useCreatePairing = () =>
  useWrite((body: CreatePairingBody) => http.post<PairingDetail>(`${BASE}/pairings`, body));
export const usePatchPairing = () =>
  useWrite(({ id, body }: { id: string; body: PatchPairingBody }) =>
    http.patch<PairingDetail>(`${BASE}/pairings/${id}`, body),
  );
export const useEndPairing = () =>
  useWrite(({ id, body }: { id: string; body: EndPairingBody }) =>
    http.post<PairingDetail>(`${BASE}/pairings/${id}/end`, body),
  );
