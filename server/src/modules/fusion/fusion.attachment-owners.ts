// What the fusion module registers with the attachment registry (ADR 26): a brand's files (its mark and the documents
// that back its elements) and a typical case's photos. Read by whoever reads the brand or the case; kept by the
// branch while it may edit them; a pairing's agreement files (协议).
import type { Ctx } from '../../core/context.ts';
import type { AttachmentOwnerKind } from '../attachment/index.ts';
import { isInScope } from '../identity/index.ts';
import { BRAND_OWNER, readableBrand } from './fusion.brands.ts';
import { CASE_OWNER, readableCase } from './fusion.cases.ts';
import { PAIRING_OWNER, pairingAccess } from './fusion.pairings.ts';

const quietly = async <T>(fn: () => Promise<T>): Promise<T | null> => {
  try {
    return await fn();
  } catch {
    return null;
  }
};

export const FUSION_ATTACHMENT_OWNERS: AttachmentOwnerKind[] = [
  {
    kind: BRAND_OWNER,
    label: { zh: '支部品牌', en: 'Branch brand' },
    unitOf: async (ctx: Ctx, id) =>
      (await ctx.db.selectFrom('brand').select('unitId').where('id', '=', id).executeTakeFirst())?.unitId ??
      null,
    canRead: async (ctx, id) => !!(await quietly(() => readableBrand(ctx, id))),
    canWrite: async (ctx, id) => {
      const row = await quietly(() => readableBrand(ctx, id));
      return !!row && isInScope(ctx.actor, 'fusion.project', row.orgPath);
    },
    maxFiles: 20,
  },
  {
    kind: CASE_OWNER,
    label: { zh: '典型案例', en: 'Typical case' },
    unitOf: async (ctx: Ctx, id) =>
      (await ctx.db.selectFrom('showcaseCase').select('unitId').where('id', '=', id).executeTakeFirst())
        ?.unitId ?? null,
    canRead: async (ctx, id) => !!(await quietly(() => readableCase(ctx, id))),
    canWrite: async (ctx, id) => {
      const row = await quietly(() => readableCase(ctx, id));
      return (
        !!row &&
        isInScope(ctx.actor, 'fusion.project', row.orgPath) &&
        (row.status === 'draft' || row.status === 'returned')
      );
    },
    maxFiles: 9,
  },
  {
    kind: PAIRING_OWNER,
    label: { zh: '结对共建协议', en: 'Pairing agreement' },
    unitOf: async (ctx: Ctx, id) => (await pairingAccess(ctx, id))?.unitId ?? null,
    canRead: async (ctx, id) => (await pairingAccess(ctx, id))?.readable ?? false,
    canWrite: async (ctx, id) => (await pairingAccess(ctx, id))?.writable ?? false,
    maxFiles: 10,
  },
];
