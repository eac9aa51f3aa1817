import { type Kysely, sql } from 'kysely';

// Deliveries of notifications outside the product (issue 13 point 4, ADR 30): e-mail and the group robots of
// 企业微信 and 钉钉. A delivery is a copy of one notification row on one channel for one target, never a second
// source of messages (ADR 24): its key (notification, channel, target) makes a second enqueue a no-op.
//
// - delivery_preference (local): an account's own choices — accounts are local.
// - delivery_channel (tenant): a group robot of a Party organisation of an organ; its webhook and signing secret are
//   kept encrypted with the field key, with only the host in clear for display.
// - delivery (local): the queue. It follows the notification (local); a robot's target is a channel id without a
//   foreign key, since a local table keeps none into tenant tables (ADR 20) — a deleted channel leaves its
//   pending rows to be skipped by the sender.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table delivery_preference (
      user_id uuid primary key references app_user(id) on delete cascade,
      email text check (email is null or length(email) between 3 and 254),
      email_enabled boolean not null default false,
      quiet_from smallint check (quiet_from between 0 and 1439),
      quiet_until smallint check (quiet_until between 0 and 1439),
      version integer not null default 1,
      updated_at timestamptz not null default now(),
      check ((quiet_from is null) = (quiet_until is null))
    )`.execute(db);

  await sql`
    create table delivery_channel (
      unit_id uuid not null references unit(id),
      id uuid not null default gen_random_uuid(),
      party_org_id uuid not null,
      kind text not null check (kind in ('wecom', 'dingtalk')),
      name text not null check (length(name) between 1 and 50),
      webhook_cipher text not null,
      secret_cipher text,
      host text not null,
      severities text[] not null default '{urgent}',
      enabled boolean not null default true,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (unit_id, id),
      foreign key (unit_id, party_org_id) references party_org(unit_id, id) on update cascade
    )`.execute(db);
  await sql`create index delivery_channel_id_idx on delivery_channel (id)`.execute(db);
  await sql`create index delivery_channel_org_idx on delivery_channel (unit_id, party_org_id)`.execute(db);

  await sql`
    create table delivery (
      id uuid primary key default gen_random_uuid(),
      notification_id uuid not null references notification(id) on delete cascade,
      user_id uuid not null references app_user(id) on delete cascade,
      channel text not null check (channel in ('email', 'wecom', 'dingtalk')),
      target text not null,
      urgent boolean not null default false,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed', 'skipped')),
      attempts integer not null default 0,
      next_attempt_at timestamptz not null default now(),
      lease_until timestamptz,
      last_error text,
      sent_at timestamptz,
      created_at timestamptz not null default now(),
      unique (notification_id, channel, target)
    )`.execute(db);
  await sql`create index delivery_due_idx on delivery (next_attempt_at) where status = 'pending'`.execute(db);
  await sql`create index delivery_target_idx on delivery (channel, target, created_at desc)`.execute(db);
}
