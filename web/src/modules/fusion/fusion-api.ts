// Fusion work (issue 11), the calls of every route of the module: partners, needs, resources, the matching board,
// projects with their team, milestones, KPIs and linked records, the exports and one's own projects. Types only from
// the contracts, so that this file brings no schemas into the pages (and the workbench card) that use it.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  Board,
  CreateNeedBodySchema,
  CreateResourceBodySchema,
  DeclinePairBody,
  Need,
  NeedListQuery,
  PatchNeedBody,
  PatchResourceBody,
  Resource,
  ResourceListQuery,
} from '#contracts/fusion';
import type {
  AcceptPairBody,
  AcceptProjectBody,
  CreateKpiBody,
  CreateMilestoneBody,
  CreateProjectBody,
  Kpi,
  LinkedRecord,
  Milestone,
  MyFusion,
  PatchKpiBody,
  PatchMilestoneBody,
  PatchProjectBody,
  Project,
  ProjectListQuery,
  ProjectSummary,
  PutTeamBody,
  StepBody,
  TerminateProjectBody,
} from '#contracts/fusion-project';
import type { CreatePartnerBody, PartnerOrg, PatchPartnerBody } from '#contracts/partner';
import { downloadFile, http, request } from '../../api/http.ts';

/** The bodies as the server reads them: defaults (tags, capacity) may be left out. */
export type NewNeed = z.input<typeof CreateNeedBodySchema>;
export type NewResource = z.input<typeof CreateResourceBodySchema>;
export type NeedFilters = Omit<NeedListQuery, 'unitId'>;
export type ResourceFilters = Omit<ResourceListQuery, 'unitId'>;
export type ProjectFilters = Omit<ProjectListQuery, 'unitId'>;

export const fusionKeys = {
  all: ['fusion'] as const,
  partners: (unitId: string) => ['fusion', 'partners', unitId] as const,
  needs: (unitId: string, filters: NeedFilters) => ['fusion', 'needs', unitId, filters] as const,
  resources: (unitId: string, filters: ResourceFilters) => ['fusion', 'resources', unitId, filters] as const,
  board: (unitId: string) => ['fusion', 'board', unitId] as const,
  projects: (unitId: string, filters: ProjectFilters) => ['fusion', 'projects', unitId, filters] as const,
  project: (id: string) => ['fusion', 'project', id] as const,
  candidates: (id: string, q: string) => ['fusion', 'record-candidates', id, q] as const,
  mine: ['fusion', 'mine'] as const,
};

const BASE = '/api/fusion';

// Reads ------------------------------------------------------------------------------------------------------------

export function usePartners(unitId: string | null) {
  return useQuery({
    queryKey: fusionKeys.partners(unitId ?? ''),
    queryFn: ({ signal }) => http.get<PartnerOrg[]>(`/api/partner-orgs`, { unitId }, signal),
    enabled: !!unitId,
  });
}

/** organName: of another organ paired with this one (结对共建). */
export type OrganOrg = {
  id: string;
  name: string;
  kind: string;
  path: string;
  unitId: string;
  organName?: string;
};

/** The organ's committees and branches, for anyone who reads its fusion work (their own roles may reach one branch). */
export function useOrganOrgs(unitId: string | null) {
  return useQuery({
    queryKey: ['fusion', 'orgs', unitId ?? ''] as const,
    queryFn: ({ signal }) => http.get<OrganOrg[]>(`${BASE}/orgs`, { unitId }, signal),
    enabled: !!unitId,
    staleTime: 60_000,
  });
}

export function useNeeds(unitId: string | null, filters: NeedFilters = {}) {
  return useQuery({
    queryKey: fusionKeys.needs(unitId ?? '', filters),
    queryFn: ({ signal }) => http.get<Need[]>(`${BASE}/needs`, { unitId, ...filters }, signal),
    enabled: !!unitId,
    placeholderData: keepPreviousData,
  });
}

export function useResources(unitId: string | null, filters: ResourceFilters = {}) {
  return useQuery({
    queryKey: fusionKeys.resources(unitId ?? '', filters),
    queryFn: ({ signal }) => http.get<Resource[]>(`${BASE}/resources`, { unitId, ...filters }, signal),
    enabled: !!unitId,
    placeholderData: keepPreviousData,
  });
}

export function useBoard(unitId: string | null) {
  return useQuery({
    queryKey: fusionKeys.board(unitId ?? ''),
    queryFn: ({ signal }) => http.get<Board>(`${BASE}/board`, { unitId }, signal),
    enabled: !!unitId,
  });
}

export function useProjects(unitId: string | null, filters: ProjectFilters = {}) {
  return useQuery({
    queryKey: fusionKeys.projects(unitId ?? '', filters),
    queryFn: ({ signal }) => http.get<ProjectSummary[]>(`${BASE}/projects`, { unitId, ...filters }, signal),
    enabled: !!unitId,
    placeholderData: keepPreviousData,
  });
}

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: fusionKeys.project(id ?? ''),
    queryFn: ({ signal }) => http.get<Project>(`${BASE}/projects/${id}`, undefined, signal),
    enabled: !!id,
  });
}

/** Held records of the project's organisations, to link as its activity. */
export function useRecordCandidates(projectId: string, q: string, enabled: boolean) {
  return useQuery({
    queryKey: fusionKeys.candidates(projectId, q),
    queryFn: ({ signal }) =>
      http.get<LinkedRecord[]>(`${BASE}/projects/${projectId}/record-candidates`, { q }, signal),
    enabled,
    placeholderData: keepPreviousData,
  });
}

export function useMyFusion() {
  return useQuery({
    queryKey: fusionKeys.mine,
    queryFn: ({ signal }) => http.get<MyFusion>('/api/me/fusion', undefined, signal),
  });
}

// Exports ----------------------------------------------------------------------------------------------------------

export const downloadNeeds = (unitId: string, filters: NeedFilters) =>
  downloadFile(`${BASE}/needs/export`, { unitId, ...filters }, '需求清单.xlsx');
export const downloadResources = (unitId: string, filters: ResourceFilters) =>
  downloadFile(`${BASE}/resources/export`, { unitId, ...filters }, '资源清单.xlsx');
export const downloadProjects = (unitId: string, filters: ProjectFilters) =>
  downloadFile(`${BASE}/projects/export`, { unitId, ...filters }, '项目清单.xlsx');
/** A project's acceptance report as Word (a progress report until it is accepted). */
export const downloadProjectDocument = (id: string, accepted: boolean) =>
  downloadFile(
    `${BASE}/projects/${id}/document`,
    undefined,
    accepted ? '项目验收报告.docx' : '项目情况报告.docx',
  );

// Writes -----------------------------------------------------------------------------------------------------------

/**
 * Needs, resources, the board and projects move together (accepting a pair takes a need off the board and uses a
 * resource's capacity; accepting a project closes its need): after any write all of the module's data is asked again.
 */
function useFusionMutation<V, R>(fn: (vars: V) => Promise<R>, onData?: (data: R) => void) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (data) => onData?.(data),
    onSettled: () => queryClient.invalidateQueries({ queryKey: fusionKeys.all }),
  });
}

/** A write answering the whole project: the detail page shows the answer at once. */
function useProjectMutation<V>(fn: (vars: V) => Promise<Project>) {
  const queryClient = useQueryClient();
  return useFusionMutation(fn, (project) =>
    queryClient.setQueryData(fusionKeys.project(project.id), project),
  );
}

export const useCreatePartner = () =>
  useFusionMutation((body: CreatePartnerBody) => http.post<PartnerOrg>(`/api/partner-orgs`, body));
export const usePatchPartner = () =>
  useFusionMutation(({ id, body }: { id: string; body: PatchPartnerBody }) =>
    http.patch<PartnerOrg>(`/api/partner-orgs/${id}`, body),
  );

export const useCreateNeed = () =>
  useFusionMutation((body: NewNeed) => http.post<Need>(`${BASE}/needs`, body));
export const usePatchNeed = () =>
  useFusionMutation(({ id, body }: { id: string; body: PatchNeedBody }) =>
    http.patch<Need>(`${BASE}/needs/${id}`, body),
  );

export const useCreateResource = () =>
  useFusionMutation((body: NewResource) => http.post<Resource>(`${BASE}/resources`, body));
export const usePatchResource = () =>
  useFusionMutation(({ id, body }: { id: string; body: PatchResourceBody }) =>
    http.patch<Resource>(`${BASE}/resources/${id}`, body),
  );

export const useAcceptPair = () =>
  useFusionMutation((body: AcceptPairBody) => http.post<Project>(`${BASE}/board/accept`, body));
export const useDeclinePair = () =>
  useFusionMutation((body: DeclinePairBody) => http.post<{ ok: true }>(`${BASE}/board/decline`, body));

export const useCreateProject = () =>
  useFusionMutation((body: CreateProjectBody) => http.post<Project>(`${BASE}/projects`, body));
export const usePatchProject = () =>
  useProjectMutation(({ id, body }: { id: string; body: PatchProjectBody }) =>
    http.patch<Project>(`${BASE}/projects/${id}`, body),
  );
export const usePutTeam = () =>
  useProjectMutation(({ id, body }: { id: string; body: PutTeamBody }) =>
    http.put<Project>(`${BASE}/projects/${id}/team`, body),
  );

export type StepCall =
  | { step: 'approve' | 'start'; id: string; body: StepBody }
  | { step: 'accept'; id: string; body: AcceptProjectBody }
  | { step: 'terminate'; id: string; body: TerminateProjectBody };
export const useProjectStep = () =>
  useProjectMutation((call: StepCall) =>
    http.post<Project>(`${BASE}/projects/${call.id}/${call.step}`, call.body),
  );

export const useCreateMilestone = () =>
  useFusionMutation(({ projectId, body }: { projectId: string; body: CreateMilestoneBody }) =>
    http.post<Milestone>(`${BASE}/projects/${projectId}/milestones`, body),
  );
export const usePatchMilestone = () =>
  useFusionMutation(({ id, body }: { id: string; body: PatchMilestoneBody }) =>
    http.patch<Milestone>(`${BASE}/milestones/${id}`, body),
  );
export const useDeleteMilestone = () =>
  useFusionMutation((id: string) => request<{ ok: true }>('DELETE', `${BASE}/milestones/${id}`));

export const useCreateKpi = () =>
  useFusionMutation(({ projectId, body }: { projectId: string; body: CreateKpiBody }) =>
    http.post<Kpi>(`${BASE}/projects/${projectId}/kpis`, body),
  );
export const usePatchKpi = () =>
  useFusionMutation(({ id, body }: { id: string; body: PatchKpiBody }) =>
    http.patch<Kpi>(`${BASE}/kpis/${id}`, body),
  );
export const useDeleteKpi = () =>
  useFusionMutation((id: string) => request<{ ok: true }>('DELETE', `${BASE}/kpis/${id}`));

export const useLinkRecords = () =>
  useProjectMutation(({ id, recordIds }: { id: string; recordIds: string[] }) =>
    http.post<Project>(`${BASE}/projects/${id}/records`, { recordIds }),
  );
export const useUnlinkRecord = () =>
  useProjectMutation(({ id, recordId }: { id: string; recordId: string }) =>
    request<Project>('DELETE', `${BASE}/projects/${id}/records/${recordId}`),
  );
