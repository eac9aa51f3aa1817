// Table types of deliveries (migration 2026-12-08-0100, issue 13 point 4, ADR 30), merged into DB in db-types.ts.
// test/db-types.int.test.ts checks them against the migrated database.
import type { Generated } from 'kysely';

export type DeliveryPreferenceTable = {
  userId: string;
  email: string | null;
  emailEnabled: Generated<boolean>;
  /** Minutes after midnight, China time; both null: no quiet hours. */
  quietFrom: number | null;
  quietUntil: number | null;
  version: Generated<number>;
  updatedAt: Generated<Date>;
};

export type DeliveryChannelTable = {
  unitId: string;
  id: Generated<string>;
  partyOrgId: string;
  kind: 'wecom' | 'dingtalk';
  name: string;
  /** The webhook URL, encrypted with the field key: never answered. */
  webhookCipher: string;
  secretCipher: string | null;
  host: string;
  severities: Generated<string[]>;
  enabled: Generated<boolean>;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type DeliveryTable = {
  id: Generated<string>;
  notificationId: string;
  userId: string;
  channel: 'email' | 'wecom' | 'dingtalk';
  /** The recipient account for e-mail, the channel id for a robot. */
  target: string;
  urgent: Generated<boolean>;
  status: Generated<'pending' | 'sent' | 'failed' | 'skipped'>;
  attempts: Generated<number>;
  nextAttemptAt: Generated<Date>;
  leaseUntil: Date | null;
  lastError: string | null;
  sentAt: Date | null;
  createdAt: Generated<Date>;
};

export type DeliveryDB = {
  deliveryPreference: DeliveryPreferenceTable;
  deliveryChannel: DeliveryChannelTable;
  delivery: DeliveryTable;
};
