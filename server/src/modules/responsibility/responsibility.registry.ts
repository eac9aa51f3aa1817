// The responsibility module's extension points (ADR 23). Other modules register at start-up — in app.ts's one
// visible list (server/src/registrations.ts) — and this module iterates what was registered; it never reads their
// tables, and they never read its tables.
//
// - Record kinds: a kind of record another module keeps (a 主题党日, a 党课 …) that can fulfil a recurring
//   obligation ("a 主题党日 every month"). The producer answers "which records of this kind did these organisations
//   hold between these dates", and tells this module when one changed (`recordsChanged`).
// - Handover kinds: whatever a person can own that must not be left without an owner when they leave (duties,
//   approvals waiting on them, projects, findings …). The owner module lists a member's open ones and reassigns them.
import type { Ctx } from '../../core/context.ts';

export type HeldRecord = {
  id: string;
  /** The Party organisation that held it (the branch whose obligation it fulfils). */
  orgId: string;
  /** The day it took place. */
  date: string;
  title: string;
  /** Members who attended (liaison officers' and leaders' contact counts come from these). */
  attendeeMemberIds: readonly string[];
};

export type RecordKind = {
  /** Namespaced by the producing module, e.g. 'branch.theme_day'. */
  key: string;
  label: { zh: string; en: string };
  /** Records of this kind held by any of `orgIds` of organ `unitId`, from `from` to `to` inclusive. */
  find(
    ctx: Ctx,
    q: { unitId: string; orgIds: readonly string[]; from: string; to: string },
  ): Promise<HeldRecord[]>;
  /** The records of this kind that `memberId` attended in `orgIds` (for liaison contact counts). */
  attendedBy?(
    ctx: Ctx,
    q: { unitId: string; memberId: string; orgIds: readonly string[]; from: string; to: string },
  ): Promise<HeldRecord[]>;
};

export type OpenEntry = { id: string; label: string; dueOn: string | null };

export type HandoverKind = {
  /** Namespaced, e.g. 'responsibility.item'. */
  key: string;
  label: { zh: string; en: string };
  /** What `memberId` owns in organ `unitId` that is still open. */
  listOpen(ctx: Ctx, q: { unitId: string; memberId: string; today: string }): Promise<OpenEntry[]>;
  /** Passes the entries `ids` from one member to another (in the caller's transaction). */
  reassign(
    ctx: Ctx,
    q: { unitId: string; fromMemberId: string; toMemberId: string; ids: readonly string[] },
  ): Promise<void>;
};

const recordKinds = new Map<string, RecordKind>();
const handoverKinds = new Map<string, HandoverKind>();

/**
 * Traces of using software are not work (the 2024 burden-reduction rules forbid counting logins, online time,
 * clicks or check-ins): a kind that looks like one is refused at start-up, whatever module offers it.
 */
const TRACE =
  /login|logon|sign_?in|click|check_?in|online|page_?view|签到|打卡|登录|登陆|点击|在线时长|浏览量/i;

/** Registers record kinds; registering a key again replaces it (a rebuilt app in tests). */
export function registerRecordKinds(kinds: readonly RecordKind[]): void {
  for (const kind of kinds) {
    if (!/^[a-z][a-z0-9_]*\.[a-z0-9_.]+$/.test(kind.key))
      throw new Error(`record kind key must be namespaced (module.kind): ${kind.key}`);
    if (TRACE.test(kind.key) || TRACE.test(kind.label.zh) || TRACE.test(kind.label.en))
      throw new Error(
        `record kind ${kind.key} counts use of the software, not work: refused (burden-reduction rules)`,
      );
    recordKinds.set(kind.key, kind);
  }
}

export function registerHandoverKinds(kinds: readonly HandoverKind[]): void {
  for (const kind of kinds) handoverKinds.set(kind.key, kind);
}

export function recordKind(key: string): RecordKind | undefined {
  return recordKinds.get(key);
}
export function allRecordKinds(): RecordKind[] {
  return [...recordKinds.values()];
}
export function allHandoverKinds(): HandoverKind[] {
  return [...handoverKinds.values()];
}
export function handoverKind(key: string): HandoverKind | undefined {
  return handoverKinds.get(key);
}

/** Removes a registration (tests that register a kind of their own clean up after themselves). */
export function unregisterRecordKind(key: string): void {
  recordKinds.delete(key);
}
