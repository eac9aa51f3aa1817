import fc from 'fast-check';
import type { z } from 'zod';
import { CreateHandoverBodySchema } from '#contracts/handover';
import { CreateItemBodySchema, EvidenceLinkSchema, WorkPointBodySchema } from '#contracts/responsibility';
import { arbitraryOf, dateBetween, type Hint, plausible, Ref, refArb } from './fuzz-inputs.ts';

// The responsibility routes in the fuzz test (test/fuzz.int.test.ts): where their references come from, so that valid
// requests reach real records (pools, and likelier targets kept up to date from every answer), the values the schema
// alone would rarely make meet the world, who sends which route, and their uploads. The records themselves are made
// in fuzz-responsibility-world.ts.

const CHINA_OFFSET_MS = 8 * 3_600_000;
/** Today in Beijing, as the services read it (core/context todayOf): the run uses the real clock. */
export const today = () => new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
export const YEAR = Number(today().slice(0, 4));

const RESPONSIBILITY_URL =
  /^\/api\/(responsibility|handovers|liaisons|appraisals|me\/(duties|handovers|appraisals))\b/;
export const isResponsibilityUrl = (url: string) => RESPONSIBILITY_URL.test(url);

/** Pools of ids, and of likelier targets kept up to date from every answer (see `classify`). */
export const RESPONSIBILITY_POOLS = [
  'template',
  'workPoint',
  'recordKind',
  /** Organisations that keep lists of more than one level (the organ committee, a general branch). */
  'listOrg',
  'list',
  /** This year's lists of the organ committee: a duty entered now counts in them, owned by any organisation. */
  'rootList',
  /** Lists with a holder and no year-end report yet: one can be made from them. */
  'heldList',
  'item',
  'period',
  /** Periods of the fuzz member's own duties (or of those delegated to them). */
  'myPeriod',
  'report',
  'file',
  'exemption',
  /** Pending exemptions the fuzz member is to decide. */
  'pendingMine',
  'handover',
  /** Handovers whose successor is the fuzz member: theirs to acknowledge. */
  'handoverToMe',
  /** Delegations still completed: cancelling ends one. */
  'openDelegation',
  'liaison',
  'appraisal',
  /** The fuzz member's reports still in draft: theirs to edit and submit. */
  'myDraft',
  /** Submitted reports with the fuzz member's seat not yet graded. */
  'ratable',
] as const;

/**
 * Signed-in routes where a person acts as themselves (the approver decides, the successor acknowledges, the author
 * writes, the rater grades): the fuzz member's account sends them, not the officer's.
 */
export const AS_PERSON = new Set([
  'POST /api/responsibility/exemptions/:id/decide',
  'POST /api/handovers/:id/acknowledge',
  'PATCH /api/appraisals/:id',
  'POST /api/appraisals/:id/submit',
  'POST /api/appraisals/:id/rate',
]);

/** Writes that no valid request can see refused. Each needs a reason. */
export const RESPONSIBILITY_NO_DOMAIN_REFUSAL: Record<string, string> = {
  'POST /api/responsibility/work-points':
    'the work committee may add any work point to any year; only the schema can refuse one',
};

/** Uploads that are not an import of rows: the evidence file of a progress report. */
export const isEvidenceUpload = (url: string) => url === '/api/responsibility/reports/:id/files';

type Pool = [string, string?];

/** The pool of a reference of a responsibility route; undefined when the key is not one of theirs. */
export function responsibilityPoolOf(url: string, key: string): Pool | null | undefined {
  if (key === 'id') {
    const byUrl: [RegExp, Pool][] = [
      [/^\/api\/responsibility\/templates\//, ['template']],
      [/^\/api\/responsibility\/work-points\//, ['workPoint']],
      [/^\/api\/responsibility\/lists\/:id\/items$/, ['list', 'rootList']],
      [/^\/api\/responsibility\/lists\//, ['list']],
      [/^\/api\/responsibility\/items\//, ['item']],
      [/^\/api\/responsibility\/exemptions\//, ['exemption', 'pendingMine']],
      [/^\/api\/responsibility\/periods\//, ['period']],
      [/^\/api\/me\/duties\//, ['period', 'myPeriod']],
      [/^\/api\/responsibility\/reports\//, ['report']],
      [/^\/api\/responsibility\/files\//, ['file']],
      [/^\/api\/handovers\/:id\/acknowledge$/, ['handover', 'handoverToMe']],
      [/^\/api\/handovers\/:id\/cancel$/, ['handover', 'openDelegation']],
      [/^\/api\/handovers\//, ['handover']],
      [/^\/api\/liaisons\//, ['liaison']],
      [/^\/api\/appraisals\/:id(\/submit)?$/, ['appraisal', 'myDraft']],
      [/^\/api\/appraisals\/:id\/rate$/, ['appraisal', 'ratable']],
      // Naming raters drops the ungraded seats of those left out: the reports the fuzz member rates are kept apart.
      [/^\/api\/appraisals\/:id\/raters$/, ['spareAppraisal']],
      [/^\/api\/appraisals\//, ['appraisal']],
    ];
    const found = byUrl.find(([re]) => re.test(url));
    return found ? found[1] : undefined;
  }
  if (!isResponsibilityUrl(url)) return undefined;
  if (key === 'fromMemberId') return url === '/api/handovers' ? ['spareMember'] : ['member'];
  // A successor who is sure to be a member still (other routes make members leave or move).
  if (key === 'toMemberId' && url === '/api/handovers') return ['member', 'keptMember'];
  // Raters who are sure to be members still: other routes make members leave.
  if (key === 'memberIds' && url.endsWith('/raters')) return ['member', 'keptMember'];
  // A liaison, an approver, a list's holder: members still in the organ, which other routes make members leave.
  if (key === 'memberId' && url === '/api/liaisons') return ['member', 'keptMember'];
  if (key === 'approverMemberId' || key === 'holderMemberId') return ['member', 'keptMember'];
  if (['toMemberId', 'memberIds'].includes(key)) return ['member'];
  if (key === 'templateId') return ['template'];
  if (key === 'listId') return ['list', 'heldList'];
  if (key === 'branchOrgId' || (key === 'ownerOrgId' && !url.startsWith('/api/responsibility/items/')))
    return ['org', 'memberOrg'];
  if (key === 'partyOrgId' && url.startsWith('/api/responsibility/lists')) return ['org', 'listOrg'];
  return undefined;
}

const DATE_SPANS: Record<string, [number, number]> = {
  deadline: [YEAR, YEAR],
  // A window of this year into the next: mostly one that ends after it starts.
  startsOn: [YEAR, YEAR],
  expiresOn: [YEAR + 1, YEAR + 1],
  endsOn: [YEAR + 1, YEAR + 1],
  since: [YEAR - 2, YEAR],
  until: [YEAR, YEAR + 1],
};

/** Mostly left out, as people mostly leave it: a field with rules of its own that most requests would not meet. */
const sometimes = (arb: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: arb, weight: 1 });
const rarely = (arb: fc.Arbitrary<unknown>) =>
  fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, { arbitrary: arb, weight: 1 });
const urlLinkArb = fc.record({
  kind: fc.constant('url'),
  id: fc.webUrl(),
  title: arbitraryOf(EvidenceLinkSchema.shape.title, () => undefined),
});

const none: Hint = () => undefined;
const H = CreateHandoverBodySchema.shape;
const handoverCommon = {
  fromMemberId: refArb(['spareMember']),
  toMemberId: refArb(['member', 'keptMember']),
  post: arbitraryOf(H.post, none),
  reason: arbitraryOf(H.reason, none),
};
/**
 * A handover or a delegation as the officer's form makes one: a handover without an end, a delegation with one (field
 * by field, most would name the wrong one and never reach the rules). A formal handover from any spare member to one
 * who stays always has a way through; a delegation needs its lender still a member and free of another delegation
 * then, which the run's leavers and earlier delegations use up. Now and then kind and end at random, for the refusals.
 */
const handoverBodyArb = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('handover'),
      ...handoverCommon,
      startsOn: plausible(YEAR, YEAR),
    }),
    weight: 3,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('delegation'),
      ...handoverCommon,
      startsOn: plausible(YEAR, YEAR),
      endsOn: plausible(YEAR + 1, YEAR + 1),
    }),
    weight: 2,
  },
  {
    arbitrary: fc.record(
      {
        kind: fc.constantFrom('handover', 'delegation'),
        ...handoverCommon,
        startsOn: plausible(YEAR, YEAR),
        endsOn: fc.option(plausible(YEAR + 1, YEAR + 1)),
      },
      { requiredKeys: ['kind', 'fromMemberId', 'toMemberId', 'post', 'reason', 'startsOn'] },
    ),
    weight: 1,
  },
);

/** Values of the responsibility routes the schema alone would rarely make meet the world. */
export function responsibilityHint(url: string): Hint {
  return (key: string, schema: z.ZodType) => {
    if (!isResponsibilityUrl(url)) return undefined;
    if (key === '' && schema === CreateHandoverBodySchema) return handoverBodyArb;
    // This year's lists and points, mostly; any year now and then (an empty answer, a new list).
    if (key === 'year')
      return fc.oneof(
        { arbitrary: fc.constant(YEAR), weight: 3 },
        { arbitrary: arbitraryOf(schema, () => undefined), weight: 1 },
      );
    const span = DATE_SPANS[key];
    if (span) return plausible(span[0], span[1]);
    // Keys from a short list, so that a version now and then repeats one (a refusal of its own).
    if (key === 'key' && url === '/api/responsibility/templates')
      return fc.oneof(
        { arbitrary: fc.constantFrom('fz-a', 'fz-b'), weight: 3 },
        { arbitrary: arbitraryOf(schema, () => undefined), weight: 1 },
      );
    // Taking up a higher duty or a work point: same year, a higher level, another list — now and then.
    if (key === 'parentItemId') return rarely(refArb(['item']));
    if (key === 'workPointId') return rarely(refArb(['workPoint']));
    if (key === 'effectiveFrom') return sometimes(plausible(YEAR, YEAR));
    // Most duties name no person; a change of a duty mostly leaves its organisation as it was.
    if (key === 'ownerMemberId') return sometimes(refArb(['member']));
    if (key === 'ownerOrgId') return sometimes(refArb(['org', 'memberOrg']));
    // A report: mostly today's, not marked done (a duty met by records refuses that), with links to web pages.
    if (key === 'reportedOn') return sometimes(plausible(YEAR, YEAR));
    if (key === 'done')
      return fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.boolean(), weight: 1 });
    if (key === 'links')
      return fc.oneof(
        { arbitrary: fc.constant([]), weight: 2 },
        { arbitrary: fc.array(urlLinkArb, { minLength: 1, maxLength: 2 }), weight: 2 },
        { arbitrary: arbitraryOf(schema, () => undefined), weight: 1 },
      );
    if (key === 'recordKind')
      return fc.oneof(
        { arbitrary: fc.constantFrom(null, undefined), weight: 4 },
        { arbitrary: fc.nat().map((n) => new Ref('recordKind', n)), weight: 1 },
        { arbitrary: arbitraryOf(schema, () => undefined), weight: 1 },
      );
    return undefined;
  };
}

/** Whose records the likelier targets are: the fuzz member's, the organ committee's. */
const focus = { me: '', root: '' };
export function setFocus(me: string, root: string): void {
  focus.me = me;
  focus.root = root;
}
/** Lists a year-end report was made from: there can be no second. */
const appraised = new Set<string>();

type Likely = Partial<Record<(typeof RESPONSIBILITY_POOLS)[number], boolean>>;

/**
 * The pool of a record in a responsibility answer, told by its shape (a list's answer carries its duties, a duty
 * its current period), and whether it is now one of the likelier targets (true), no longer one (false), or the answer
 * does not say (absent); `rulesOut`: other records it takes out of a likely pool (a report made from a list).
 */
export function classify(
  url: string,
  o: Record<string, unknown>,
): { pool: string; likely: Likely; rulesOut?: [string, string][] } | null {
  const me = focus.me;
  if (typeof o.id !== 'string') return null;
  if ('periodKey' in o) return { pool: 'period', likely: url === '/api/me/duties' ? { myPeriod: true } : {} };
  if ('approverMemberId' in o)
    return {
      pool: 'exemption',
      likely: { pendingMine: o.status === 'pending' && o.approverMemberId === me },
    };
  if ('toMemberId' in o && 'entries' in o)
    return {
      pool: 'handover',
      likely: {
        handoverToMe: o.toMemberId === me,
        openDelegation: o.kind === 'delegation' && o.status === 'completed',
      },
    };
  if ('branchOrgId' in o) return { pool: 'liaison', likely: {} };
  if ('authorMemberId' in o) {
    if (typeof o.listId === 'string') appraised.add(o.listId);
    const raters = Array.isArray(o.raters) ? (o.raters as { memberId: string; grade: unknown }[]) : [];
    const seat = raters.find((r) => r.memberId === me);
    return {
      pool: 'appraisal',
      likely: {
        myDraft: o.authorMemberId === me && o.status === 'draft',
        // Each rater sees only their own seat: an answer without it says nothing about it.
        ...(seat || o.status !== 'submitted' ? { ratable: o.status === 'submitted' && !seat?.grade } : {}),
      },
      rulesOut: typeof o.listId === 'string' ? [['heldList', o.listId]] : [],
    };
  }
  if ('listId' in o && 'ownerOrgId' in o) return { pool: 'item', likely: {} };
  if ('level' in o && 'counts' in o)
    return {
      pool: 'list',
      likely: {
        heldList: !!o.holderMemberId && !appraised.has(o.id),
        rootList: o.year === YEAR && o.partyOrgId === focus.root,
      },
    };
  if ('reportedOn' in o && 'files' in o) return { pool: 'report', likely: {} };
  if ('mediaType' in o && 'size' in o) return { pool: 'file', likely: {} };
  if ('seq' in o && 'weight' in o && 'year' in o) return { pool: 'workPoint', likely: {} };
  if ('publishedAt' in o) return { pool: 'template', likely: {} };
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Uploads: rows of duties or work points in the import's own headers, and evidence files.

const itemRowArb = fc.record({
  domain: fc.constantFrom('党建', '业务', '融合'),
  category: arbitraryOf(CreateItemBodySchema.shape.category, none),
  title: arbitraryOf(CreateItemBodySchema.shape.title, none),
  recurrence: fc.constantFrom('一次性', '每月', '每季度', '每半年', '每年'),
  deadline: dateBetween(YEAR, YEAR),
});
const workPointRowArb = fc.record({
  domain: fc.constantFrom('党建', '业务', '融合'),
  category: arbitraryOf(WorkPointBodySchema.shape.category, none),
  title: arbitraryOf(WorkPointBodySchema.shape.title, none),
});
const evidenceArb = fc.record({
  kind: fc.constantFrom('pdf', 'png', 'jpg'),
  name: arbitraryOf(CreateItemBodySchema.shape.category, none),
});

/** Rows (or the file) of a responsibility upload; undefined for the other uploads. */
export function responsibilityRowsArb(url: string): fc.Arbitrary<unknown[]> | undefined {
  if (url === '/api/responsibility/lists/:id/import')
    return fc.array(itemRowArb, { minLength: 1, maxLength: 3 });
  if (url === '/api/responsibility/work-points/import')
    return fc.array(workPointRowArb, { minLength: 1, maxLength: 3 });
  if (isEvidenceUpload(url)) return fc.tuple(evidenceArb);
  return undefined;
}

export const EVIDENCE: Record<string, Buffer> = {
  pdf: Buffer.from('%PDF-1.4\n%fuzz\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
  png: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]),
  jpg: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]),
};

/** An evidence file as a phone would send it, named after the row. */
export function evidenceFile(row: unknown): { file: Buffer; filename: string } {
  const r = row as { kind: string; name: string };
  return { file: EVIDENCE[r.kind] ?? Buffer.alloc(0), filename: `${r.name}.${r.kind}` };
}

/** The sheet and rows of an import workbook (the headers its template carries). */
export function importSheet(
  url: string,
  rows: unknown[],
): { sheet: string; header: string[]; rows: unknown[][] } {
  if (url === '/api/responsibility/work-points/import')
    return {
      sheet: '工作要点',
      header: ['领域', '类别', '工作要点'],
      rows: (rows as { domain: string; category: string; title: string }[]).map((r) => [
        r.domain,
        r.category,
        r.title,
      ]),
    };
  return {
    sheet: '职责',
    header: ['领域', '类别', '职责内容', '周期', '完成时限'],
    rows: (
      rows as { domain: string; category: string; title: string; recurrence: string; deadline: string }[]
    ).map((r) => [r.domain, r.category, r.title, r.recurrence, r.deadline]),
  };
}
