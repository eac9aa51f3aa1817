// The yearly Party statistics (党内统计) of one subtree: counts of active members by the dimensions organs report,
// the probationary members due for full membership, and the organisations by kind and the branches by size.
import { z } from 'zod';
import { IdSchema, IsoDateSchema } from './common.ts';

export const StatisticsQuerySchema = z.strictObject({
  partyOrgId: IdSchema,
  /** The day the statistics are taken on (ages, years of membership, probation); today when absent. */
  asOf: IsoDateSchema.optional(),
});
export type StatisticsQuery = z.infer<typeof StatisticsQuerySchema>;

/** How far ahead a probation year ending counts as "soon". */
export const PROBATION_SOON_DAYS = 90;

/** Age bands of the yearly report: [label key, lowest age, highest age] (inclusive; null = open). */
export type Band = readonly [label: string, lowest: number | null, highest: number | null, en: string];

export const AGE_BANDS: readonly Band[] = [
  ['30岁及以下', null, 30, '30 and under'],
  ['31至35岁', 31, 35, '31–35'],
  ['36至40岁', 36, 40, '36–40'],
  ['41至45岁', 41, 45, '41–45'],
  ['46至50岁', 46, 50, '46–50'],
  ['51至55岁', 51, 55, '51–55'],
  ['56至60岁', 56, 60, '56–60'],
  ['61至70岁', 61, 70, '61–70'],
  ['71岁及以上', 71, null, '71 and over'],
];

/**
 * Years of membership (党龄) counts from becoming a full member (转正之日), so probationary members have none and
 * are shown apart; a full member without a recorded full-membership date is "not recorded".
 */
export const MEMBERSHIP_BANDS: readonly Band[] = [
  ['不满5年', null, 4, 'Under 5 years'],
  ['5至9年', 5, 9, '5–9 years'],
  ['10至19年', 10, 19, '10–19 years'],
  ['20至29年', 20, 29, '20–29 years'],
  ['30至39年', 30, 39, '30–39 years'],
  ['40至49年', 40, 49, '40–49 years'],
  ['50年及以上', 50, null, '50 years and over'],
];

/** Branch sizes: fewer than 3 cannot hold a branch meeting's quorum; 7 or more need a branch committee (支委会). */
export const BRANCH_SIZE_BANDS: readonly Band[] = [
  ['无党员', 0, 0, 'No members'],
  ['1至2人', 1, 2, '1–2'],
  ['3至6人', 3, 6, '3–6'],
  ['7至49人', 7, 49, '7–49'],
  ['50人及以上', 50, null, '50 and over'],
];

/** The key of a band table's row that holds `value`. */
export function bandOf(bands: readonly Band[], value: number): string {
  const band = bands.find(([, lo, hi]) => (lo === null || value >= lo) && (hi === null || value <= hi));
  return band ? band[0] : (bands[bands.length - 1]?.[0] ?? '');
}

/** A row whose key is not a value of the field: the field was left empty. */
export const NOT_RECORDED = '未填写';
export const PROBATIONARY_BAND = '预备党员';

/** The English of a band label or of the two special rows; other keys (stored names) are returned as they are. */
export function bandLabelEn(key: string): string {
  if (key === NOT_RECORDED) return 'Not recorded';
  if (key === PROBATIONARY_BAND) return 'Probationary (none yet)';
  for (const bands of [AGE_BANDS, MEMBERSHIP_BANDS, BRANCH_SIZE_BANDS]) {
    const band = bands.find(([label]) => label === key);
    if (band) return band[3];
  }
  return key;
}

export const CountRowSchema = z.object({ key: z.string(), count: z.number().int() });
export type CountRow = z.infer<typeof CountRowSchema>;

export const ProbationaryEntrySchema = z.object({
  memberId: IdSchema,
  name: z.string(),
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  joinedOn: IsoDateSchema,
  /** The end of the one-year probation (joinedOn + 1 year). */
  dueOn: IsoDateSchema,
});
export type ProbationaryEntry = z.infer<typeof ProbationaryEntrySchema>;

export const PartyStatisticsSchema = z.object({
  partyOrgId: IdSchema,
  partyOrgName: z.string(),
  asOf: IsoDateSchema,
  totalMembers: z.number().int(),
  /** Keys are the API enums (full / probationary, male / female); the others are stored names or band labels. */
  byCategory: z.array(CountRowSchema),
  byGender: z.array(CountRowSchema),
  byEthnicity: z.array(CountRowSchema),
  /** Han and all minorities together (少数民族党员), as the report asks. */
  minorityCount: z.number().int(),
  byEducation: z.array(CountRowSchema),
  byAgeBand: z.array(CountRowSchema),
  byMembershipYears: z.array(CountRowSchema),
  /** Probation year over by asOf: due for the branch meeting on full membership. */
  probationDue: z.array(ProbationaryEntrySchema),
  /** Probation year ends within PROBATION_SOON_DAYS after asOf. */
  probationEndingSoon: z.array(ProbationaryEntrySchema),
  /** Active organisations in the subtree (the top included), by kind. */
  orgsByKind: z.array(CountRowSchema),
  /** Active branches (党支部) by their members (their cells included). */
  branchesBySize: z.array(CountRowSchema),
});
export type PartyStatistics = z.infer<typeof PartyStatisticsSchema>;
