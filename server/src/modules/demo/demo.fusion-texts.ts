// What a customs organ's departments struggle with and what its branches can bring: the texts of the demo's year of
// fusion work (issue 11 point 9). Each need names the sections that raise it (the first one the organ has is used)
// and the business KPI it hurts, with a baseline and a target; the resources carry keywords shared with the needs
// they suit, so that the board has something to explain.
import type { ResourceKind, Urgency } from '#contracts/fusion';
import type { PartnerKind } from '#contracts/partner';

export type NeedText = {
  sections: readonly string[];
  title: string;
  problem: string;
  urgency: Urgency;
  tags: readonly string[];
  kpi: { name: string; unit: string; direction: 'increase' | 'decrease'; baseline: number; target: number };
  project: string;
  goal: string;
  milestones: readonly string[];
  outcome: string;
};

export const NEED_TEXTS: readonly NeedText[] = [
  {
    sections: ['通关科', '审单科'],
    title: '进口货物整体通关时间偏长',
    problem: '部分进口货物申报、查验、放行环节衔接不畅，企业反映整体通关时间长于周边口岸。',
    urgency: 'critical',
    tags: ['通关', '时效', '企业服务'],
    kpi: { name: '进口整体通关时间', unit: '小时', direction: 'decrease', baseline: 36, target: 28 },
    project: '进口通关时效提升攻坚',
    goal: '梳理通关全流程堵点，进口整体通关时间压缩到 28 小时以内。',
    milestones: ['梳理通关流程堵点', '推行“提前申报”“两步申报”', '开展企业问需走访', '阶段评估与总结'],
    outcome: '推行提前申报和两步申报，重点企业问需走访全覆盖，进口整体通关时间明显压缩。',
  },
  {
    sections: ['查验一科', '查验科', '查验二科'],
    title: '查验作业等待时间长',
    problem: '查验场地和人手在高峰时段紧张，货物等待查验时间长，企业投诉较多。',
    urgency: 'urgent',
    tags: ['查验', '时效', '现场'],
    kpi: { name: '查验平均等待时长', unit: '小时', direction: 'decrease', baseline: 12, target: 6 },
    project: '查验高峰党员突击队',
    goal: '高峰时段党员突击队轮值，查验平均等待时长降到 6 小时。',
    milestones: ['组建查验突击队', '制定高峰轮值表', '查验预约试点', '总结推广'],
    outcome: '突击队在高峰时段轮值，推行查验预约，平均等待时长大幅缩短。',
  },
  {
    sections: ['企业管理科', '信用管理科', '认证科'],
    title: 'AEO 高级认证企业培育数量偏少',
    problem: '辖区符合条件的企业对认证标准不熟悉，申请积极性不高，高级认证企业数量落后于计划。',
    urgency: 'normal',
    tags: ['企业服务', '信用', '认证'],
    kpi: { name: '新增高级认证企业', unit: '家', direction: 'increase', baseline: 2, target: 8 },
    project: '“关企共建”AEO 培育',
    goal: '与重点企业结对，一企一策辅导，全年新增高级认证企业 8 家。',
    milestones: ['筛选培育企业名单', '开展认证标准宣讲', '一企一策辅导', '组织模拟认证'],
    outcome: '结对辅导 15 家企业，新增高级认证企业，企业获得感明显提升。',
  },
  {
    sections: ['法制科', '复议应诉科'],
    title: '行政复议案件办理周期长',
    problem: '复议案件积压，部分案件接近法定期限，群众等待时间过久。',
    urgency: 'urgent',
    tags: ['法律', '复议', '执法'],
    kpi: { name: '复议案件平均办理天数', unit: '天', direction: 'decrease', baseline: 48, target: 35 },
    project: '复议案件提速攻坚小组',
    goal: '清理积压案件，复议案件平均办理天数降到 35 天。',
    milestones: ['清点积压案件', '建立繁简分流机制', '疑难案件集体会商', '总结评估'],
    outcome: '积压案件全部办结，繁简分流常态化运行。',
  },
  {
    sections: ['稽查科', '稽查一科', '核查科'],
    title: '稽查作业查发率不高',
    problem: '稽查选案依赖经验，作业查发率偏低，执法资源使用效率不高。',
    urgency: 'normal',
    tags: ['稽查', '数据', '风险'],
    kpi: { name: '稽查作业查发率', unit: '%', direction: 'increase', baseline: 42, target: 55 },
    project: '数据赋能精准稽查',
    goal: '运用数据分析辅助选案，稽查作业查发率提高到 55%。',
    milestones: ['梳理历史查发案例', '建立选案数据模型', '试点应用', '效果评估'],
    outcome: '数据选案模型投入试用，查发率有所提高。',
  },
  {
    sections: ['关税科', '归类科', '征管科'],
    title: '商品归类争议和退补税案件多',
    problem: '企业对归类规则理解不一，归类争议和退补税案件频发，影响通关和征管效率。',
    urgency: 'normal',
    tags: ['税收', '归类', '企业服务'],
    kpi: { name: '归类争议案件', unit: '件', direction: 'decrease', baseline: 40, target: 25 },
    project: '归类服务进企业',
    goal: '开展归类政策宣讲和预裁定服务，归类争议案件减少到 25 件以下。',
    milestones: ['编制常见商品归类指引', '进企业宣讲', '推广预裁定'],
    outcome: '归类指引覆盖重点企业，预裁定申请明显增加。',
  },
  {
    sections: ['信息化科', '网络安全科'],
    title: '业务系统数据分散，报表重复填报',
    problem: '多个业务系统数据不互通，基层科室每月重复填报多张报表，负担较重。',
    urgency: 'urgent',
    tags: ['数据', '减负', '信息化'],
    kpi: { name: '每月重复填报报表', unit: '张', direction: 'decrease', baseline: 14, target: 5 },
    project: '“一表通”数据共享',
    goal: '打通主要业务系统数据，每月重复填报报表减少到 5 张以内。',
    milestones: ['摸清报表底数', '数据接口开发', '试运行', '推广应用'],
    outcome: '主要报表实现自动生成，基层填报负担明显减轻。',
  },
  {
    sections: ['旅检科'],
    title: '节假日旅客通关排队时间长',
    problem: '节假日旅客流量激增，通道和人员不足，旅客排队时间长。',
    urgency: 'urgent',
    tags: ['旅检', '现场', '群众满意'],
    kpi: { name: '高峰时段旅客平均排队时间', unit: '分钟', direction: 'decrease', baseline: 45, target: 20 },
    project: '旅检通道党员先锋岗',
    goal: '设立党员先锋岗，高峰时段旅客平均排队时间降到 20 分钟。',
    milestones: ['设立先锋岗', '高峰弹性排班', '旅客满意度回访'],
    outcome: '先锋岗高峰值守，旅客排队时间大幅缩短，满意度提升。',
  },
  {
    sections: ['食品检验科', '进口食品科', '商品检验科'],
    title: '进口冷链食品检测周期长',
    problem: '冷链食品检测项目多，送检和出报告周期长，企业仓储成本高。',
    urgency: 'urgent',
    tags: ['检验', '食品安全', '时效'],
    kpi: { name: '冷链食品检测平均周期', unit: '天', direction: 'decrease', baseline: 7, target: 4 },
    project: '冷链检测提速',
    goal: '优化送检流程，冷链食品检测平均周期缩短到 4 天。',
    milestones: ['梳理检测流程', '实验室联动', '结果评估'],
    outcome: '送检流程优化，检测周期缩短。',
  },
  {
    sections: ['风险防控科', '风险分析科', '布控科'],
    title: '布控指令命中率偏低',
    problem: '部分布控指令针对性不强，命中率低，查验资源浪费。',
    urgency: 'normal',
    tags: ['风险', '数据', '查验'],
    kpi: { name: '布控命中率', unit: '%', direction: 'increase', baseline: 3.2, target: 5 },
    project: '风险布控精准化',
    goal: '完善风险参数，布控命中率提高到 5%。',
    milestones: ['复盘未命中指令', '优化风险参数', '跟踪评估'],
    outcome: '风险参数持续优化。',
  },
  {
    sections: ['保税监管科', '加贸监管科', '加贸科'],
    title: '保税企业核销周期长',
    problem: '保税手册核销资料多、环节多，企业反映周期长。',
    urgency: 'normal',
    tags: ['保税', '企业服务', '时效'],
    kpi: { name: '手册核销平均周期', unit: '天', direction: 'decrease', baseline: 20, target: 12 },
    project: '保税核销便利化',
    goal: '精简核销资料，手册核销平均周期缩短到 12 天。',
    milestones: ['梳理核销资料清单', '推行线上核销', '企业回访'],
    outcome: '线上核销全面推行。',
  },
  {
    sections: ['卫生检疫科', '口岸检疫科'],
    title: '口岸传染病监测能力不足',
    problem: '新发传染病监测手段有限，一线人员培训不足。',
    urgency: 'critical',
    tags: ['检疫', '培训', '现场'],
    kpi: { name: '一线检疫人员培训覆盖率', unit: '%', direction: 'increase', baseline: 60, target: 100 },
    project: '检疫能力提升',
    goal: '一线检疫人员培训全覆盖，完善监测流程。',
    milestones: ['制定培训计划', '开展实操演练', '考核评估'],
    outcome: '一线人员培训全覆盖。',
  },
  {
    sections: ['财务科', '预算科'],
    title: '预算执行进度偏慢',
    problem: '部分项目预算执行进度滞后，年底突击花钱风险较大。',
    urgency: 'normal',
    tags: ['财务', '预算'],
    kpi: { name: '三季度末预算执行率', unit: '%', direction: 'increase', baseline: 58, target: 75 },
    project: '预算执行督导',
    goal: '按月督导预算执行，三季度末执行率达到 75%。',
    milestones: ['建立月度通报', '重点项目督导'],
    outcome: '预算执行进度按月通报。',
  },
  {
    sections: ['物流监控科', '港区监管科', '监管科'],
    title: '卡口放行等待时间长',
    problem: '港区卡口车辆高峰集中，放行等待时间长，周边道路拥堵。',
    urgency: 'urgent',
    tags: ['物流', '时效', '现场'],
    kpi: { name: '卡口平均放行时间', unit: '分钟', direction: 'decrease', baseline: 15, target: 8 },
    project: '智慧卡口畅通',
    goal: '卡口平均放行时间降到 8 分钟。',
    milestones: ['高峰车流分析', '卡口智能化改造'],
    outcome: '卡口通行效率提升。',
  },
];

export type SkillText = { kind: ResourceKind; title: string; tags: readonly string[]; description: string };

/** Skills and certificates of members, and standing task forces and posts of branches. */
export const SKILL_TEXTS: readonly SkillText[] = [
  {
    kind: 'certificate',
    title: '法律职业资格',
    tags: ['法律', '复议', '执法'],
    description: '通过国家统一法律职业资格考试，熟悉行政复议和诉讼。',
  },
  {
    kind: 'skill',
    title: '数据分析与建模',
    tags: ['数据', '风险', '稽查'],
    description: '熟练使用数据分析工具，参与过风险模型研发。',
  },
  {
    kind: 'skill',
    title: '系统开发与数据接口',
    tags: ['数据', '信息化', '减负'],
    description: '熟悉业务系统架构和数据接口开发。',
  },
  {
    kind: 'certificate',
    title: '注册会计师',
    tags: ['财务', '预算', '稽查'],
    description: '具有注册会计师资格，熟悉企业财务核查。',
  },
  { kind: 'skill', title: '商品归类专家', tags: ['归类', '税收'], description: '海关总署归类专家库成员。' },
  {
    kind: 'skill',
    title: '实验室检测',
    tags: ['检验', '食品安全'],
    description: '从事食品和化学品检测十余年。',
  },
  {
    kind: 'skill',
    title: '英语口译',
    tags: ['旅检', '企业服务'],
    description: '英语专业八级，承担涉外旅客服务和外企沟通。',
  },
  {
    kind: 'skill',
    title: '卫生检疫与流调',
    tags: ['检疫', '培训'],
    description: '具有传染病流行病学调查经验，可承担培训授课。',
  },
];

export const UNIT_RESOURCE_TEXTS: readonly SkillText[] = [
  {
    kind: 'task_force',
    title: '党员突击队',
    tags: ['现场', '时效', '查验'],
    description: '由支部党员组成，在业务高峰和急难险重任务中轮值。',
  },
  {
    kind: 'pioneer_post',
    title: '党员先锋岗',
    tags: ['企业服务', '群众满意', '现场'],
    description: '窗口和一线岗位设立的党员先锋岗。',
  },
  {
    kind: 'task_force',
    title: '党员攻坚小组',
    tags: ['时效', '企业服务', '数据'],
    description: '围绕业务难题组建的党员攻坚小组。',
  },
];

export type PartnerText = { name: string; kind: PartnerKind; contact: string; resource: SkillText };

export const PARTNER_TEXTS: readonly PartnerText[] = [
  {
    name: '港务集团有限公司党委',
    kind: 'enterprise',
    contact: '党群工作部',
    resource: {
      kind: 'partner',
      title: '港区物流调度数据',
      tags: ['物流', '时效', '数据'],
      description: '港务集团可共享港区车辆和集装箱调度数据。',
    },
  },
  {
    name: '滨江街道海港社区党委',
    kind: 'community',
    contact: '社区党委书记',
    resource: {
      kind: 'partner',
      title: '社区志愿服务队',
      tags: ['群众满意', '现场'],
      description: '社区志愿者可协助节假日旅检现场引导。',
    },
  },
  {
    name: '东湖村党总支',
    kind: 'village',
    contact: '村党总支书记',
    resource: {
      kind: 'partner',
      title: '农产品出口基地',
      tags: ['检验', '企业服务'],
      description: '村集体农产品出口基地，可作为出口食品检验帮扶点。',
    },
  },
  {
    name: '市检验检测研究院',
    kind: 'institution',
    contact: '综合办公室',
    resource: {
      kind: 'partner',
      title: '检测实验室共享',
      tags: ['检验', '食品安全', '时效'],
      description: '可在高峰期共享检测能力。',
    },
  },
];
