// The coverage view (覆盖情况): for every work point of the year — the work committee's, and the organ's own items
// issued downward — who took it up at each level, with what progress, rolled up by weights. A work point that an
// expected lower list did not take up, or a duty whose owner has left, is flagged with the name of who should act.
import { type Domain, LEVEL_LABELS, LEVELS, type Level } from '#contracts/responsibility';
import type { Coverage, CoverageNode } from '#contracts/responsibility-coverage';
import { type Ctx, todayOf } from '../../core/context.ts';
import { notFound } from '../../core/errors.ts';
import { scopePaths } from '../identity/index.ts';
import { type MemberRef, memberRefs, postHoldersOf } from '../member/index.ts';
import { findOrgan, partyOrgRefs } from '../org/index.ts';
import { itemRowsOfYear } from './responsibility.items.repository.ts';
import { periodState } from './responsibility.periods.ts';
import { listWorkPoints } from './responsibility.templates.ts';
import { hasLeft, itemProgress, periodsOfItems, worstState } from './responsibility.view.ts';

type ItemRow = Awaited<ReturnType<typeof itemRowsOfYear>>[number];

/** The organ the coverage is asked for: the one named, else the organ of the actor's first scope. */
async function organOf(ctx: Ctx, unitId: string | undefined): Promise<string> {
  if (unitId) return unitId;
  const scope = scopePaths(ctx.actor, 'responsibility.read');
  const first = scope === 'all' ? undefined : scope[0]?.split('/').filter(Boolean).at(-1);
  const org = first ? (await partyOrgRefs(ctx.db, [first])).get(first) : undefined;
  if (!org) throw notFound('responsibility.organ_not_found', '请先选择一个单位');
  return org.unitId;
}

export async function coverage(
  ctx: Ctx,
  q: { year: number; unitId?: string | undefined },
): Promise<Coverage> {
  const unitId = await organOf(ctx, q.unitId);
  const organ = await findOrgan(ctx.db, unitId);
  if (!organ) throw notFound('responsibility.organ_not_found', '单位不存在或不在您的管辖范围内');
  const scope = scopePaths(ctx.actor, 'responsibility.read');
  const today = todayOf(ctx);

  const [allItems, points, lists] = await Promise.all([
    itemRowsOfYear(ctx, unitId, q.year),
    listWorkPoints(ctx, q.year),
    ctx.db
      .selectFrom('responsibilityList as l')
      .innerJoin('partyOrg as o', (j) =>
        j.onRef('o.unitId', '=', 'l.unitId').onRef('o.id', '=', 'l.partyOrgId'),
      )
      .select(['l.id', 'l.level', 'l.partyOrgId', 'l.holderMemberId', 'l.title', 'o.path', 'o.name'])
      .where('l.unitId', '=', unitId)
      .where('l.year', '=', q.year)
      .execute(),
  ]);
  // Closed duties are no longer expected of anyone.
  const items = allItems.filter((i) => i.status === 'active');
  // Only the organisations the actor may read: a branch secretary sees the branch's part of the tree.
  const visibleOrgs = await partyOrgRefs(ctx.db, [...new Set(items.map((i) => i.ownerOrgId))]);
  const readable = (path: string | undefined) =>
    scope === 'all' || (!!path && scope.some((p) => path.startsWith(p)));
  const organRoot = organ.rootPartyOrgId
    ? (await partyOrgRefs(ctx.db, [organ.rootPartyOrgId])).get(organ.rootPartyOrgId)
    : undefined;
  // The whole organ's view (the work points and who took them up) is for those who read the organ's root.
  const wholeOrgan = readable(organRoot?.path);
  if (
    !wholeOrgan &&
    !lists.some((l) => readable(l.path)) &&
    ![...visibleOrgs.values()].some((o) => readable(o.path))
  )
    throw notFound('responsibility.organ_not_found', '单位不存在或不在您的管辖范围内');
  const periods = await periodsOfItems(
    ctx,
    items.map((i) => i.id),
  );
  const members = await memberRefs(
    ctx.db,
    items.flatMap((i) => (i.ownerMemberId ? [i.ownerMemberId] : [])),
  );
  const secretaries = await postHoldersOf(
    ctx.db,
    unitId,
    lists.map((l) => l.partyOrgId),
    'secretary',
  );
  const whoFor = (orgId: string, orgName: string) => {
    const names = (secretaries.get(orgId) ?? []).map((m: MemberRef) => m.name);
    return names.length ? `${orgName}书记 ${names.join('、')}` : `${orgName}（尚未配备书记）`;
  };
  const listById = new Map(lists.map((l) => [l.id, l]));
  const children = new Map<string, ItemRow[]>();
  for (const i of items)
    if (i.parentItemId) children.set(i.parentItemId, [...(children.get(i.parentItemId) ?? []), i]);

  const nodeOf = (item: ItemRow, depth: number): CoverageNode => {
    const list = listById.get(item.listId);
    const own = periods.get(item.id) ?? [];
    const kids =
      depth < 6
        ? (children.get(item.id) ?? []).filter(
            (c) => readable(visibleOrgs.get(c.ownerOrgId)?.path) || readable(listById.get(c.listId)?.path),
          )
        : [];
    const childNodes = kids.map((c) => nodeOf(c, depth + 1));
    const flags: CoverageNode['flags'] = [];
    if (hasLeft(unitId, item.ownerMemberId, members))
      flags.push({
        kind: 'owner_left',
        message: `责任人${members.get(item.ownerMemberId ?? '')?.name ?? ''}已不在本单位，职责无人负责`,
        whoShouldAct: list ? whoFor(list.partyOrgId, list.name) : '',
      });
    if (item.issued && list) {
      const next = LEVELS[LEVELS.indexOf(list.level as Level) + 1];
      const expected = next
        ? lists.filter((l) => l.level === next && l.holderMemberId === null && l.path.startsWith(list.path))
        : [];
      const took = new Set(kids.map((k) => k.listId));
      for (const l of expected)
        if (!took.has(l.id))
          flags.push({
            kind: 'not_taken_up',
            message: `${l.name}的${LEVEL_LABELS[l.level as Level].zh}清单尚未承接此项`,
            whoShouldAct: whoFor(l.partyOrgId, l.name),
          });
      if (next && expected.length === 0 && kids.length === 0)
        flags.push({
          kind: 'not_taken_up',
          message: `尚无下级${LEVEL_LABELS[next].zh}清单承接此项`,
          whoShouldAct: whoFor(list.partyOrgId, list.name),
        });
    }
    return {
      kind: 'item',
      id: item.id,
      title: item.title,
      domain: item.domain as Domain,
      level: (list?.level as Level) ?? null,
      ownerOrgName: item.ownerOrgName,
      ownerMemberName: item.ownerMemberId ? (members.get(item.ownerMemberId)?.name ?? null) : null,
      weight: item.weight,
      progress: childNodes.length ? weighted(childNodes) : itemProgress(own),
      state: worstState(own.map((p) => periodState(p, today))),
      flags,
      children: childNodes,
    };
  };

  const roots: CoverageNode[] = [];
  const principal = lists.filter((l) => l.level === 'principal' && l.holderMemberId === null);
  for (const point of wholeOrgan ? points : []) {
    const takers = items.filter((i) => i.workPointId === point.id && !i.parentItemId);
    const childNodes = takers.map((t) => nodeOf(t, 1));
    const flags: CoverageNode['flags'] =
      takers.length === 0
        ? [
            {
              kind: 'not_taken_up',
              message: `${organ.name}尚未承接此项工作要点`,
              whoShouldAct: principal[0]
                ? whoFor(principal[0].partyOrgId, `${organ.name}党组`)
                : `${organ.name}党组（尚未建立主体责任清单）`,
            },
          ]
        : [];
    roots.push({
      kind: 'work_point',
      id: point.id,
      title: point.title,
      domain: point.domain,
      level: null,
      ownerOrgName: null,
      ownerMemberName: null,
      weight: point.weight,
      progress: childNodes.length ? weighted(childNodes) : 0,
      state: null,
      flags,
      children: childNodes,
    });
  }
  for (const item of items)
    if (item.issued && !item.parentItemId && !item.workPointId && readable(listById.get(item.listId)?.path))
      roots.push(nodeOf(item, 1));
  // A branch secretary sees the work points their branch took up, as roots of their own part.
  if (scope !== 'all' && roots.length === 0)
    for (const item of items)
      if ((item.parentItemId || item.workPointId) && readable(visibleOrgs.get(item.ownerOrgId)?.path))
        roots.push(nodeOf(item, 1));

  const flagged = countFlags(roots);
  return { year: q.year, unitName: organ.name, progress: roots.length ? weighted(roots) : 0, flagged, roots };
}

function weighted(nodes: readonly CoverageNode[]): number {
  const total = nodes.reduce((s, n) => s + n.weight, 0);
  if (total === 0) return 0;
  return Math.round((nodes.reduce((s, n) => s + n.weight * n.progress, 0) / total) * 10) / 10;
}

function countFlags(nodes: readonly CoverageNode[]): number {
  return nodes.reduce((s, n) => s + n.flags.length + countFlags(n.children), 0);
}
