import { type Kysely, sql } from 'kysely';

// Standard code lists (ADR 16): 民族 and 学历 of existing members, the reason a member left, and the reason of each
// transfer in the history are rewritten to the standard name where the stored text is a known variant. Values that
// match nothing are left as they are and reported on the console, for an officer to correct by hand.
// The mapping is a frozen copy of contracts/code-lists.ts as of this migration (migrations import no app code).

const ETHNIC_NAMES =
  '汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 哈尼族 哈萨克族 傣族 黎族 傈僳族 ' +
  '佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 ' +
  '阿昌族 普米族 塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 鄂伦春族 赫哲族 门巴族 ' +
  '珞巴族 基诺族';

/** [standard name, …variants] */
const EDUCATION: string[][] = [
  ['博士研究生', '博士', '博士研究生毕业', '研究生（博士）', '研究生(博士)'],
  ['硕士研究生', '硕士', '研究生', '硕士研究生毕业', '研究生（硕士）', '研究生(硕士)', '在职研究生'],
  ['大学本科', '本科', '大本', '大学', '本科毕业', '大学本科毕业'],
  ['大学专科', '大专', '专科', '大学专科毕业'],
  ['中等专科', '中专', '中等专业学校', '中等专科毕业'],
  ['职业高中', '职高'],
  ['技工学校', '技校'],
  ['普通高中', '高中', '高中毕业'],
  ['初中', '初级中学', '初中毕业'],
  ['小学', '小学毕业', '小学及以下'],
  ['其他'],
];
const LEAVE: string[][] = [
  ['转出', '组织关系转出', '转出本系统', '调出'],
  ['去世', '死亡', '病故', '逝世'],
  ['出党', '开除党籍', '除名', '退党', '劝退', '自行脱党'],
  ['停止党籍'],
  ['其他'],
];
const TRANSFER: string[][] = [
  ['工作调动', '调动', '调入', '调任'],
  ['岗位调整', '岗位变动', '职务变动', '轮岗', '交流'],
  ['组织调整', '机构调整', '机构改革', '支部调整', '组织设置调整'],
  ['退休', '离退休', '退休转出'],
  ['其他'],
];

function ethnicPairs(): [string, string][] {
  const pairs: [string, string][] = [];
  for (const name of ETHNIC_NAMES.split(' ')) pairs.push([name, name], [name.slice(0, -1), name]);
  pairs.push(['蒙族', '蒙古族'], ['维族', '维吾尔族']);
  return pairs;
}
const pairsOf = (table: string[][]): [string, string][] =>
  table.flatMap((row) => row.map((v): [string, string] => [v, row[0] ?? v]));

async function remap(
  db: Kysely<unknown>,
  table: string,
  column: string,
  pairs: [string, string][],
  alsoKnown: string[] = [],
) {
  const values = sql.join(pairs.map(([variant, name]) => sql`(${variant}, ${name})`));
  await sql`
    update ${sql.table(table)} set ${sql.ref(column)} = v.name
    from (values ${values}) as v(variant, name)
    where regexp_replace(${sql.ref(column)}, '\\s', '', 'g') = v.variant and ${sql.ref(column)} <> v.name`.execute(
    db,
  );
  const unknown = await sql<{ value: string; n: string | number }>`
    select ${sql.ref(column)} as value, count(*) as n from ${sql.table(table)}
    where ${sql.ref(column)} is not null and ${sql.ref(column)} not in (${sql.join([...new Set([...pairs.map((p) => p[1]), ...alsoKnown])])})
    group by 1 order by 2 desc limit 20`.execute(db);
  if (unknown.rows.length > 0) {
    // Written once, at the upgrade, for the operator running it: there is no logger at migration time.
    process.stderr.write(
      `[迁移 migration] ${table}.${column} 中以下取值不在标准代码表中，未转换，请人工核对：` +
        `${unknown.rows.map((r) => `${r.value}（${r.n}）`).join('、')}\n`,
    );
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await remap(db, 'member', 'ethnicity', ethnicPairs());
  await remap(db, 'member', 'education', pairsOf(EDUCATION));
  await remap(db, 'member', 'left_reason', pairsOf(LEAVE));
  // Transfers carry a reason in the history; the rows a roster import writes carry the import's own note.
  await remap(db, 'member_org_history', 'reason', pairsOf(TRANSFER), ['名册导入']);
}
