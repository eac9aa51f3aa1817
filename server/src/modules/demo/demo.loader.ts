import type { Ctx } from '../../core/context.ts';
import { invalid } from '../../core/errors.ts';
import { createUser, findUserIdByUsername } from '../identity/index.ts';
import { applyMemberImport, findMemberIdByIdNumber } from '../member/index.ts';
import { applyOrganisationImport, findPartyOrgByCode } from '../org/index.ts';
import { type DemoOptions, generateDemoOrgan } from './demo.generator.ts';

/** The one password of every demo account: demo data only, documented in the README. */
export const DEMO_PASSWORD = 'Demo-Pass-2026';

export type DemoProgress = (stage: string, done: number, total: number) => void;
export type DemoLoadResult = {
  orgs: { created: number; updated: number; unchanged: number };
  members: { created: number; updated: number; unchanged: number };
  accountsCreated: string[];
};

/**
 * Loads (or re-applies) the generated demo organ through the same import services people use, so the demo data
 * passes every rule real data does. Running it again with the same seed changes nothing.
 */
export async function loadDemoOrgan(
  ctx: Ctx,
  options: DemoOptions = {},
  onProgress?: DemoProgress,
): Promise<DemoLoadResult> {
  const organ = generateDemoOrgan(options);
  onProgress?.('组织 orgs', 0, organ.orgs.length);
  const orgs = await applyOrganisationImport(ctx, {
    units: [organ.unit],
    orgs: organ.orgs,
    departments: organ.departments,
  });
  if (orgs.issues.length) {
    throw invalid(
      'demo.invalid',
      `演示组织数据未通过校验: ${orgs.issues
        .slice(0, 3)
        .map((i) => `${i.sheet} 第${i.row}行 ${i.column}: ${i.reason}`)
        .join('; ')}`,
    );
  }
  onProgress?.('组织 orgs', organ.orgs.length, organ.orgs.length);
  const members = await applyMemberImport(ctx, organ.members, {
    onProgress: (done, total) => onProgress?.('党员 members', done, total),
  });
  if (members.issues.length) {
    throw invalid(
      'demo.invalid',
      `演示党员数据未通过校验: ${members.issues
        .slice(0, 3)
        .map((i) => `第${i.row}行 ${i.column}: ${i.reason}`)
        .join('; ')}`,
    );
  }
  const accountsCreated: string[] = [];
  for (const account of organ.accounts) {
    if (await findUserIdByUsername(ctx.db, account.username)) continue;
    const org = account.orgCode ? await findPartyOrgByCode(ctx.db, account.orgCode) : null;
    const memberId = account.memberIdNumber
      ? await findMemberIdByIdNumber(ctx, account.memberIdNumber)
      : null;
    await createUser(
      ctx,
      {
        username: account.username,
        displayName: account.displayName,
        memberId,
        roles: [{ role: account.role, partyOrgId: org?.id ?? null }],
      },
      { password: DEMO_PASSWORD, mustChangePassword: false },
    );
    accountsCreated.push(account.username);
  }
  return {
    orgs: { created: orgs.created, updated: orgs.updated, unchanged: orgs.unchanged },
    members: { created: members.created, updated: members.updated, unchanged: members.unchanged },
    accountsCreated,
  };
}
