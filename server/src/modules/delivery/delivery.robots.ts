// Group robots of 企业微信 and 钉钉 (消息推送渠道): kept by the officers who hold delivery.manage over the Party
// organisation a robot speaks for, scoped like every record of the tree (outside their subtree: 404). The webhook
// URL carries the robot's key and the 加签 secret signs for it: both are stored encrypted with the field key and
// never answered — an answer names the host and whether a secret is set. Every change is audited without them.
import { sql } from 'kysely';
import type {
  CreateRobotChannel,
  PatchRobotChannel,
  RobotChannel,
  TestSendResult,
} from '#contracts/delivery';
import type { Ctx } from '../../core/context.ts';
import { notFound, staleVersion } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { isInScope, scopeSql } from '../identity/index.ts';
import { findPartyOrgById } from '../org/index.ts';
import { postToRobot } from './delivery.channels.ts';
import { webhookHost } from './delivery.schedule.ts';

const PERMISSION = 'delivery.manage' as const;
const CHANNEL_NOT_FOUND = '该推送渠道不存在或不在您的管辖范围内';
const ORG_NOT_FOUND = '该党组织不存在或不在您的管辖范围内';

const COLUMNS = [
  'c.id',
  'c.unitId',
  'c.partyOrgId',
  'po.name as partyOrgName',
  'po.path as partyOrgPath',
  'c.kind',
  'c.name',
  'c.host',
  'c.secretCipher',
  'c.severities',
  'c.enabled',
  'c.version',
] as const;

const channels = (ctx: Ctx) =>
  ctx.db
    .selectFrom('deliveryChannel as c')
    .innerJoin('partyOrg as po', (j) =>
      j.onRef('po.unitId', '=', 'c.unitId').onRef('po.id', '=', 'c.partyOrgId'),
    )
    .select(COLUMNS);

type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof channels>['executeTakeFirst']>>>;

const toChannel = (r: Row): RobotChannel => ({
  id: r.id,
  unitId: r.unitId,
  partyOrgId: r.partyOrgId,
  partyOrgName: r.partyOrgName,
  kind: r.kind,
  name: r.name,
  host: r.host,
  hasSecret: r.secretCipher !== null,
  severities: r.severities as RobotChannel['severities'],
  enabled: r.enabled,
  version: r.version,
});

/** What the trail keeps of a channel: never its URL or secret. */
const audited = (r: {
  name: string;
  kind: string;
  host: string;
  severities: string[];
  enabled: boolean;
}) => ({
  name: r.name,
  kind: r.kind,
  host: r.host,
  severities: r.severities,
  enabled: r.enabled,
});

/** The channel when the actor manages it; 404 otherwise, as any record out of scope. */
export async function managedChannel(ctx: Ctx, id: string): Promise<Row> {
  const row = await channels(ctx).where('c.id', '=', id).executeTakeFirst();
  if (!row || !isInScope(ctx.actor, PERMISSION, row.partyOrgPath))
    throw notFound('delivery.channel_not_found', CHANNEL_NOT_FOUND);
  return row;
}

export async function listChannels(ctx: Ctx, unitId: string | undefined): Promise<RobotChannel[]> {
  let q = channels(ctx).where(scopeSql(ctx.actor, PERMISSION, 'po.path'));
  if (unitId) q = q.where('c.unitId', '=', unitId);
  return (await q.orderBy('po.path').orderBy('c.name').orderBy('c.id').execute()).map(toChannel);
}

export async function createChannel(ctx: Ctx, body: CreateRobotChannel): Promise<RobotChannel> {
  const org = await findPartyOrgById(ctx.db, body.partyOrgId);
  if (!org || !isInScope(ctx.actor, PERMISSION, org.path))
    throw notFound('delivery.org_not_found', ORG_NOT_FOUND);
  const secret = body.kind === 'dingtalk' ? (body.secret ?? null) : null;
  const inserted = await ctx.db
    .insertInto('deliveryChannel')
    .values({
      unitId: org.unitId,
      partyOrgId: org.id,
      kind: body.kind,
      name: body.name,
      webhookCipher: ctx.secrets.encrypt(body.webhookUrl),
      secretCipher: secret ? ctx.secrets.encrypt(secret) : null,
      host: webhookHost(body.webhookUrl),
      severities: sql<string[]>`${`{${(body.severities ?? ['urgent']).join(',')}}`}::text[]`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const row = await managedChannel(ctx, inserted.id);
  await recordAudit(ctx, {
    action: 'delivery.channel_create',
    entityType: 'delivery_channel',
    entityId: row.id,
    after: { ...audited(row), partyOrgId: row.partyOrgId, hasSecret: row.secretCipher !== null },
  });
  return toChannel(row);
}

export async function patchChannel(ctx: Ctx, id: string, body: PatchRobotChannel): Promise<RobotChannel> {
  const before = await managedChannel(ctx, id);
  if (before.version !== body.version) throw staleVersion(toChannel(before));
  const changes: Record<string, unknown> = {};
  if (body.name !== undefined) changes.name = body.name;
  if (body.enabled !== undefined) changes.enabled = body.enabled;
  if (body.severities !== undefined) changes.severities = sql`${`{${body.severities.join(',')}}`}::text[]`;
  if (body.webhookUrl !== undefined) {
    changes.webhookCipher = ctx.secrets.encrypt(body.webhookUrl);
    changes.host = webhookHost(body.webhookUrl);
  }
  if (body.secret !== undefined)
    changes.secretCipher =
      body.secret && before.kind === 'dingtalk' ? ctx.secrets.encrypt(body.secret) : null;
  const updated = await ctx.db
    .updateTable('deliveryChannel')
    .set({ ...changes, version: before.version + 1, updatedAt: new Date() })
    .where('unitId', '=', before.unitId)
    .where('id', '=', id)
    .where('version', '=', body.version)
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw staleVersion(toChannel(await managedChannel(ctx, id)));
  const row = await managedChannel(ctx, id);
  await recordAudit(ctx, {
    action: 'delivery.channel_update',
    entityType: 'delivery_channel',
    entityId: id,
    before: audited(before),
    after: {
      ...audited(row),
      webhookChanged: body.webhookUrl !== undefined,
      secretChanged: body.secret !== undefined,
    },
  });
  return toChannel(row);
}

/** Deletes the channel; its pending deliveries are skipped by the sender (the queue keeps its log). */
export async function deleteChannel(ctx: Ctx, id: string): Promise<{ ok: true }> {
  const before = await managedChannel(ctx, id);
  await ctx.db
    .deleteFrom('deliveryChannel')
    .where('unitId', '=', before.unitId)
    .where('id', '=', id)
    .execute();
  await recordAudit(ctx, {
    action: 'delivery.channel_delete',
    entityType: 'delivery_channel',
    entityId: id,
    before: audited(before),
  });
  return { ok: true };
}

/**
 * Posts a test message now and says whether the robot took it: the officer is waiting for exactly this answer, and
 * the post is bounded by the channel's timeout. It is not a notification and leaves nothing in the queue.
 */
export async function testChannel(ctx: Ctx, id: string): Promise<TestSendResult> {
  const row = await managedChannel(ctx, id);
  const cipher = await ctx.db
    .selectFrom('deliveryChannel')
    .select(['webhookCipher', 'secretCipher'])
    .where('unitId', '=', row.unitId)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const now = ctx.now?.() ?? new Date();
  const error = await postToRobot(
    row.kind,
    ctx.secrets.decrypt(cipher.webhookCipher),
    cipher.secretCipher ? ctx.secrets.decrypt(cipher.secretCipher) : null,
    {
      title: '融合平台测试消息',
      lines: [{ text: `“${row.partyOrgName}”的推送渠道“${row.name}”已连通。`, link: '/', severity: 'info' }],
    },
    now.getTime(),
  );
  await recordAudit(ctx, {
    action: 'delivery.channel_test',
    entityType: 'delivery_channel',
    entityId: id,
    details: { ok: error === null, error },
  });
  return { ok: error === null, error };
}
