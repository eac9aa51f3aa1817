import { randomBytes } from 'node:crypto';
import type { CaseCtx } from './authorization-requests.ts';
import { type BranchCode, fixtureMember, type Target, type World } from './authorization-world.ts';

// Fixtures of the responsibility cases of the authorisation matrix (test/authorization-cases-responsibility*.ts).
// Members come through the API (their numbers join the world's, so every answer is searched for them); lists,
// duties, reports, exemptions, handovers, liaisons and appraisals are written straight into the module's tables:
// the matrix sends hundreds of requests, each needing its own record, and what is tested is the route's answer,
// not how the record came to be.

const CHINA_OFFSET_MS = 8 * 3_600_000;
/** Today in Beijing, as the services read it (core/context todayOf). */
export const today = () => new Date(Date.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
export const YEAR = Number(today().slice(0, 4));
/** The year of the appraisals: last year's 述职评议, kept apart from this year's lists. */
export const APPRAISAL_YEAR = YEAR - 1;
export const NO_ONE = '00000000-0000-4000-8000-000000000000';
export const FOREIGN: BranchCode = 'MXB-1';

/** What every target branch holds: two more members, this year's list with one issued duty, last year's list. */
export type Standing = {
  /** A member named as holder, approver, successor, liaison (never linked to an account). */
  peer: string;
  /** A member who hands over and owns nothing, so a handover from them moves nothing. */
  leaver: string;
  list: string;
  item: string;
  period: string;
  /** Last year's personal list of `peer`, the one the appraisal cases report on. */
  appraisalList: string;
};
/** The caller's own member (in the home branch), and a duty of theirs with its period. */
export type Mine = { member: string; item: string; period: string };

type Cache = {
  standing: Map<BranchCode, Promise<Standing>>;
  mine: Map<string, Promise<Mine>>;
  theirs?: Promise<Mine>;
  workPoint?: Promise<string>;
};
const caches = new WeakMap<World, Cache>();
function cache(w: World): Cache {
  let c = caches.get(w);
  if (!c) {
    c = { standing: new Map(), mine: new Map() };
    caches.set(w, c);
  }
  return c;
}
const once = <K, V>(map: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> => {
  let p = map.get(key);
  if (!p) {
    p = make();
    map.set(key, p);
  }
  return p;
};

export function standing(w: World, t: Target): Promise<Standing> {
  return once(cache(w).standing, t.code, async () => {
    const peer = (await fixtureMember(w, t.code, t.org.id, `${t.code}组织委员`)).id;
    const leaver = (await fixtureMember(w, t.code, t.org.id, `${t.code}原组织委员`)).id;
    const list = await newList(w, t, { year: YEAR, holder: null });
    const { item, period } = await newItem(w, t, list, { issued: true, period: true });
    const appraisalList = await newList(w, t, { year: APPRAISAL_YEAR, holder: peer });
    return { peer, leaver, list, item, period: period as string, appraisalList };
  });
}

/**
 * Links the caller's account to a member of its own in the home branch, who owns one duty; the caller without a
 * session gets the home branch's standing records (its requests never get past the sign-in check).
 */
export async function mine(c: CaseCtx): Promise<Mine> {
  const home = await standing(c.w, c.w.home);
  if (!c.h.userId) return { member: home.peer, item: home.item, period: home.period };
  const own = await once(cache(c.w).mine, c.h.userId, async () => {
    const member = (await fixtureMember(c.w, c.w.home.code, c.w.home.org.id, `${c.h.username}本人`)).id;
    const duty = await newItem(c.w, c.w.home, home.list, { owner: member, period: true });
    return { member, item: duty.item, period: duty.period as string };
  });
  await c.w.t.database.db
    .updateTable('appUser')
    .set({ memberId: own.member })
    .where('id', '=', c.h.userId)
    .execute();
  return own;
}

/** A duty of another organ's member: what "another account's record" means for one's own duties. */
export function theirs(w: World): Promise<Mine> {
  const c = cache(w);
  c.theirs ??= (async () => {
    const t = w.targets[FOREIGN];
    const s = await standing(w, t);
    const duty = await newItem(w, t, s.list, { owner: s.peer, period: true });
    return { member: s.peer, item: duty.item, period: duty.period as string };
  })();
  return c.theirs;
}

export async function newList(
  w: World,
  t: Target,
  o: { year: number; holder: string | null },
): Promise<string> {
  const row = await w.t.database.db
    .insertInto('responsibilityList')
    .values({
      unitId: t.unit.id,
      year: o.year,
      level: 'implementing',
      partyOrgId: t.org.id,
      holderMemberId: o.holder,
      title: `${o.year}年度${t.code}${o.holder ? '个人' : ''}落实责任清单`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** A one-off duty due at the end of this year, with its one period when asked. */
export async function newItem(
  w: World,
  t: Target,
  listId: string,
  o: { owner?: string | null; issued?: boolean; period?: boolean } = {},
): Promise<{ item: string; period: string | null }> {
  const db = w.t.database.db;
  const item = await db
    .insertInto('responsibilityItem')
    .values({
      unitId: t.unit.id,
      listId,
      issued: o.issued ?? false,
      seq: w.seq(),
      domain: 'party',
      category: '组织建设',
      title: `矩阵职责${w.seq()}`,
      detail: null,
      weight: 1,
      ownerOrgId: t.org.id,
      ownerMemberId: o.owner ?? null,
      deadline: `${YEAR}-12-31`,
      recurrence: 'none',
      recordKind: null,
      effectiveFrom: `${YEAR}-01-01`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!o.period) return { item: item.id, period: null };
  const period = await db
    .insertInto('responsibilityPeriod')
    .values({
      unitId: t.unit.id,
      itemId: item.id,
      periodKey: 'once',
      startsOn: `${YEAR}-01-01`,
      dueOn: `${YEAR}-12-31`,
      exemptionId: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { item: item.id, period: period.id };
}

/** A pending exemption for January (its approval exempts no period the other cases report on). */
export async function newExemption(w: World, t: Target, itemId: string, approver: string): Promise<string> {
  const row = await w.t.database.db
    .insertInto('responsibilityExemption')
    .values({
      unitId: t.unit.id,
      itemId,
      startsOn: `${YEAR}-01-01`,
      expiresOn: `${YEAR}-01-31`,
      reason: '一月份全员外出执行专项任务',
      approverMemberId: approver,
      requestedByName: '矩阵测试',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function newHandover(
  w: World,
  t: Target,
  o: { from: string; to: string; kind?: 'handover' | 'delegation'; entry?: string },
): Promise<string> {
  const db = w.t.database.db;
  const delegation = o.kind === 'delegation';
  const row = await db
    .insertInto('handover')
    .values({
      unitId: t.unit.id,
      kind: delegation ? 'delegation' : 'handover',
      fromMemberId: o.from,
      toMemberId: o.to,
      post: '支部组织委员',
      reason: delegation ? '休假期间委托' : '工作调动',
      startsOn: today(),
      endsOn: delegation ? `${YEAR}-12-31` : null,
      status: 'completed',
      createdByName: '矩阵测试',
      completedAt: new Date(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (o.entry)
    await db
      .insertInto('handoverEntry')
      .values({
        unitId: t.unit.id,
        handoverId: row.id,
        entryKind: 'responsibility.item',
        entryId: o.entry,
        label: '矩阵职责（交接）',
        acknowledgedAt: null,
      })
      .execute();
  return row.id;
}

export async function newLiaison(
  w: World,
  t: Target,
  o: { member: string; kind: 'point' | 'officer' },
): Promise<string> {
  const row = await w.t.database.db
    .insertInto('liaison')
    .values({
      unitId: t.unit.id,
      kind: o.kind,
      memberId: o.member,
      branchOrgId: t.org.id,
      since: `${YEAR}-01-01`,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Removes the appraisal of the target's appraisal list (one per list), so that a new one can be made. */
export async function clearAppraisal(w: World, t: Target): Promise<Standing> {
  const s = await standing(w, t);
  await w.t.database.db
    .deleteFrom('reportAppraisal')
    .where('unitId', '=', t.unit.id)
    .where('listId', '=', s.appraisalList)
    .execute();
  return s;
}

/** A fresh appraisal of the target's appraisal list by `author`, with rating seats for `raters`. */
export async function newAppraisal(
  w: World,
  t: Target,
  o: { author: string; submitted?: boolean; raters?: string[] },
): Promise<string> {
  const s = await clearAppraisal(w, t);
  const db = w.t.database.db;
  const row = await db
    .insertInto('reportAppraisal')
    .values({
      unitId: t.unit.id,
      listId: s.appraisalList,
      year: APPRAISAL_YEAR,
      authorMemberId: o.author,
      status: o.submitted ? 'submitted' : 'draft',
      summary: `${APPRAISAL_YEAR} 年度抓党建工作述职`,
      body: JSON.stringify({ lines: [] }),
      submittedAt: o.submitted ? new Date() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (o.raters?.length)
    await db
      .insertInto('reportRating')
      .values(o.raters.map((m) => ({ unitId: t.unit.id, reportId: row.id, raterMemberId: m })))
      .execute();
  return row.id;
}

export const PDF = Buffer.from('%PDF-1.4\n% 矩阵测试佐证材料\n%%EOF\n');

/** A progress report on `duty` written by the account `userId`, with one evidence file when asked. */
export async function newReport(
  w: World,
  t: Target,
  duty: { item: string; period: string },
  userId: string,
  withFile = false,
): Promise<{ report: string; file: string | null }> {
  const db = w.t.database.db;
  const report = await db
    .insertInto('progressReport')
    .values({
      unitId: t.unit.id,
      itemId: duty.item,
      periodId: duty.period,
      reportedOn: today(),
      progress: 20,
      note: '已召开支委会研究部署',
      links: '[]',
      reportedByUserId: userId,
      reportedByName: '矩阵测试',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (!withFile) return { report: report.id, file: null };
  const file = await db
    .insertInto('evidenceFile')
    .values({
      unitId: t.unit.id,
      reportId: report.id,
      fileName: '会议记录.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      content: PDF,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { report: report.id, file: file.id };
}

/** A multipart body with one PDF in field `file`. */
export function pdfUpload() {
  const boundary = `----ronghe${randomBytes(8).toString('hex')}`;
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\nContent-Type: application/pdf\r\n\r\n`;
  return {
    payload: Buffer.concat([Buffer.from(head), PDF, Buffer.from(`\r\n--${boundary}--\r\n`)]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** This year's work point of the work committee that the reading cases look for. */
export function standingWorkPoint(w: World): Promise<string> {
  const c = cache(w);
  c.workPoint ??= (async () => {
    const row = await w.t.database.db
      .insertInto('workPoint')
      .values({
        workCommitteeUnitId: await workCommitteeUnit(w),
        year: YEAR,
        seq: 1000,
        domain: 'fusion',
        category: '融合发展',
        title: '矩阵工作要点：党建引领优化营商环境',
        detail: null,
        weight: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  })();
  return c.workPoint;
}

export async function workCommitteeUnit(w: World): Promise<string> {
  const row = await w.t.database.db
    .selectFrom('unit')
    .select('id')
    .where('kind', '=', 'work_committee')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The newest template version (the standard one, or one a case published since). */
export async function latestTemplate(w: World) {
  return w.t.database.db
    .selectFrom('responsibilityTemplate')
    .select(['id', 'version', 'items'])
    .orderBy('version', 'desc')
    .executeTakeFirstOrThrow();
}
