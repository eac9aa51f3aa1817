// Grades and calibration (issue 12 points 5 and 7), the calls of every route: the organ's grade scales and their
// save, a subject's calibration set or removed, and the appraisal workbook. Types only from the contracts.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Calibration, GradeScale, SaveGradeScaleBodySchema } from '#contracts/assessment-outcome';
import { downloadFile, http, request } from '../../api/http.ts';
import { assessmentKeys } from './assessment-api.ts';

export type SaveScale = z.input<typeof SaveGradeScaleBodySchema>;

const scalesKey = (unitId: string) => ['assessment', 'grade-scales', unitId] as const;

export function useGradeScales(unitId: string | null) {
  return useQuery({
    queryKey: scalesKey(unitId ?? ''),
    queryFn: ({ signal }) => http.get<GradeScale[]>('/api/assessment/grade-scales', { unitId }, signal),
    enabled: !!unitId,
  });
}

/** A saved scale regrades every cycle of its level: results are asked again. */
export function useSaveGradeScale() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SaveScale) => http.put<GradeScale>('/api/assessment/grade-scales', body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all }),
  });
}

const calibrationPath = (cycleId: string, subjectId: string) =>
  `/api/assessment/cycles/${cycleId}/calibrations/${subjectId}`;

export type CalibrationInput = {
  cycleId: string;
  subjectId: string;
  score: number;
  reason: string;
  version?: number | undefined;
};

/** A calibration moves ranks and grades of the whole cycle (and its drill-downs): all of them are asked again. */
export function useSetCalibration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ cycleId, subjectId, ...body }: CalibrationInput) =>
      http.put<Calibration>(calibrationPath(cycleId, subjectId), body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all }),
  });
}

export function useRemoveCalibration() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ cycleId, subjectId, version }: { cycleId: string; subjectId: string; version: number }) =>
      request<{ removed: true }>('DELETE', calibrationPath(cycleId, subjectId), { query: { version } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: assessmentKeys.all }),
  });
}

export const downloadAppraisal = (cycleId: string) =>
  downloadFile(`/api/assessment/cycles/${cycleId}/appraisal.xlsx`, undefined, '年度考核结果.xlsx');
