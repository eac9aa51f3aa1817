// Which organisations of an organ carry a warning level (issue 13, ADR 31): the organ's root, counting the organ as
// a whole, and its branches (a general branch or a sub-committee would count its branches twice in its subtree).
import type { Ctx } from '../../core/context.ts';
import { findOrgan, partyOrgsUnder } from '../org/index.ts';
import type { Subject } from './warning.facts.ts';

/** The organisations that carry a level: the organ's root (the organ as a whole) and its branches. */
export async function subjectsOf(ctx: Ctx, unitId: string): Promise<Subject[]> {
  const organ = await findOrgan(ctx.db, unitId);
  if (!organ?.rootPartyOrgId) return [];
  const orgs = await partyOrgsUnder(ctx.db, unitId, '');
  const root = orgs.find((o) => o.id === organ.rootPartyOrgId);
  if (!root) return [];
  return orgs
    .filter((o) => o.id === root.id || (o.kind === 'branch' && o.path.startsWith(root.path)))
    .map((o) => ({ id: o.id, name: o.name, path: o.path, kind: o.kind, isRoot: o.id === root.id }));
}
