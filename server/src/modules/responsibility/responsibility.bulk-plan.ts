// What a bulk load of an organ's year of responsibility data says (responsibility.bulk.ts writes it): lists, items
// with their cascade links, how each period went, reports, exemptions, liaison rows and completed handovers. Items,
// lists and exemptions name each other by refs the plan makes up; organisations and people by their ids.
import type { Domain, Level, Recurrence } from '#contracts/responsibility';

export type PlanWorkPoint = {
  seq: number;
  domain: Domain;
  category: string;
  title: string;
  detail: string | null;
  weight: number;
};

export type PlanList = {
  ref: string;
  level: Level;
  partyOrgId: string;
  /** A person's own list (一岗双责); null for the organisation's list. */
  holderMemberId: string | null;
  title: string;
  templateId: string | null;
};

export type PlanReport = {
  reportedOn: string;
  progress: number;
  done: boolean;
  note: string;
  /** The account that reported; null: the account running the load. */
  byUserId: string | null;
  byName: string;
};

/** How one period went. A period the plan does not name stays open at 0 %. */
export type PlanPeriod =
  | { status: 'open'; progress: number; reports?: PlanReport[] }
  | { status: 'done'; doneOn: string; reports?: PlanReport[] }
  | { status: 'exempt'; exemptionRef: string };

export type PlanItem = {
  ref: string;
  listRef: string;
  /** The higher item this one takes up (it must come from a list of the plan). */
  parentRef: string | null;
  /** The work committee's work point this one takes up, by its number in the year. */
  workPointSeq: number | null;
  templateKey: string | null;
  issued: boolean;
  domain: Domain;
  category: string;
  title: string;
  detail: string | null;
  weight: number;
  ownerOrgId: string;
  ownerMemberId: string | null;
  deadline: string | null;
  recurrence: Recurrence;
  recordKind: string | null;
  effectiveFrom: string;
  /** By period key ('once', '2026-Q1', '2026-03' …). */
  periods: Record<string, PlanPeriod>;
};

export type PlanExemption = {
  ref: string;
  itemRef: string;
  startsOn: string;
  expiresOn: string;
  reason: string;
  approverMemberId: string;
  requestedByName: string;
  requestedAt: Date;
  decision: { status: 'approved' | 'rejected'; byName: string; at: Date; note: string | null } | null;
};

export type PlanLiaison = {
  kind: 'point' | 'officer';
  memberId: string;
  branchOrgId: string;
  since: string;
  until: string | null;
};

/** A completed 五责交接: the plan's items already name the successor; the entries record what passed. */
export type PlanHandover = {
  fromMemberId: string;
  toMemberId: string;
  post: string;
  reason: string;
  startsOn: string;
  createdByName: string;
  completedAt: Date;
  entries: { itemRef: string; acknowledgedAt: Date | null }[];
};

export type ResponsibilityPlan = {
  /** The organ. */
  unitId: string;
  year: number;
  /** The work committee's work points of the year: added when the committee has none of that number yet. */
  workPoints: PlanWorkPoint[];
  lists: PlanList[];
  /** In any order; a parent is written before the items taking it up. */
  items: PlanItem[];
  exemptions: PlanExemption[];
  liaisons: PlanLiaison[];
  handovers: PlanHandover[];
};

export type ResponsibilityLoadResult = {
  /** False when the organ already kept lists of the year: a plan is loaded once and then left to its users. */
  loaded: boolean;
  lists: number;
  items: number;
  periods: number;
  reports: number;
  exemptions: number;
  liaisons: number;
  handovers: number;
  /** SQL statements the load ran: a handful per table and chunk, whatever the number of rows. */
  statements: number;
};
