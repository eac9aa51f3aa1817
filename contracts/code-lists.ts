// Standard code lists for member fields. The stored value is the standard name (民族 and 学历 as the national
// standards write them, so that statistics and exports agree across organs); each entry keeps its standard code and
// the common ways rosters write it, which `normaliseCode` maps to the standard name.

export type CodeEntry = {
  /** The standard's code (GB/T 3304 for 民族, GB/T 4658 for 学历); our own for the reasons. */
  code: string;
  /** The standard name: what is stored and shown. */
  name: string;
  en: string;
  /** Other ways rosters write the same value (compared after removing spaces). */
  variants?: readonly string[];
};

export type CodeListName = 'ethnicity' | 'education' | 'leaveReason' | 'transferReason';

const ETHNIC_GROUPS: readonly [string, string, string][] = [
  ['01', '汉族', 'Han'],
  ['02', '蒙古族', 'Mongol'],
  ['03', '回族', 'Hui'],
  ['04', '藏族', 'Tibetan'],
  ['05', '维吾尔族', 'Uyghur'],
  ['06', '苗族', 'Miao'],
  ['07', '彝族', 'Yi'],
  ['08', '壮族', 'Zhuang'],
  ['09', '布依族', 'Buyei'],
  ['10', '朝鲜族', 'Korean'],
  ['11', '满族', 'Manchu'],
  ['12', '侗族', 'Dong'],
  ['13', '瑶族', 'Yao'],
  ['14', '白族', 'Bai'],
  ['15', '土家族', 'Tujia'],
  ['16', '哈尼族', 'Hani'],
  ['17', '哈萨克族', 'Kazakh'],
  ['18', '傣族', 'Dai'],
  ['19', '黎族', 'Li'],
  ['20', '傈僳族', 'Lisu'],
  ['21', '佤族', 'Va'],
  ['22', '畲族', 'She'],
  ['23', '高山族', 'Gaoshan'],
  ['24', '拉祜族', 'Lahu'],
  ['25', '水族', 'Sui'],
  ['26', '东乡族', 'Dongxiang'],
  ['27', '纳西族', 'Nakhi'],
  ['28', '景颇族', 'Jingpo'],
  ['29', '柯尔克孜族', 'Kyrgyz'],
  ['30', '土族', 'Monguor'],
  ['31', '达斡尔族', 'Daur'],
  ['32', '仫佬族', 'Mulao'],
  ['33', '羌族', 'Qiang'],
  ['34', '布朗族', 'Blang'],
  ['35', '撒拉族', 'Salar'],
  ['36', '毛南族', 'Maonan'],
  ['37', '仡佬族', 'Gelao'],
  ['38', '锡伯族', 'Xibe'],
  ['39', '阿昌族', 'Achang'],
  ['40', '普米族', 'Pumi'],
  ['41', '塔吉克族', 'Tajik'],
  ['42', '怒族', 'Nu'],
  ['43', '乌孜别克族', 'Uzbek'],
  ['44', '俄罗斯族', 'Russian'],
  ['45', '鄂温克族', 'Evenki'],
  ['46', '德昂族', "De'ang"],
  ['47', '保安族', 'Bonan'],
  ['48', '裕固族', 'Yugur'],
  ['49', '京族', 'Gin'],
  ['50', '塔塔尔族', 'Tatar'],
  ['51', '独龙族', 'Derung'],
  ['52', '鄂伦春族', 'Oroqen'],
  ['53', '赫哲族', 'Hezhen'],
  ['54', '门巴族', 'Monpa'],
  ['55', '珞巴族', 'Lhoba'],
  ['56', '基诺族', 'Jino'],
];

/** Colloquial short forms seen in rosters, beyond the name without 族. */
const ETHNIC_SHORT: Record<string, readonly string[]> = { 蒙古族: ['蒙族'], 维吾尔族: ['维族'] };

/** 民族, GB/T 3304: the 56 ethnic groups. The name without 族 ('汉', '蒙古') is accepted too: no two share it. */
export const ETHNICITIES: readonly CodeEntry[] = ETHNIC_GROUPS.map(([code, name, en]) => ({
  code,
  name,
  en,
  variants: [name.slice(0, -1), ...(ETHNIC_SHORT[name] ?? [])],
}));

/** 学历, GB/T 4658 (highest level completed). */
export const EDUCATION_LEVELS: readonly CodeEntry[] = [
  {
    code: '11',
    name: '博士研究生',
    en: 'Doctorate',
    variants: ['博士', '博士研究生毕业', '研究生（博士）', '研究生(博士)'],
  },
  {
    code: '14',
    name: '硕士研究生',
    en: "Master's degree",
    // In organs' rosters a bare 研究生 means a master's degree: doctorates are written 博士 (ADR 16).
    variants: ['硕士', '研究生', '硕士研究生毕业', '研究生（硕士）', '研究生(硕士)', '在职研究生'],
  },
  {
    code: '21',
    name: '大学本科',
    en: "Bachelor's degree",
    variants: ['本科', '大本', '大学', '本科毕业', '大学本科毕业'],
  },
  { code: '31', name: '大学专科', en: 'College diploma', variants: ['大专', '专科', '大学专科毕业'] },
  {
    code: '41',
    name: '中等专科',
    en: 'Secondary vocational school',
    variants: ['中专', '中等专业学校', '中等专科毕业'],
  },
  { code: '44', name: '职业高中', en: 'Vocational high school', variants: ['职高'] },
  { code: '47', name: '技工学校', en: 'Technical school', variants: ['技校'] },
  { code: '61', name: '普通高中', en: 'High school', variants: ['高中', '高中毕业'] },
  { code: '71', name: '初中', en: 'Junior secondary school', variants: ['初级中学', '初中毕业'] },
  { code: '81', name: '小学', en: 'Primary school', variants: ['小学毕业', '小学及以下'] },
  { code: '90', name: '其他', en: 'Other' },
];

/** Why a member leaves the roll (登记离开). 出党 covers 开除党籍, 除名, 退党 and 劝退. */
export const LEAVE_REASONS: readonly CodeEntry[] = [
  {
    code: 'transferred_out',
    name: '转出',
    en: 'Transferred out',
    variants: ['组织关系转出', '转出本系统', '调出'],
  },
  { code: 'died', name: '去世', en: 'Died', variants: ['死亡', '病故', '逝世'] },
  {
    code: 'expelled',
    name: '出党',
    en: 'Left the Party',
    variants: ['开除党籍', '除名', '退党', '劝退', '自行脱党'],
  },
  { code: 'suspended', name: '停止党籍', en: 'Membership suspended' },
  { code: 'other', name: '其他', en: 'Other' },
];

/** Why a member's relationship moves to another organisation (转接组织关系). */
export const TRANSFER_REASONS: readonly CodeEntry[] = [
  { code: 'job_change', name: '工作调动', en: 'Job change', variants: ['调动', '调入', '调任'] },
  {
    code: 'post_change',
    name: '岗位调整',
    en: 'New post',
    variants: ['岗位变动', '职务变动', '轮岗', '交流'],
  },
  {
    code: 'reorganisation',
    name: '组织调整',
    en: 'Reorganisation',
    variants: ['机构调整', '机构改革', '支部调整', '组织设置调整'],
  },
  { code: 'retirement', name: '退休', en: 'Retirement', variants: ['离退休', '退休转出'] },
  { code: 'other', name: '其他', en: 'Other' },
];

export const CODE_LISTS: Record<CodeListName, readonly CodeEntry[]> = {
  ethnicity: ETHNICITIES,
  education: EDUCATION_LEVELS,
  leaveReason: LEAVE_REASONS,
  transferReason: TRANSFER_REASONS,
};

export const CODE_LIST_LABELS: Record<CodeListName, string> = {
  ethnicity: '民族',
  education: '学历',
  leaveReason: '离开原因',
  transferReason: '转接原因',
};

/** Spaces and full-width brackets do not make a different value. */
const squash = (value: string) =>
  value.normalize('NFKC').replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')');

const INDEX = new Map<CodeListName, Map<string, string>>(
  (Object.keys(CODE_LISTS) as CodeListName[]).map((list) => {
    const map = new Map<string, string>();
    for (const e of CODE_LISTS[list]) {
      for (const key of [e.name, e.code, ...(e.variants ?? [])]) map.set(squash(key), e.name);
    }
    return [list, map];
  }),
);

/**
 * The standard name for `value` in `list` ('大专' → '大学专科', '汉' → '汉族', '01' → '汉族'), or null when the
 * value is not in the list (the caller reports it). Pure: used by forms, the import and the migration's mapping.
 */
export function normaliseCode(list: CodeListName, value: string): string | null {
  const key = squash(value);
  if (!key) return null;
  return INDEX.get(list)?.get(key) ?? null;
}

export function codeListNames(list: CodeListName): string[] {
  return CODE_LISTS[list].map((e) => e.name);
}

/** A field message telling what to write instead, for a value that is not in the list. */
export function unknownCodeMessage(list: CodeListName, value: string): string {
  const names = codeListNames(list);
  const shown = names.length > 12 ? `${names.slice(0, 8).join('、')}等 ${names.length} 项` : names.join('、');
  return `“${value}”不是标准的${CODE_LIST_LABELS[list]}，请填写：${shown}`;
}

/** The English label of a stored standard name (the name itself when it is not in the list). */
export function codeLabel(list: CodeListName, name: string, locale: 'zh' | 'en'): string {
  if (locale === 'zh') return name;
  return CODE_LISTS[list].find((e) => e.name === name)?.en ?? name;
}
