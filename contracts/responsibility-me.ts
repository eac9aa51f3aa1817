// A person's duties on the workbench (我的职责) and what a list may take up from the lists above it: the answers of
// the responsibility module's "me" and take-up routes, apart from the lists and items they are made of.
import { z } from 'zod';
import { IdSchema } from './common.ts';
import {
  DomainSchema,
  ExemptionSchema,
  LevelSchema,
  PeriodSchema,
  RecurrenceSchema,
  WorkPointSchema,
} from './responsibility.ts';

export const DutySchema = z.object({
  itemId: IdSchema,
  title: z.string(),
  domain: DomainSchema,
  category: z.string(),
  listTitle: z.string(),
  ownerOrgName: z.string(),
  recurrence: RecurrenceSchema,
  recordKindLabel: z.string().nullable(),
  /** Held for someone on leave (a delegation) rather than one's own. */
  delegatedFrom: z.string().nullable(),
  period: PeriodSchema,
});
export type Duty = z.infer<typeof DutySchema>;
export const MyDutiesSchema = z.object({
  duties: z.array(DutySchema),
  counts: z.object({
    open: z.number().int(),
    dueSoon: z.number().int(),
    overdue: z.number().int(),
    doneThisYear: z.number().int(),
  }),
  approvals: z.array(ExemptionSchema),
});
export type MyDuties = z.infer<typeof MyDutiesSchema>;

/** What a list may take up: issued items of lists above it (same organ and year) and the work committee's points. */
export const TakeUpCandidatesSchema = z.object({
  items: z.array(
    z.object({
      id: IdSchema,
      domain: DomainSchema,
      category: z.string(),
      title: z.string(),
      detail: z.string().nullable(),
      weight: z.number(),
      listTitle: z.string(),
      level: LevelSchema,
      taken: z.boolean(),
    }),
  ),
  workPoints: z.array(WorkPointSchema.extend({ taken: z.boolean() })),
});
export type TakeUpCandidates = z.infer<typeof TakeUpCandidatesSchema>;
