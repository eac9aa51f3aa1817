// A person's own delivery choices (消息接收设置): an address for mail, whether they want mail, and quiet hours.
// Nothing leaves the product until they opt in (no row: in-app only). Their own only, reached signed in; saving is
// audited, as every write is, without the address itself in the trail.
import type { DeliveryPreferences, PutDeliveryPreferences } from '#contracts/delivery';
import type { Ctx } from '../../core/context.ts';
import { staleVersion, unauthenticated } from '../../core/errors.ts';
import { recordAudit } from '../audit/index.ts';
import { clockToMinutes, minutesToClock } from './delivery.schedule.ts';

function ownerOf(ctx: Ctx): string {
  if (!ctx.actor) throw unauthenticated();
  return ctx.actor.userId;
}

type Row = {
  email: string | null;
  emailEnabled: boolean;
  quietFrom: number | null;
  quietUntil: number | null;
  version: number;
};

const NONE: Row = { email: null, emailEnabled: false, quietFrom: null, quietUntil: null, version: 0 };

const toPreferences = (r: Row, emailAvailable: boolean): DeliveryPreferences => ({
  email: r.email,
  emailEnabled: r.emailEnabled,
  quietFrom: r.quietFrom === null ? null : minutesToClock(r.quietFrom),
  quietUntil: r.quietUntil === null ? null : minutesToClock(r.quietUntil),
  emailAvailable,
  version: r.version,
});

async function readOwn(ctx: Ctx, userId: string): Promise<Row> {
  const row = await ctx.db
    .selectFrom('deliveryPreference')
    .select(['email', 'emailEnabled', 'quietFrom', 'quietUntil', 'version'])
    .where('userId', '=', userId)
    .executeTakeFirst();
  return row ?? NONE;
}

export async function ownPreferences(ctx: Ctx, emailAvailable: boolean): Promise<DeliveryPreferences> {
  return toPreferences(await readOwn(ctx, ownerOf(ctx)), emailAvailable);
}

export async function saveOwnPreferences(
  ctx: Ctx,
  body: PutDeliveryPreferences,
  emailAvailable: boolean,
): Promise<DeliveryPreferences> {
  const userId = ownerOf(ctx);
  const before = await readOwn(ctx, userId);
  if (before.version !== body.version) throw staleVersion(toPreferences(before, emailAvailable));
  const values = {
    email: body.email,
    emailEnabled: body.emailEnabled,
    quietFrom: body.quietFrom === null ? null : clockToMinutes(body.quietFrom),
    quietUntil: body.quietUntil === null ? null : clockToMinutes(body.quietUntil),
  };
  // The version in the where clause turns a race between two tabs into a 409, not a silent overwrite.
  const row =
    before.version === 0
      ? await ctx.db
          .insertInto('deliveryPreference')
          .values({ userId, ...values })
          .onConflict((oc) => oc.column('userId').doNothing())
          .returning(['email', 'emailEnabled', 'quietFrom', 'quietUntil', 'version'])
          .executeTakeFirst()
      : await ctx.db
          .updateTable('deliveryPreference')
          .set({ ...values, version: before.version + 1, updatedAt: new Date() })
          .where('userId', '=', userId)
          .where('version', '=', body.version)
          .returning(['email', 'emailEnabled', 'quietFrom', 'quietUntil', 'version'])
          .executeTakeFirst();
  if (!row) throw staleVersion(toPreferences(await readOwn(ctx, userId), emailAvailable));
  await recordAudit(ctx, {
    action: 'delivery.preferences_update',
    entityType: 'app_user',
    entityId: userId,
    before: { emailEnabled: before.emailEnabled, quietFrom: before.quietFrom, quietUntil: before.quietUntil },
    after: { emailEnabled: row.emailEnabled, quietFrom: row.quietFrom, quietUntil: row.quietUntil },
  });
  return toPreferences(row, emailAvailable);
}
