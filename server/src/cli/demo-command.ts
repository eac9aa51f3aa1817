import type { Command } from 'commander';
import { inTransaction } from '../core/context.ts';
import {
  type CommitteeLoadResult,
  DEMO_PASSWORD,
  type DemoLoadResult,
  type DemoOptions,
  loadDemoCommittee,
  loadDemoOrgan,
  loadDemoProvince,
} from '../modules/demo/index.ts';
import { countPartyOrgs } from '../modules/org/index.ts';
import { registerContributions } from '../registrations.ts';
import type { Runtime } from '../server.ts';
import { cliCtx } from './cli-context.ts';
import { progressBar } from './progress.ts';
import { withRuntime } from './runtime.ts';

async function load(runtime: Runtime, options: DemoOptions & { organs?: number; committee?: boolean }) {
  // The demo writes through the registries (record kinds, attachment owners): they are filled before the app is built.
  registerContributions();
  const bar = progressBar('演示数据 demo');
  const started = Date.now();
  let result: DemoLoadResult;
  let committee: CommitteeLoadResult | null = null;
  if ((options.organs ?? 1) > 1) {
    // A province (W2): one organ after another, each its own transaction; the bar counts organs.
    result = await loadDemoProvince(cliCtx(runtime), options, (d, n, name) => bar.update(d, n, name));
  } else {
    const idNumbersInUse = new Set<string>();
    result = await inTransaction(cliCtx(runtime), (tx) =>
      loadDemoOrgan(tx, options, (stage, d, n) => bar.update(d, n, stage), { idNumbersInUse }),
    );
    // The organ's work committee with its other organs, so that organs rank within it.
    if (options.committee !== false)
      committee = await loadDemoCommittee(
        cliCtx(runtime),
        idNumbersInUse,
        (stage, d, n) => bar.update(d, n, stage),
        options.scale ?? 1,
      );
  }
  bar.stop();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const o = result.orgs;
  const m = result.members;
  console.log(
    [
      `演示${(options.organs ?? 1) > 1 ? `工委（${options.organs} 个机关）` : committee ? `机关及所在工委（共 ${committee.organs + 1} 个机关）` : '机关'}已就绪（用时 ${seconds} 秒）demo ${(options.organs ?? 1) > 1 ? 'province' : 'organ'} ready:`,
      `  党组织 ${o.created + o.updated + o.unchanged} 个：本次新建 ${o.created}，已存在并更新 ${o.updated}，已存在且无变化 ${o.unchanged}`,
      `  党员 ${m.created + m.updated + m.unchanged} 人：本次新建 ${m.created}，已存在并更新 ${m.updated}，已存在且无变化 ${m.unchanged}`,
      responsibilityLine(result.responsibility),
      branchLine(result),
      fusionLine(result.fusion),
      ...(committee
        ? [
            `  工委：另有 ${committee.organs} 个机关（各有全年数据）；工委对机关的考核 ${committee.cycles} 期、通报 ${committee.bulletins} 期`,
            `  融合度与预警：全年评估 ${committee.warnings.evaluations} 次，预警 ${committee.warnings.warnings} 条（支部已答复 ${committee.warnings.answered} 条，逐级升级 ${committee.warnings.climbed} 次，已解除 ${committee.warnings.cleared} 条）`,
          ]
        : []),
      '  （再次运行 demo 只补齐或恢复演示数据，不会重复添加；新建为 0 表示演示数据早已载入。）',
    ].join('\n'),
  );
  const admins = new Set(result.oneTimePasswords.map((p) => p.username));
  const business = result.accountsCreated.filter((u) => !admins.has(u));
  if (business.length) {
    console.log(
      `演示账号 demo accounts: ${business.join(', ')}（公开的演示密码 published password: ${DEMO_PASSWORD}，仅用于演示）`,
    );
  }
  if (result.oneTimePasswords.length) {
    console.log(
      [
        '演示管理员账号 demo administrator accounts — 一次性密码只显示这一次，首次登录须修改 (shown once, change at first sign-in):',
        ...result.oneTimePasswords.map((p) => `   ${p.username} 一次性密码 one-time password: ${p.password}`),
      ].join('\n'),
    );
  }
}

function responsibilityLine(r: DemoLoadResult['responsibility']): string {
  if (!r.loaded)
    return '  责任体系：本年度责任清单早已载入，未作改动 (this year’s duties were already there)';
  return `  责任体系：责任清单 ${r.lists} 份、职责 ${r.items} 项、履责周期 ${r.periods} 个、进度报告 ${r.reports} 条、豁免 ${r.exemptions} 项、联系点和联络员 ${r.liaisons} 个、交接 ${r.handovers} 次`;
}

function branchLine({ branch: b, dues: d }: DemoLoadResult): string {
  if (!b.loaded) return '  支部工作：支部工作记录早已载入，未作改动 (branch records were already there)';
  return `  支部工作：工作记录 ${b.records} 条（出席登记 ${b.attendees} 人次、民主评议 ${b.grades} 人次）、临时党组织成员 ${b.temporaryMembers} 人、落实的组织生活周期 ${b.periodsSettled} 个；党费基数 ${d.bases} 条、交费 ${d.payments} 笔；发展党员名册 ${d.development} 人`;
}

function fusionLine(f: DemoLoadResult['fusion']): string {
  if (!f.loaded) return '  融合项目：需求清单早已载入，未作改动 (fusion work was already there)';
  return `  融合项目：需求 ${f.needs} 项、资源 ${f.resources} 项、项目 ${f.projects} 个`;
}

/** First start: an empty database gets the demo organ, so a newcomer sees a real-looking organ at once. */
export async function loadDemoIfEmpty(
  runtime: Runtime,
  options: { organOnly?: boolean } = {},
): Promise<void> {
  if ((await countPartyOrgs(runtime.database.db)) > 0) return;
  console.log('首次启动：正在载入演示机关和所在工委 (loading the demo organ and its work committee)…');
  await load(runtime, { committee: !options.organOnly });
}

export function registerDemoCommand(program: Command) {
  program
    .command('demo')
    .description('载入或重新载入演示机关 (load or re-apply the deterministic demo organ)')
    .option('--seed <n>', '随机种子 seed', (v) => Number.parseInt(v, 10), 2026)
    .option('--scale <x>', '规模倍数 scale factor', (v) => Number.parseFloat(v), 1)
    .option(
      '--organs <n>',
      '机关个数：大于 1 时载入一个工委下的多个机关（100 即基准测试的 W2 省级规模，约 30 万党员）number of organs (100 = W2)',
      (v) => Number.parseInt(v, 10),
      1,
    )
    .option(
      '--organ-only',
      '只载入演示机关，不载入工委的其他 10 个机关 (the demo organ without the committee’s other organs)',
    )
    .action(async (opts: { seed: number; scale: number; organs: number; organOnly?: boolean }) => {
      if (!Number.isInteger(opts.organs) || opts.organs < 1 || opts.organs > 999)
        throw new Error('--organs 须为 1–999 的整数 (--organs must be an integer from 1 to 999)');
      await withRuntime((runtime) =>
        load(runtime, {
          seed: opts.seed,
          scale: opts.scale,
          organs: opts.organs,
          committee: !opts.organOnly,
        }),
      );
    });
}
