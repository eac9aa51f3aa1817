// The coverage view (覆盖情况): every work point of a year and who took it up at each level, with progress and flags.
import { z } from 'zod';
import { IdSchema } from './common.ts';
import {
  type Domain,
  DomainSchema,
  type Level,
  LevelSchema,
  type PeriodState,
  PeriodStateSchema,
  YearSchema,
} from './responsibility.ts';

export type CoverageNode = {
  /** 'work_point' (the work committee's), or 'item' (an organ's duty that was issued or taken up). */
  kind: 'work_point' | 'item';
  id: string;
  title: string;
  domain: Domain;
  level: Level | null;
  ownerOrgName: string | null;
  ownerMemberName: string | null;
  weight: number;
  /** 0–100: own progress for a leaf; the weighted mean of what took it up otherwise. */
  progress: number;
  state: PeriodState | null;
  flags: { kind: 'not_taken_up' | 'owner_left'; message: string; whoShouldAct: string }[];
  children: CoverageNode[];
};
export const CoverageNodeSchema: z.ZodType<CoverageNode> = z.lazy(() =>
  z.object({
    kind: z.enum(['work_point', 'item']),
    id: IdSchema,
    title: z.string(),
    domain: DomainSchema,
    level: LevelSchema.nullable(),
    ownerOrgName: z.string().nullable(),
    ownerMemberName: z.string().nullable(),
    weight: z.number(),
    progress: z.number(),
    state: PeriodStateSchema.nullable(),
    flags: z.array(
      z.object({
        kind: z.enum(['not_taken_up', 'owner_left']),
        message: z.string(),
        whoShouldAct: z.string(),
      }),
    ),
    children: z.array(CoverageNodeSchema),
  }),
);
export const CoverageQuerySchema = z.strictObject({ year: YearSchema, unitId: IdSchema.optional() });
export const CoverageSchema = z.object({
  year: z.number().int(),
  unitName: z.string(),
  progress: z.number(),
  flagged: z.number().int(),
  roots: z.array(CoverageNodeSchema),
});
export type Coverage = z.infer<typeof CoverageSchema>;
