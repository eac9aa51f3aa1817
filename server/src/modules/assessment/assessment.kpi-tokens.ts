// Push tokens and the push itself (issue 12 point 2): a business system holds a token of one organ (shown once at
// creation, kept only as a hash), pushes a batch of values with it, and every push is audited under the system's
// name. A revoked token stops at once (401). A department of another organ, or a KPI the organ does not keep, refuses
// the whole batch with the field at fault.
import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import type {
  CreatePushTokenBodySchema,
  PushBodySchema,
  PushResult,
  PushToken,
} from '#contracts/assessment-kpi';
import type { Ctx } from '../../core/context.ts';
import type { Db } from '../../core/db.ts';
import { invalid, notFound } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { findDepartmentsByCodes } from '../org/index.ts';
import { keptUnit, readableUnit } from './assessment.access.ts';
import { writeKpiValues } from './assessment.kpi-store.ts';

const PREFIX = 'rhk_';
const hashOf = (token: string) => createHash('sha256').update(token).digest('base64url');

type TokenRow = {
  id: string;
  unitId: string;
  systemName: string;
  tokenHint: string;
  createdByName: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  revokedByName: string | null;
};
export type PushCaller = Pick<TokenRow, 'id' | 'unitId' | 'systemName'>;

const view = (r: TokenRow): PushToken => ({
  id: r.id,
  systemName: r.systemName,
  hint: `${r.tokenHint}…`,
  createdByName: r.createdByName,
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
  revokedAt: r.revokedAt?.toISOString() ?? null,
  revokedByName: r.revokedByName,
});
const COLUMNS = [
  'id',
  'unitId',
  'systemName',
  'tokenHint',
  'createdByName',
  'createdAt',
  'lastUsedAt',
  'revokedAt',
  'revokedByName',
] as const;

export async function listPushTokens(ctx: Ctx, unitId: string): Promise<PushToken[]> {
  await keptUnit(ctx, unitId, 'assessment.run');
  const rows = await ctx.db
    .selectFrom('kpiPushToken')
    .select(COLUMNS)
    .where('unitId', '=', unitId)
    .orderBy('revokedAt', (o) => o.desc().nullsFirst())
    .orderBy('createdAt', 'desc')
    .execute();
  return rows.map(view);
}

/** The token itself is in this answer only; what is kept is its hash. */
export async function createPushToken(
  ctx: Ctx,
  body: z.output<typeof CreatePushTokenBodySchema>,
): Promise<PushToken & { token: string }> {
  await keptUnit(ctx, body.unitId, 'assessment.run');
  const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
  const row = await ctx.db
    .insertInto('kpiPushToken')
    .values({
      unitId: body.unitId,
      systemName: body.systemName,
      tokenHash: hashOf(token),
      tokenHint: token.slice(0, PREFIX.length + 6),
      createdByName: ctx.actor?.displayName ?? null,
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'assessment.kpi_token_create',
    entityType: 'kpi_push_token',
    entityId: row.id,
    after: { system: row.systemName, hint: row.tokenHint },
  });
  return { ...view(row), token };
}

export async function revokePushToken(ctx: Ctx, id: string): Promise<PushToken> {
  const row = await ctx.db.selectFrom('kpiPushToken').select(COLUMNS).where('id', '=', id).executeTakeFirst();
  const gone = () => notFound('assessment.kpi_token_not_found', '该推送令牌不存在或不在您的管辖范围内');
  if (!row) throw gone();
  await readableUnit(ctx, row.unitId).catch(() => {
    throw gone();
  });
  await keptUnit(ctx, row.unitId, 'assessment.run');
  if (row.revokedAt) return view(row);
  const revoked = await ctx.db
    .updateTable('kpiPushToken')
    .set({ revokedAt: new Date(), revokedByName: ctx.actor?.displayName ?? null })
    .where('id', '=', id)
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  await recordAudit(ctx, {
    action: 'assessment.kpi_token_revoke',
    entityType: 'kpi_push_token',
    entityId: id,
    details: { system: row.systemName, hint: row.tokenHint },
  });
  return view(revoked);
}

/** The organ and system a `Bearer` token pushes for; null for no token, an unknown one or a revoked one. */
export async function pushCaller(db: Db, authorization: string | undefined): Promise<PushCaller | null> {
  const m = /^Bearer\s+(\S{10,200})$/i.exec(authorization ?? '');
  if (!m?.[1]) return null;
  const row = await db
    .selectFrom('kpiPushToken')
    .select(['id', 'unitId', 'systemName', 'revokedAt'])
    .where('tokenHash', '=', hashOf(m[1]))
    .executeTakeFirst();
  if (!row || row.revokedAt) return null;
  return { id: row.id, unitId: row.unitId, systemName: row.systemName };
}

export async function pushValues(
  ctx: Ctx,
  caller: PushCaller,
  body: z.output<typeof PushBodySchema>,
): Promise<PushResult> {
  const issues: { field: string; message: string }[] = [];
  const depts = new Map(
    (
      await findDepartmentsByCodes(
        ctx.db,
        body.values.map((v) => v.departmentCode),
      )
    ).map((d) => [d.code, d]),
  );
  const kpis = new Map(
    (
      await ctx.db
        .selectFrom('businessKpi')
        .select(['code', 'name', 'active'])
        .where('unitId', '=', caller.unitId)
        .where('code', 'in', [...new Set(body.values.map((v) => v.kpiCode))])
        .execute()
    ).map((k) => [k.code, k]),
  );
  const seen = new Map<string, number>();
  const values = body.values.flatMap((v, i) => {
    const at = `body.values.${i}`;
    const before = issues.length;
    const d = depts.get(v.departmentCode);
    // Another organ's department answers like one that does not exist: the token says nothing about other organs.
    if (!d || d.unitId !== caller.unitId)
      issues.push({
        field: `${at}.departmentCode`,
        message: `本单位没有编码为“${v.departmentCode}”的业务部门，请使用组织架构中的部门编码`,
      });
    const k = kpis.get(v.kpiCode);
    if (!k)
      issues.push({
        field: `${at}.kpiCode`,
        message: `本单位业务指标目录中没有代码“${v.kpiCode}”，请先由机关党委在“业务指标”中登记`,
      });
    else if (!k.active)
      issues.push({ field: `${at}.kpiCode`, message: `业务指标“${k.name}”已停用，不再接收数值` });
    const key = `${v.departmentCode}|${v.kpiCode}|${v.periodKey}`;
    const first = seen.get(key);
    if (first !== undefined)
      issues.push({ field: `${at}.periodKey`, message: `与第 ${first + 1} 条重复（同一部门、指标和期间）` });
    else seen.set(key, i);
    if (issues.length > before || !d) return [];
    return [{ departmentId: d.id, kpiCode: v.kpiCode, periodKey: v.periodKey, value: v.value }];
  });
  if (issues.length > 0)
    throw invalid(
      'assessment.kpi_push_invalid',
      `推送的数据中有 ${issues.length} 处问题，本批次未写入任何数值`,
      issues.slice(0, 200),
    );
  const written = await writeKpiValues(ctx, caller.unitId, values, {
    source: 'push',
    tokenId: caller.id,
    systemName: caller.systemName,
  });
  await ctx.db
    .updateTable('kpiPushToken')
    .set({ lastUsedAt: new Date() })
    .where('id', '=', caller.id)
    .execute();
  return { received: body.values.length, ...written };
}
