// The demo's brands, typical cases, pairings and joint records, written after its needs and projects (fusion.bulk.ts)
// with multi-row inserts; a brand's mark is a small image drawn here and kept through the attachment module like an
// uploaded one (so its thumbnail, type and size are those of any mark).
import sharp from 'sharp';
import type { BrandElement, BrandStatus } from '#contracts/fusion-brand';
import type { Ctx } from '../../core/context.ts';
import { storeAttachment } from '../attachment/index.ts';
import { loadJointRecords } from '../branch/index.ts';
import { BRAND_OWNER } from './fusion.brands.ts';

export type PlanBrand = {
  key: string;
  partyOrgId: string;
  name: string;
  concept: string | null;
  serviceStandards: string | null;
  creationMeasures: string | null;
  effect: string | null;
  /** Drawn as the brand's mark (a colour), or no mark yet. */
  markColour: string | null;
  evidence: {
    element: Exclude<BrandElement, 'mark'>;
    kind: 'record' | 'project' | 'satisfaction';
    recordId?: string;
    projectKey?: string;
    note?: string;
  }[];
  reviews: {
    year: number;
    scores: Record<BrandElement, number>;
    status: BrandStatus;
    comment: string | null;
    rectifyBy: string | null;
    reviewedOn: string;
    by: string;
  }[];
};
export type PlanCase = {
  partyOrgId: string;
  projectKey: string | null;
  brandKey: string | null;
  title: string;
  problem: string;
  actions: string;
  result: string;
  status: 'draft' | 'submitted' | 'published';
  publishedOn: string | null;
  selectedOn: string | null;
};
export type PlanPairing = {
  partyOrgId: string;
  partnerKey: string;
  title: string;
  agreement: string;
  startsOn: string;
  endsOn: string;
  endedOn: string | null;
  endReason: string | null;
  events: { kind: 'created' | 'renewed' | 'ended'; on: string; note: string | null; by: string }[];
};
export type PlanJoint = { recordId: string; jointOrgIds: string[]; partnerKeys: string[] };
export type BrandPlan = {
  brands: PlanBrand[];
  cases: PlanCase[];
  pairings: PlanPairing[];
  joint: PlanJoint[];
};

const dateOf = (day: string) => new Date(`${day}T02:00:00Z`);

function markSvg(colour: string): Buffer {
  const star = '128,62 146,110 196,112 156,142 170,192 128,163 86,192 100,142 60,112 110,110';
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" rx="48" fill="${colour}"/><circle cx="128" cy="128" r="92" fill="none" stroke="#fff" stroke-width="12"/><polygon points="${star}" fill="#ffd54a"/></svg>`,
  );
}

/** Writes the brand plan; `keys` resolve the plan's partner and project keys to the ids written before. */
export async function loadBrandPlan(
  ctx: Ctx,
  unitId: string,
  plan: BrandPlan,
  keys: { partner(key: string): string; project(key: string): string },
): Promise<number> {
  let statements = 0;
  const brandIds = new Map<string, string>();
  if (plan.brands.length) {
    const rows = await ctx.db
      .insertInto('brand')
      .values(
        plan.brands.map((b) => ({
          unitId,
          partyOrgId: b.partyOrgId,
          name: b.name,
          concept: b.concept,
          serviceStandards: b.serviceStandards,
          creationMeasures: b.creationMeasures,
          effect: b.effect,
          version: 1 + b.reviews.length,
        })),
      )
      .returning(['id', 'partyOrgId'])
      .execute();
    statements++;
    for (const b of plan.brands)
      brandIds.set(b.key, rows.find((r) => r.partyOrgId === b.partyOrgId)?.id as string);
    const evidence = plan.brands.flatMap((b) =>
      b.evidence.map((e) => ({
        unitId,
        brandId: brandIds.get(b.key) as string,
        element: e.element,
        kind: e.kind,
        refId:
          e.kind === 'record'
            ? (e.recordId ?? null)
            : e.kind === 'project'
              ? keys.project(e.projectKey ?? '')
              : null,
        note: e.note ?? null,
      })),
    );
    if (evidence.length) await ctx.db.insertInto('brandEvidence').values(evidence).execute();
    const reviews = plan.brands.flatMap((b) =>
      b.reviews.map((r, i) => ({
        unitId,
        brandId: brandIds.get(b.key) as string,
        year: r.year,
        scores: JSON.stringify(r.scores),
        total: Object.values(r.scores).reduce((s, n) => s + n, 0),
        status: r.status,
        comment: r.comment,
        rectifyBy: r.rectifyBy,
        reviewedOn: r.reviewedOn,
        reviewedByName: r.by,
        createdAt: new Date(dateOf(r.reviewedOn).getTime() + i),
      })),
    );
    if (reviews.length) await ctx.db.insertInto('brandReview').values(reviews).execute();
    statements += 2;
    for (const b of plan.brands.filter((x) => x.markColour)) {
      const bytes = await sharp(markSvg(b.markColour as string))
        .png()
        .toBuffer();
      const file = await storeAttachment(ctx, {
        ownerKind: BRAND_OWNER,
        ownerId: brandIds.get(b.key) as string,
        fileName: `${b.name}标识.png`,
        bytes,
      });
      await ctx.db
        .updateTable('brand')
        .set({ markAttachmentId: file.id })
        .where('unitId', '=', unitId)
        .where('id', '=', brandIds.get(b.key) as string)
        .execute();
      statements += 2;
    }
  }
  if (plan.cases.length) {
    await ctx.db
      .insertInto('showcaseCase')
      .values(
        plan.cases.map((c) => ({
          unitId,
          partyOrgId: c.partyOrgId,
          projectId: c.projectKey ? keys.project(c.projectKey) : null,
          brandId: c.brandKey ? (brandIds.get(c.brandKey) ?? null) : null,
          title: c.title,
          problem: c.problem,
          actions: c.actions,
          result: c.result,
          status: c.status,
          publishedOn: c.publishedOn,
          committeeSelected: c.selectedOn !== null,
          selectedOn: c.selectedOn,
        })),
      )
      .execute();
    statements++;
  }
  if (plan.pairings.length) {
    const rows = await ctx.db
      .insertInto('pairing')
      .values(
        plan.pairings.map((p) => ({
          unitId,
          partyOrgId: p.partyOrgId,
          partnerOrgId: keys.partner(p.partnerKey),
          title: p.title,
          agreement: p.agreement,
          startsOn: p.startsOn,
          endsOn: p.endsOn,
          endedOn: p.endedOn,
          endReason: p.endReason,
          version: p.events.length,
          createdAt: dateOf(p.startsOn),
        })),
      )
      .returning(['id'])
      .execute();
    const events = plan.pairings.flatMap((p, i) =>
      p.events.map((e, k) => ({
        unitId,
        pairingId: rows[i]?.id as string,
        kind: e.kind,
        happenedOn: e.on,
        note: e.note,
        byName: e.by,
        createdAt: new Date(dateOf(e.on).getTime() + k),
      })),
    );
    if (events.length) await ctx.db.insertInto('pairingEvent').values(events).execute();
    statements += 2;
  }
  if (plan.joint.length) {
    await loadJointRecords(ctx, {
      unitId,
      rows: plan.joint.map((j) => ({
        recordId: j.recordId,
        jointOrgIds: j.jointOrgIds,
        partnerOrgIds: j.partnerKeys.map((k) => keys.partner(k)),
      })),
    });
    statements += 3;
  }
  return statements;
}
