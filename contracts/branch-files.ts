// The files of branch work (issue 10, points 7 and 10): the generated 支部工作记录 of a branch and a year (as JSON for
// the printable page, and as a .docx), the .xlsx export of any list of records, and the all-or-nothing import of
// historical 三会一课 from the entry template. The ledger is made from the records, never typed; a talk (谈心谈话)
// appears in it only as having taken place — when, and with whom — never what was said.
import { z } from 'zod';
import { BranchRecordKindSchema, GradeSchema, RecordListQuerySchema } from './branch.ts';
import { DevelopmentStageSchema } from './branch-development.ts';
import { IdSchema } from './common.ts';

/** The organisations that keep a 支部工作记录: branches, general branches, Party cells, and temporary organisations. */
export const LEDGER_ORG_KINDS: readonly string[] = ['branch', 'general_branch', 'cell'];
export function keepsLedger(org: { kind: string; isTemporary: boolean }): boolean {
  return org.isTemporary || LEDGER_ORG_KINDS.includes(org.kind);
}

export const LedgerYearSchema = z.coerce
  .number({ message: '年度应为 2000–2099 之间的整数' })
  .int('年度应为整数')
  .min(2000, '年度应在 2000–2099 之间')
  .max(2099, '年度应在 2000–2099 之间');

export const BranchLedgerQuerySchema = z.strictObject({ partyOrgId: IdSchema, year: LedgerYearSchema });
export type BranchLedgerQuery = z.infer<typeof BranchLedgerQuerySchema>;

const Named = z.object({ name: z.string(), partyOrgName: z.string() });

/** A member who came to the branch (or its cells) in the year, or left it: the day and how. */
export const LedgerMoveSchema = Named.extend({ on: z.string(), how: z.string() });

export const LedgerBasicsSchema = z.object({
  partyOrgKind: z.string(),
  parentName: z.string().nullable(),
  /** The posts as they are held today (the member records keep no history of posts). */
  secretaries: z.array(z.string()),
  deputySecretaries: z.array(z.string()),
  committeeMembers: z.array(z.string()),
  startOn: z.string(),
  /** The last day of the year, or today for the current year. */
  endOn: z.string(),
  startCount: z.number().int(),
  endCount: z.number().int(),
  /** The roster on `endOn`. */
  members: z.array(Named.extend({ partyPost: z.string().nullable() })),
  joined: z.array(LedgerMoveSchema),
  left: z.array(LedgerMoveSchema),
});

export const GradeCountsSchema = z.object({
  excellent: z.number().int(),
  qualified: z.number().int(),
  basically_qualified: z.number().int(),
  unqualified: z.number().int(),
});

/** A held meeting, lecture, theme day, appraisal or study session of the year, as the ledger writes it down. */
export const LedgerRecordSchema = z.object({
  id: IdSchema,
  kind: BranchRecordKindSchema,
  partyOrgName: z.string(),
  heldOn: z.string(),
  place: z.string().nullable(),
  hostName: z.string().nullable(),
  recorderName: z.string().nullable(),
  topic: z.string(),
  expected: z.number().int(),
  present: z.number().int(),
  /** Attendees who were not on the roster of the day (列席). */
  guests: z.number().int(),
  excused: z.array(z.object({ name: z.string(), reason: z.string().nullable() })),
  absent: z.array(z.string()),
  resolutions: z.string().nullable(),
  /** 主题党日 "五个一" (the theme is the topic). */
  parts: z
    .object({
      theory: z.string().nullable(),
      bulletin: z.string().nullable(),
      exchange: z.string().nullable(),
      microLecture: z.string().nullable(),
    })
    .nullable(),
  studied: z.string().nullable(),
  appliedTo: z.string().nullable(),
  outcome: z.string().nullable(),
  grades: z.array(z.object({ name: z.string(), grade: GradeSchema, note: z.string().nullable() })),
  gradeCounts: GradeCountsSchema.nullable(),
});
export type LedgerRecord = z.infer<typeof LedgerRecordSchema>;

/** A talk: that it took place, when and with whom. Its topic, place, content and resolutions are never here. */
export const LedgerTalkSchema = z.object({
  id: IdSchema,
  partyOrgName: z.string(),
  heldOn: z.string(),
  hostName: z.string().nullable(),
  participants: z.array(z.string()),
});
export type LedgerTalk = z.infer<typeof LedgerTalkSchema>;

/** A record of a temporary organisation that members of this branch attended (they keep their home branch). */
export const LedgerAwaySchema = z.object({
  id: IdSchema,
  partyOrgName: z.string(),
  kind: BranchRecordKindSchema,
  heldOn: z.string(),
  /** The topic; a talk's never (what was said stays with its participants). */
  topic: z.string().nullable(),
  members: z.array(z.string()),
});
export type LedgerAway = z.infer<typeof LedgerAwaySchema>;

export const LedgerDuesSchema = z.object({
  /** Amounts only for whoever collects the branch's dues (as on the dues page); months for every reader. */
  showsAmounts: z.boolean(),
  currentMonth: z.string(),
  members: z.array(
    Named.extend({
      dueMonths: z.number().int(),
      paidMonths: z.number().int(),
      arrearsMonths: z.number().int(),
      unassessedMonths: z.number().int(),
      dueFen: z.number().int().nullable(),
      paidFen: z.number().int().nullable(),
    }),
  ),
  totals: z.object({
    members: z.number().int(),
    dueMonths: z.number().int(),
    paidMonths: z.number().int(),
    arrearsMonths: z.number().int(),
    arrearsMembers: z.number().int(),
    dueFen: z.number().int().nullable(),
    paidFen: z.number().int().nullable(),
    arrearsFen: z.number().int().nullable(),
  }),
});

export const LedgerDevelopmentSchema = Named.extend({
  stage: DevelopmentStageSchema,
  /** The stages entered in the year, with their days. */
  steps: z.array(z.object({ stage: DevelopmentStageSchema, on: z.string() })),
  introducers: z.array(z.string()),
});

export const BranchLedgerSchema = z.object({
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  year: z.number().int(),
  generatedOn: z.string(),
  basics: LedgerBasicsSchema,
  /** Held records of the year of every kind but talks, in date order. */
  records: z.array(LedgerRecordSchema),
  talks: z.array(LedgerTalkSchema),
  /** Records of temporary organisations attended by this branch's members, counted for their home branch. */
  away: z.array(LedgerAwaySchema),
  /** Held records of the year per kind (talks included). */
  counts: z.record(BranchRecordKindSchema, z.number().int()),
  dues: LedgerDuesSchema,
  development: z.array(LedgerDevelopmentSchema),
});
export type BranchLedger = z.infer<typeof BranchLedgerSchema>;

/** The export takes the list's filters, without its paging: every record they find, in the list's order. */
export const RecordExportQuerySchema = RecordListQuerySchema.omit({ page: true, pageSize: true });
export type RecordExportQuery = z.infer<typeof RecordExportQuerySchema>;

/** What an import of historical records wrote: nothing unless every row was right. */
export const RecordImportResultSchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
});
export type RecordImportResult = z.infer<typeof RecordImportResultSchema>;

/** The kinds the 三会一课 entry template takes, and the words a sheet may name them by. */
export const IMPORTABLE_KINDS = [
  'general_meeting',
  'committee_meeting',
  'cell_meeting',
  'party_lecture',
  'theme_day',
  'org_life_meeting',
] as const;
