// Table types of 党费 and 发展党员 (migration 1120, issue 10), merged into DB in db-types.ts. test/db-types.int.test.ts
// checks them against the migrated database.
import type { Generated } from 'kysely';

type DateString = string;

export type DuesBaseTable = {
  unitId: string;
  id: Generated<string>;
  memberId: string;
  /** The first day of the month the base takes effect. */
  effectiveFrom: DateString;
  category: string;
  /** The income in fen, encrypted (core/secrets); null for a member without income. */
  incomeCipher: string | null;
  rateBp: number;
  monthlyFen: number;
  note: string | null;
  version: Generated<number>;
  createdByUserId: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type DuesPaymentTable = {
  unitId: string;
  id: Generated<string>;
  memberId: string;
  paidOn: DateString;
  amountFen: number;
  source: Generated<string>;
  note: string | null;
  status: Generated<string>;
  voidReason: string | null;
  recordedByUserId: string | null;
  recordedByName: string;
  version: Generated<number>;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type DuesPaymentMonthTable = {
  unitId: string;
  paymentId: string;
  /** The first day of the month. */
  month: DateString;
  amountFen: number;
};

export type DevelopmentPersonTable = {
  unitId: string;
  id: Generated<string>;
  partyOrgId: string;
  name: string;
  gender: string;
  birthDate: DateString;
  idNumberCipher: string;
  idNumberHash: string;
  idNumberMasked: string;
  stage: string;
  appliedOn: DateString;
  activistOn: DateString | null;
  candidateOn: DateString | null;
  probationaryOn: DateString | null;
  fullOn: DateString | null;
  introducer1MemberId: string | null;
  introducer2MemberId: string | null;
  memberId: string | null;
  notes: string | null;
  version: Generated<number>;
  createdByUserId: string | null;
  createdAt: Generated<Date>;
  updatedAt: Generated<Date>;
};

export type DuesDB = {
  duesBase: DuesBaseTable;
  duesPayment: DuesPaymentTable;
  duesPaymentMonth: DuesPaymentMonthTable;
  developmentPerson: DevelopmentPersonTable;
};
