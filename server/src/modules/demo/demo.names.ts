// Name material for the demo organ. Everything here is invented: the organ, its offices and the people are fictional,
// shaped after a coastal customs district in Zhejiang. Weights are rough shares, not statistics to quote.

import { type WeightedTable, weightedTable } from './demo.random.ts';

/** 'A:3 B:1' → weighted table; keeps long weighted lists readable and compact. */
function parseWeighted(spec: string): WeightedTable<string> {
  return weightedTable(
    spec
      .trim()
      .split(/\s+/)
      .map((part) => {
        const [item = '', weight = '0'] = part.split(':');
        return [item, Number(weight)] as const;
      }),
  );
}

/** Single-character surnames, weighted roughly by national frequency and nudged towards Zhejiang (陈, 应, 俞 …). */
export const SURNAMES = parseWeighted(`
  王:720 李:640 张:640 刘:420 陈:720 杨:300 黄:220 赵:190 吴:240 周:230 徐:200 孙:130 马:110 朱:130 胡:150
  郭:100 何:100 林:140 高:90 罗:80 郑:110 梁:70 谢:70 宋:60 唐:60 许:70 韩:55 冯:50 邓:50 曹:50 彭:45 曾:45
  萧:10 肖:40 田:40 董:45 潘:45 袁:40 蔡:45 蒋:50 余:45 于:35 杜:35 叶:55 程:38 魏:35 苏:35 吕:35 丁:38 任:34
  卢:34 姚:40 沈:45 钟:32 姜:30 崔:25 谭:28 陆:40 范:28 汪:35 廖:25 石:27 金:40 韦:20 贾:24 夏:28 付:22 方:35
  邹:22 熊:21 白:21 孟:20 秦:20 邱:22 侯:19 江:22 尹:19 薛:18 闫:15 段:17 雷:17 龙:15 黎:15 史:17 陶:18 贺:16
  毛:20 郝:14 顾:20 龚:16 邵:20 万:14 覃:10 武:13 钱:22 戴:16 严:16 欧:8 莫:12 孔:13 向:11 常:11 汤:13 康:11
  易:11 乔:10 赖:10 文:10 施:14 洪:12 应:18 俞:18 鲍:10 竺:6 屠:7 虞:8 邬:8 裘:5 娄:5 柴:7 傅:14 楼:8 翁:7
`);

const MALE_CHARS = [
  ...'伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆旭宁龙亮成峰晨彬坤锋毅诚栋维哲睿博昊东海江国志庆卫兵力振德泽永森晖远航豪鸣岩松涵铭',
];
const FEMALE_CHARS = [
  ...'芳娜敏静丽艳娟霞燕玲婷雪琳颖倩洁莉慧红萍佳丹蕾琴薇梅瑶怡欣璐晶月妍媛露悦菲彤琪婧雯璇茜蓉岚秀虹',
];
const LEADING_CHARS = [...'晓文佳宇子一思雨安家嘉晨心志建国永海春秋立新振小亚世天'];

export function givenNameChars(gender: 'male' | 'female'): readonly string[] {
  return gender === 'male' ? MALE_CHARS : FEMALE_CHARS;
}
export const GIVEN_NAME_LEADING_CHARS: readonly string[] = LEADING_CHARS;

export const ETHNICITIES = parseWeighted(`
  汉族:9640 回族:60 满族:50 畲族:50 壮族:40 土家族:40 苗族:30 蒙古族:20 彝族:15 侗族:15 布依族:10 朝鲜族:10 白族:10
  瑶族:5 藏族:5
`);

/** Education by generation: older staff more often came in with a college diploma, younger ones with a degree. */
export const EDUCATION_BY_ERA = {
  before1975: parseWeighted('硕士研究生:8 大学本科:55 大学专科:30 中等专科:7'),
  before1986: parseWeighted('硕士研究生:20 大学本科:65 大学专科:15'),
  later: parseWeighted('硕士研究生:36 大学本科:61 大学专科:3'),
} as const;

/** Civil-service ranks (职级) held by staff without a leading post, by age band. */
export const STAFF_RANKS_BY_AGE: readonly { minAge: number; ranks: WeightedTable<string> }[] = [
  { minAge: 52, ranks: parseWeighted('一级调研员:1 二级调研员:3 一级主任科员:4') },
  { minAge: 45, ranks: parseWeighted('二级调研员:1 三级调研员:2 一级主任科员:4 二级主任科员:3') },
  { minAge: 38, ranks: parseWeighted('四级调研员:1 一级主任科员:2 二级主任科员:4 三级主任科员:3') },
  { minAge: 32, ranks: parseWeighted('二级主任科员:1 三级主任科员:3 四级主任科员:4') },
  { minAge: 28, ranks: parseWeighted('四级主任科员:3 一级科员:5') },
  { minAge: 0, ranks: parseWeighted('一级科员:4 科员:3 关员:1') },
];

/** 身份证 region prefixes: mostly the districts and counties of the host city, a few from elsewhere in Zhejiang. */
export const ID_REGIONS = parseWeighted(`
  330203:14 330205:10 330206:12 330211:9 330212:16 330281:8 330282:8 330226:5 330225:5 330213:5
  330102:2 330106:2 330302:2 330402:1 330602:2 330702:1 331002:1
`);

/** 'a b c' → ['a', 'b', 'c']: keeps long word lists on a few lines. */
function words(text: string): readonly string[] {
  return text.trim().split(/\s+/);
}

export const PHONE_PREFIXES = words(`
  130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 177 180 181 182 183 186 187 188 189 199
`);

export const DEFAULT_UNIT_NAME = '明州海关';
export const WORK_COMMITTEE_NAME = '明州市直机关工委';

export type DivisionSpec = {
  readonly name: string;
  readonly sections: readonly string[];
  /** Founding date for divisions that only joined customs in the 2018 merger with inspection and quarantine. */
  readonly since?: string;
};

const MERGER = '2018-04-20';
const division = (name: string, sections: string, since?: string): DivisionSpec =>
  since ? { name, sections: words(sections), since } : { name, sections: words(sections) };

/**
 * Large headquarters divisions: each has its own 党总支 with one branch per section or two (more sections than a
 * general branch ever needs, so that generated names never run out).
 */
export const GENERAL_BRANCH_DIVISIONS: readonly DivisionSpec[] = [
  division('缉私局', '综合科 侦查一科 侦查二科 侦查三科 法制科 情报科 缉私监管科 刑事技术科 警务保障科'),
  division(
    '技术中心',
    '综合科 化学实验室 机电实验室 食品实验室 微生物实验室 矿产品实验室 纺织品实验室 检测技术科 质量管理科',
    MERGER,
  ),
  division('机关服务中心', '综合科 后勤保障科 物业管理科 车辆管理科 餐饮服务科 基建管理科 财务科 安全保卫科'),
  division('综合业务处', '综合科 关税科 原产地管理科 减免税科 价格审核科 归类科 税收征管科 贸易救济科'),
  division('监管通关处', '综合科 通关科 审单科 监管科 加贸监管科 保税监管科 查验管理科 通关监控科'),
  division('口岸监管处', '综合科 旅检科 运输工具监管科 邮快件监管科 查验科 船舶监管科 口岸检疫科 机检科'),
  division('稽查处', '综合科 稽查一科 稽查二科 稽查三科 核查科 保税核查科 稽查审理科 协调科'),
  division('企业管理和稽查处', '综合科 企业管理科 信用管理科 认证科 稽查科 核查科 企业协调员科 稽查审理科'),
  division(
    '卫生检疫处',
    '综合科 卫生检疫科 传染病监测科 口岸卫生科 国际旅行卫生保健科 病媒生物监测科 卫生处理科 核生化监测科',
    MERGER,
  ),
  division(
    '动植物检疫处',
    '综合科 动物检疫科 植物检疫科 检疫处理科 有害生物监测科 木质包装检疫科 疫情监测科 实验室管理科',
    MERGER,
  ),
];

/** Smaller headquarters divisions: one 直属党支部 each, serving one or two of their sections. */
export const DIRECT_BRANCH_DIVISIONS: readonly DivisionSpec[] = [
  division('办公室', '秘书科 文电科'),
  division('人事处', '干部科 人事科'),
  division('机关党委办公室', '组织科 宣传科'),
  division('财务处', '预算科 会计科'),
  division('科技处', '信息化科 网络安全科'),
  division('法规处', '法制科 复议应诉科'),
  division('督察内审处', '督察科 内审科'),
  division('商品检验处', '商品检验科 检验监管科', MERGER),
  division('统计分析处', '统计科 分析科'),
  division('风险防控处', '风险分析科 布控科'),
  division('关税处', '征管科 估价科'),
  division('进出口食品安全处', '进口食品科 出口食品科', MERGER),
  division('保税监管处', '保税科 加贸科'),
  division('物流监控处', '物流监控科 舱单科'),
  division('教育培训处', '培训科 教育科'),
  division('离退休干部处', '综合科 服务科'),
  division('纪检监察室', '监督检查科 审查调查科'),
  division('国际合作处', '国际合作科 外事科'),
  division('审单作业处', '审单一科 审单二科'),
  division('政策研究室', '研究科 调研科'),
  division('工会办公室', '综合科 文体科'),
  division('加工贸易监管处', '加贸科 核销科'),
  division('口岸管理处', '口岸规划科 口岸协调科'),
];

/** Divisions the demo accounts are drawn from; the generator looks them up by name. */
export const PARTY_OFFICE_DIVISION = '机关党委办公室';
export const DISCIPLINE_DIVISION = '纪检监察室';

/** Invented subordinate customs offices (隶属海关), one 二级机关党委 each; 13 at scale 1. */
export const SUBORDINATE_OFFICES = words(`
  东港海关 北湾海关 临江海关 甬东海关 南屿海关 青峰海关 白沙湾海关 鹭洲海关 望潮海关 云湖海关 松岙海关 竹屿海关 潮音海关
`);

/** Syllables for further invented office names at larger scales. */
export const PLACE_FIRST: readonly string[] = [...'东北临南青白鹭望云松竹潮枫桐鹤雁澄霞榕兰翠苍'];
export const PLACE_SECOND: readonly string[] = [...'港湾江屿峰沙洲湖岙浦塘桥溪川矶'];

/** Sections every subordinate customs office has, in this order. */
export const OFFICE_CORE_SECTIONS = words('综合科 通关科 查验一科 查验二科 监管科');
/** Further sections, of which a larger office has more (taken in a per-office random order). */
export const OFFICE_OTHER_SECTIONS = words(`
  稽查科 企业管理科 物流监控科 卫生检疫科 动植物检疫科 商品检验科 关税科 保税监管科 旅检科 运输工具监管科 风险防控科
  审单科 加贸科 食品检验科 政工科 财务科 查验三科 船舶监管科 邮检科 快件监管科 危险品检验科 机电检验科 港区监管科
  特殊区域监管科
`);

/** Themes of temporary Party organisations (临时党组织) set up for a task away from home (an audit team, an inspection
 * team, a major event) and closed after it. */
export const TEMPORARY_THEMES = words(
  '驻外稽查组 巡察组 进博会保障 防汛抗台 驻村帮扶 重大项目攻坚 亚运会保障 口岸疫情防控 智慧海关建设 自贸区改革攻坚',
);
const DIGITS = '零一二三四五六七八九';

/** 1 → 一, 12 → 十二, 40 → 四十; larger numbers stay in Arabic digits. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const onesText = ones ? (DIGITS[ones] ?? '') : '';
  if (tens === 0) return onesText;
  return `${tens === 1 ? '' : (DIGITS[tens] ?? '')}十${onesText}`;
}

/** Title of the head of a unit named `name`: 处长 for a 处, 局长 for a 局, 主任 for an office, centre or laboratory. */
export function headTitle(name: string): string {
  if (name.endsWith('局')) return '局长';
  if (name.endsWith('处')) return '处长';
  if (name.endsWith('科')) return '科长';
  return '主任';
}
