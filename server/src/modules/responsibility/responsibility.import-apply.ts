// Importing a list's duties: each row's organisation, person, parent duty and work point resolved by the names people
// type, then written through the same services as the pages (createItem / patchItem: periods made, checks and
// audit entries the same). A row matches the list's active duty of the same 职责内容; only what differs is updated,
// so the same file imported twice changes nothing. The caller runs this in one transaction and rolls it back on any
// issue.
import { type SqlBool, sql } from 'kysely';
import type { z } from 'zod';
import {
  type CreateItemBody,
  CreateItemBodySchema,
  LEVELS,
  type Level,
  type PatchItemBody,
  PatchItemBodySchema,
  RECURRENCE_LABELS,
} from '#contracts/responsibility';
import type { FileImportResult } from '#contracts/responsibility-files';
import type { Ctx } from '../../core/context.ts';
import { AppError } from '../../core/errors.ts';
import { isInScope } from '../identity/index.ts';
import { activeMembersNamed, memberRefs, type NamedMember } from '../member/index.ts';
import { type DirectoryOrg, loadOrgDirectory, orgNameKey } from '../org/index.ts';
import type { ListRow } from './responsibility.access.ts';
import { type Issue, type ItemInput, plain, sameText } from './responsibility.import.ts';
import { itemRowsOfLists } from './responsibility.items.repository.ts';
import { createItem, patchItem } from './responsibility.items.ts';
import { ITEM_COLUMNS, type ItemColumnKey } from './responsibility.sheets.ts';
import { listWorkPoints } from './responsibility.templates.ts';
import type { ItemBaseRow } from './responsibility.view.ts';

const HEADER = new Map(ITEM_COLUMNS.map((c) => [c.key, c.header]));
const rank = (level: string) => LEVELS.indexOf(level as Level);
export const titleKey = (title: string) => plain(title) ?? '';

/** Where a service's or schema's complaint about a field belongs in the file. */
const FIELD_COLUMN: Record<string, ItemColumnKey> = {
  ownerOrgId: 'ownerOrgName',
  ownerMemberId: 'ownerMember',
  recordKind: 'recurrence',
  recurrence: 'recurrence',
  effectiveFrom: 'effectiveFrom',
  deadline: 'deadline',
  parentItemId: 'parent',
  workPointId: 'workPoint',
  domain: 'domain',
  category: 'category',
  title: 'title',
  detail: 'detail',
  weight: 'weight',
  issued: 'issued',
};

type Resolved = {
  input: ItemInput;
  ownerOrg: DirectoryOrg;
  ownerMemberId: string | null;
  parentItemId: string | null | undefined;
  workPointId: string | null | undefined;
  existing: ItemBaseRow | undefined;
};

type ParentCandidate = {
  id: string;
  seq: number;
  title: string;
  listId: string;
  listTitle: string;
  level: string;
  listOrgPath: string;
};

/** Duties of the organ's other lists of the year that this list may take up (the rule of createItem). */
async function parentCandidates(ctx: Ctx, list: ListRow): Promise<ParentCandidate[]> {
  const rows = await ctx.db
    .selectFrom('responsibilityItem as i')
    .innerJoin('responsibilityList as l', (j) =>
      j.onRef('l.unitId', '=', 'i.unitId').onRef('l.id', '=', 'i.listId'),
    )
    .innerJoin('partyOrg as lo', (j) =>
      j.onRef('lo.unitId', '=', 'l.unitId').onRef('lo.id', '=', 'l.partyOrgId'),
    )
    .innerJoin('partyOrg as oo', (j) =>
      j.onRef('oo.unitId', '=', 'i.unitId').onRef('oo.id', '=', 'i.ownerOrgId'),
    )
    .select(['i.id', 'i.seq', 'i.title', 'i.issued', 'i.listId', 'l.title as listTitle', 'l.level'])
    .select(['lo.path as listOrgPath', 'oo.path as ownerOrgPath'])
    .where('i.unitId', '=', list.unitId)
    .where('l.year', '=', list.year)
    .where('i.status', '=', 'active')
    .where('i.listId', '!=', list.id)
    .execute();
  return rows.filter(
    (r) =>
      rank(r.level) <= rank(list.level) &&
      (isInScope(ctx.actor, 'responsibility.read', r.listOrgPath) ||
        isInScope(ctx.actor, 'responsibility.read', r.ownerOrgPath) ||
        (r.issued && list.orgPath.startsWith(r.listOrgPath))),
  );
}

/** By 序号 or by title; among several, those of the nearest list above (deepest organisation, nearest level). */
function pickParent(candidates: readonly ParentCandidate[], value: string): ParentCandidate[] {
  const found = /^\d+$/.test(value)
    ? candidates.filter((c) => c.seq === Number(value))
    : candidates.filter((c) => titleKey(c.title) === titleKey(value));
  const nearness = (c: ParentCandidate) => c.listOrgPath.length * 10 + rank(c.level);
  const best = Math.max(...found.map(nearness));
  return found.filter((c) => nearness(c) === best);
}

export async function applyItems(
  ctx: Ctx,
  list: ListRow,
  sheet: string,
  rows: readonly ItemInput[],
  /** False when the cells already failed: the names are still resolved, to report every problem at once. */
  write: boolean,
): Promise<{ counts: FileImportResult; issues: Issue[] }> {
  const issues: Issue[] = [];
  const fail = (input: ItemInput, key: ItemColumnKey, reason: string, value?: string | null) => {
    issues.push({
      sheet,
      row: input.row,
      column: HEADER.get(key) ?? key,
      value: value === undefined ? (plain(input[key as keyof ItemInput]) ?? null) : value,
      reason,
    });
  };
  const live = rows.filter((r) => !r.failed);
  const [directory, members, candidates, points, existingRows] = await Promise.all([
    loadOrgDirectory(ctx, sql<SqlBool>`unit_id = ${list.unitId}`),
    activeMembersNamed(
      ctx,
      list.unitId,
      live.flatMap((r) => (r.ownerMember ? [r.ownerMember] : [])),
    ),
    parentCandidates(ctx, list),
    listWorkPoints(ctx, list.year),
    itemRowsOfLists(ctx, [list.id]),
  ]);
  const existing = existingRows.filter((r) => r.status === 'active');
  const currentOwners = await memberRefs(
    ctx.db,
    existing.flatMap((e) => (e.ownerMemberId ? [e.ownerMemberId] : [])),
  );
  const listOrg = [...directory.byCode.values()].find((o) => o.id === list.partyOrgId);

  const seen = new Map<string, number>();
  const resolved: Resolved[] = [];
  for (const input of live) {
    const before = issues.length;
    const key = titleKey(input.title ?? '');
    const first = seen.get(key);
    if (first !== undefined)
      fail(input, 'title', `与第 ${first} 行的职责内容重复，同一清单内每条职责的内容应不同`);
    else seen.set(key, input.row);
    const same = existing.filter((e) => titleKey(e.title) === key);
    if (same.length > 1)
      fail(
        input,
        'title',
        `清单中已有 ${same.length} 条内容相同的职责，无法确定更新哪一条，请先在系统中修改其中一条的内容`,
      );

    // The owner organisation: by code, else by name, else the list's own.
    let ownerOrg: DirectoryOrg | undefined = listOrg;
    if (input.ownerOrgCode) {
      ownerOrg = directory.byCode.get(input.ownerOrgCode);
      if (!ownerOrg) fail(input, 'ownerOrgCode', `本单位没有编码为“${input.ownerOrgCode}”的党组织`);
    } else if (input.ownerOrgName) {
      const named = [
        ...new Map(
          (directory.byName.get(orgNameKey(input.ownerOrgName)) ?? []).map((o) => [o.id, o]),
        ).values(),
      ];
      ownerOrg = named.length === 1 ? named[0] : undefined;
      if (named.length === 0) fail(input, 'ownerOrgName', `本单位没有名为“${input.ownerOrgName}”的党组织`);
      if (named.length > 1)
        fail(
          input,
          'ownerOrgName',
          `本单位有 ${named.length} 个党组织名为“${input.ownerOrgName}”，请在“党组织编码”列填写编码`,
        );
    }
    const orgColumn = input.ownerOrgCode ? 'ownerOrgCode' : 'ownerOrgName';
    if (ownerOrg && ownerOrg.status !== 'active')
      fail(input, orgColumn, `“${ownerOrg.name}”已撤销，不能再承担职责`);
    else if (ownerOrg && !ownerOrg.path.startsWith(list.orgPath))
      fail(input, orgColumn, `责任党组织须是“${list.orgName}”或其下级党组织，“${ownerOrg.name}”不是`);

    // The owner person: a member of the owner organisation or below, told apart by the ID number's tail.
    const match = same.length === 1 ? same[0] : undefined;
    let ownerMemberId: string | null = null;
    if (input.ownerMember && ownerOrg) {
      const name = input.ownerMember;
      const within = members.filter(
        (m: NamedMember) => m.name === name && m.orgPath.startsWith(ownerOrg.path),
      );
      const told = input.idTail ? within.filter((m) => m.idTail === input.idTail) : within;
      const kept = match?.ownerMemberId && currentOwners.get(match.ownerMemberId)?.name === name;
      // The name of the person the duty already has means that person (an export re-imported, a namesake or not).
      if (kept && !input.idTail) ownerMemberId = match.ownerMemberId;
      else if (told.length === 1) ownerMemberId = (told[0] as NamedMember).id;
      else if (told.length === 0 && within.length > 0)
        fail(
          input,
          'idTail',
          `“${ownerOrg.name}”的党员“${name}”的身份证号后 4 位不是 ${input.idTail}`,
          input.idTail,
        );
      else if (told.length === 0)
        fail(input, 'ownerMember', `“${name}”不是“${ownerOrg.name}”（含下级组织）的在册党员`);
      else
        fail(
          input,
          'ownerMember',
          `“${ownerOrg.name}”（含下级组织）有 ${told.length} 名党员叫“${name}”，请在“身份证号后4位”列填写其身份证号后 4 位以便区分`,
        );
    }

    let parentItemId: string | null | undefined;
    if (input.parent) {
      const found = pickParent(candidates, input.parent);
      if (found.length === 1) parentItemId = (found[0] as ParentCandidate).id;
      else if (found.length === 0)
        fail(
          input,
          'parent',
          `没有找到可承接的上级职责“${input.parent}”：请填写${list.year}年度上级清单中职责的内容或序号`,
        );
      else
        fail(
          input,
          'parent',
          `“${input.parent}”对应多条上级职责（${found.map((f) => f.listTitle).join('、')}），请改填职责内容`,
        );
    }
    let workPointId: string | null | undefined;
    if (input.workPoint) {
      const value = input.workPoint;
      const found = /^\d+$/.test(value)
        ? points.filter((p) => p.seq === Number(value))
        : points.filter((p) => titleKey(p.title) === titleKey(value));
      if (found.length === 1) workPointId = found[0]?.id;
      else if (found.length === 0)
        fail(input, 'workPoint', `工委${list.year}年度工作要点中没有“${value}”，请填写要点的内容或序号`);
      else fail(input, 'workPoint', `有 ${found.length} 项工作要点内容为“${value}”，请改填序号`);
    }

    if (input.recurrence === 'none' && !input.deadline) fail(input, 'deadline', '一次性职责须填写完成时限');
    if (input.effectiveFrom && input.effectiveFrom.slice(0, 4) !== String(list.year))
      fail(input, 'effectiveFrom', `起算日期应在清单所属的 ${list.year} 年度内`);
    if (match) {
      const fixed: [ItemColumnKey, boolean, string][] = [
        [
          'recurrence',
          input.recurrence !== match.recurrence,
          `已按“${RECURRENCE_LABELS[match.recurrence as 'none'].zh}”建立`,
        ],
        [
          'effectiveFrom',
          !!input.effectiveFrom && input.effectiveFrom !== match.effectiveFrom,
          `已从 ${match.effectiveFrom} 起算`,
        ],
        ['parent', parentItemId !== undefined && parentItemId !== match.parentItemId, '已有承接关系'],
        ['workPoint', workPointId !== undefined && workPointId !== match.workPointId, '已有承接关系'],
      ];
      for (const [column, differs, now] of fixed)
        if (differs)
          fail(
            input,
            column,
            `该职责${now}，${HEADER.get(column)}不能通过导入修改；如需调整，请在系统中关闭原职责后重新建立`,
          );
    }
    if (issues.length === before && ownerOrg)
      resolved.push({ input, ownerOrg, ownerMemberId, parentItemId, workPointId, existing: match });
  }
  if (issues.length > 0 || !write)
    return { counts: { rows: rows.length, created: 0, updated: 0, unchanged: 0 }, issues };

  const counts = { rows: rows.length, created: 0, updated: 0, unchanged: 0 };
  for (const r of resolved) {
    const complain = (field: string, message: string) =>
      fail(r.input, FIELD_COLUMN[field.replace(/^body\./, '').split('.')[0] ?? ''] ?? 'title', message);
    try {
      if (r.existing) {
        const patch = patchOf(r);
        if (Object.keys(patch).length === 0) {
          counts.unchanged++;
          continue;
        }
        const body = PatchItemBodySchema.safeParse({ ...patch, version: r.existing.version });
        if (!body.success) for (const i of body.error.issues) complain(String(i.path[0] ?? ''), i.message);
        else {
          await patchItem(ctx, r.existing.id, body.data as PatchItemBody);
          counts.updated++;
        }
      } else {
        const body = CreateItemBodySchema.safeParse(createOf(r));
        if (!body.success) for (const i of body.error.issues) complain(String(i.path[0] ?? ''), i.message);
        else {
          await createItem(ctx, list.id, body.data as z.output<typeof CreateItemBodySchema>);
          counts.created++;
        }
      }
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
      for (const i of error.extra.issues ?? [{ field: 'title', message: error.message }])
        complain(i.field, i.message);
    }
  }
  return { counts, issues };
}

function createOf(r: Resolved): Partial<CreateItemBody> {
  const i = r.input;
  return {
    parentItemId: r.parentItemId ?? null,
    workPointId: r.workPointId ?? null,
    issued: i.issued ?? false,
    domain: i.domain ?? undefined,
    category: i.category ?? undefined,
    title: i.title ?? undefined,
    detail: i.detail,
    weight: i.weight ?? 1,
    ownerOrgId: r.ownerOrg.id,
    ownerMemberId: r.ownerMemberId,
    deadline: i.deadline,
    recurrence: i.recurrence ?? undefined,
    ...(i.effectiveFrom ? { effectiveFrom: i.effectiveFrom } : {}),
  };
}

/** Only what differs: the file is the truth for the texts, owners and deadline; blank settings keep theirs. */
function patchOf(r: Resolved): Omit<PatchItemBody, 'version'> {
  const i = r.input;
  const e = r.existing as ItemBaseRow;
  const patch: Omit<PatchItemBody, 'version'> = {};
  if (i.domain && i.domain !== e.domain) patch.domain = i.domain;
  if (i.category && !sameText(i.category, e.category)) patch.category = i.category;
  if (!sameText(i.detail, e.detail)) patch.detail = i.detail;
  if (i.weight !== null && i.weight !== Number(e.weight)) patch.weight = i.weight;
  if (i.issued !== null && i.issued !== e.issued) patch.issued = i.issued;
  if (r.ownerOrg.id !== e.ownerOrgId) patch.ownerOrgId = r.ownerOrg.id;
  if (r.ownerMemberId !== e.ownerMemberId) patch.ownerMemberId = r.ownerMemberId;
  if ((i.deadline ?? null) !== (e.deadline ?? null)) patch.deadline = i.deadline;
  return patch;
}
