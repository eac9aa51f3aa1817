import { isAdminRole } from '#contracts/identity';
import type { Ctx } from '../../core/context.ts';
import { type Db, refreshStatistics } from '../../core/db.ts';
import { invalid } from '../../core/errors.ts';
import type { AssessmentLoadResult } from '../assessment/index.ts';
import { loadDeliveryDemo } from '../delivery/index.ts';
import type { FusionLoadResult } from '../fusion/index.ts';
import {
  createUser,
  demoAccountsUsingPassword,
  findUserIdByUsername,
  generateInitialPassword,
} from '../identity/index.ts';
import { applyMemberImport, findMemberIdByIdNumber } from '../member/index.ts';
import { applyOrganisationImport, findPartyOrgByCode } from '../org/index.ts';
import type { ResponsibilityLoadResult } from '../responsibility/index.ts';
import { loadDemoAssessment } from './demo.assessment-load.ts';
import { type DemoBranchLoad, loadDemoBranchWork } from './demo.branch-load.ts';
import { loadDemoFusion } from './demo.fusion-load.ts';
import { type DemoOptions, generateDemoOrgan, resolveDemoOptions } from './demo.generator.ts';
import { loadDemoResponsibility } from './demo.responsibility-load.ts';

/**
 * The one password of the business demo accounts: published in the README, demo data only. The administrator demo
 * accounts never get it (ADR 11): each gets a random one-time password, printed once at load.
 */
export const DEMO_PASSWORD = 'Demo-Pass-2026';

/** The large tables the assessment's measures read (responsibility's periods, branch records). */
const MEASURED_TABLES = [
  'party_org',
  'responsibility_item',
  'responsibility_period',
  'branch_record',
] as const;

export type DemoProgress = (stage: string, done: number, total: number) => void;
export type DemoLoadResult = {
  orgs: { created: number; updated: number; unchanged: number };
  members: { created: number; updated: number; unchanged: number };
  /** Every account created, business and administrator. */
  accountsCreated: string[];
  /** The administrator accounts created, with their one-time passwords (shown once, changed at first sign-in). */
  oneTimePasswords: { username: string; password: string }[];
  /** The year of responsibility work (lists, duties, periods …); not loaded when the organ already keeps the year's. */
  responsibility: ResponsibilityLoadResult;
  /** The year of branch work: records (settling the duties above), temporary organisations' members, 党费, 发展党员. */
  branch: DemoBranchLoad['branch'];
  dues: DemoBranchLoad['dues'];
  /** The year of fusion work: needs, resources, partners and projects at every stage. */
  fusion: FusionLoadResult;
  /** The year's assessments of the organ's branches: each quarter and half-year begun, and the year. */
  assessment: AssessmentLoadResult;
};

/**
 * Loads (or re-applies) the generated demo organ through the same import services people use, so the demo data
 * passes every rule real data does. Running it again with the same seed changes nothing.
 */
export async function loadDemoOrgan(
  ctx: Ctx,
  options: DemoOptions = {},
  onProgress?: DemoProgress,
  /** As one organ of a province: ID numbers the others hold; statistics refreshed once by the caller at the end. */
  province: { idNumbersInUse?: Set<string>; refreshStatistics?: boolean } = {},
): Promise<DemoLoadResult> {
  const organ = generateDemoOrgan(options, province.idNumbersInUse);
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
  const oneTimePasswords: { username: string; password: string }[] = [];
  for (const account of organ.accounts) {
    if (await findUserIdByUsername(ctx.db, account.username)) continue;
    const org = account.orgCode ? await findPartyOrgByCode(ctx.db, account.orgCode) : null;
    const memberId = account.memberIdNumber
      ? await findMemberIdByIdNumber(ctx, account.memberIdNumber)
      : null;
    const admin = isAdminRole(account.role);
    const password = admin ? generateInitialPassword() : DEMO_PASSWORD;
    await createUser(
      ctx,
      {
        username: account.username,
        displayName: account.displayName,
        memberId,
        roles: [{ role: account.role, partyOrgId: org?.id ?? null }],
      },
      { password, mustChangePassword: admin, isDemo: true },
    );
    accountsCreated.push(account.username);
    if (admin) oneTimePasswords.push({ username: account.username, password });
  }
  // After the accounts: the demo accounts' reports name them.
  onProgress?.('责任体系 duties', 0, 1);
  const seed = resolveDemoOptions(options).seed;
  const responsibility = await loadDemoResponsibility(ctx, organ, seed);
  onProgress?.('责任体系 duties', 1, 1);
  // After the duties: the records meet their periods — matched by queries planned on statistics that have seen the
  // organ's duties (see MEASURED_TABLES).
  await refreshStatistics(ctx.db, ['responsibility_item', 'responsibility_period']);
  onProgress?.('支部工作 branch work', 0, 1);
  const { branch, dues } = await loadDemoBranchWork(ctx, organ, seed);
  onProgress?.('支部工作 branch work', 1, 1);
  // After the branch work: projects link the branches' records as their activity.
  onProgress?.('融合项目 fusion', 0, 1);
  const fusion = await loadDemoFusion(ctx, organ, seed);
  onProgress?.('融合项目 fusion', 1, 1);
  // After everything it counts: the organ's branches assessed for each period of the year so far. The measures read
  // the tables this transaction just filled; planned on statistics that have never seen the organ's rows, one
  // obligations query took ten seconds by the tenth organ of a province instead of thirty milliseconds.
  onProgress?.('考核 assessment', 0, 1);
  await refreshStatistics(ctx.db, MEASURED_TABLES);
  const assessment = await loadDemoAssessment(ctx, organ, seed);
  onProgress?.('考核 assessment', 1, 1);
  // Last: past urgent notices to the cadres and their robot's posts; the robots are paused (ADR 30 addendum).
  await loadDeliveryDemo(ctx, { orgs: organ.orgs, usernames: organ.accounts.map((a) => a.username), seed });
  // Every table just grew from empty; the embedded database would otherwise plan for empty tables (no autovacuum).
  if (province.refreshStatistics !== false) await refreshStatistics(ctx.db);
  return {
    orgs: { created: orgs.created, updated: orgs.updated, unchanged: orgs.unchanged },
    members: { created: members.created, updated: members.updated, unchanged: members.unchanged },
    accountsCreated,
    oneTimePasswords,
    responsibility,
    branch,
    dues,
    fusion,
    assessment,
  };
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|::1|\[::1\]|::ffff:127(?:\.\d{1,3}){3})$/i;

/** True when the server listens only on the loopback interface (HOST), so nobody else can reach it. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host.trim());
}

/**
 * The start-up warning: demo accounts that still sign in with the published password, on a server others can
 * reach. Null when there are none or the server listens on loopback only.
 */
export async function publishedPasswordWarning(db: Db, host: string): Promise<string | null> {
  if (isLoopbackHost(host)) return null;
  const accounts = await demoAccountsUsingPassword(db, DEMO_PASSWORD);
  if (!accounts.length) return null;
  return [
    `警告：以下演示账号仍使用公开的演示密码 ${DEMO_PASSWORD}，而服务监听在 ${host}（不只本机）：${accounts.join(', ')}`,
    '  任何能访问本服务的人都能用它们登录。正式使用前请停用这些账号或修改其密码，或只在本机监听（HOST=127.0.0.1）。',
    `WARNING: demo accounts still use the published password and the server listens on ${host}: ${accounts.join(', ')}.`,
  ].join('\n');
}
