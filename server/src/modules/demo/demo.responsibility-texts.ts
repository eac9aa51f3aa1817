// Words of the demo organ's year of responsibility work: the work committee's work points, how the 党组 and the
// 机关党委 take them up, what a branch writes when it takes one up, the leaders' 一岗双责 duties, and what people
// write in their progress reports. Invented, in the manner of the sources (工作要点, 责任清单, 述职报告).
import type { Domain, Recurrence } from '#contracts/responsibility';

export type DemoWorkPoint = {
  seq: number;
  domain: Domain;
  category: string;
  title: string;
  detail: string;
  weight: number;
};

/** The work committee's work points of the year: the same for every organ below it. */
export const DEMO_WORK_POINTS: readonly DemoWorkPoint[] = [
  {
    seq: 1,
    domain: 'fusion',
    category: '融合发展',
    title: '推动党建与业务深度融合，做到同谋划、同部署、同推进、同考核',
    detail: '把党建工作要求融入业务工作各环节，年底前各机关形成可复制推广的融合经验。',
    weight: 2,
  },
  {
    seq: 2,
    domain: 'fusion',
    category: '营商环境',
    title: '开展“党建+营商环境”攻坚行动，助力优化营商环境',
    detail: '围绕压缩办事时限、降低企业合规成本，发挥党组织战斗堡垒作用和党员先锋模范作用。',
    weight: 2,
  },
  {
    seq: 3,
    domain: 'party',
    category: '作风建设',
    title: '持续深化机关作风建设，整治形式主义、官僚主义',
    detail: '聚焦文山会海、督查检查考核过多过频等问题，切实为基层减负。',
    weight: 1.5,
  },
  {
    seq: 4,
    domain: 'fusion',
    category: '学用融合',
    title: '推进理论学习与业务实践相融合，以学促干',
    detail: '把学习成果转化为解决业务难题的实际成效，每季度开展一次学用融合研讨。',
    weight: 1,
  },
  {
    seq: 5,
    domain: 'party',
    category: '组织建设',
    title: '坚持“支部建在科上”，推进党支部标准化规范化建设',
    detail: '对照党支部标准化规范化建设要求开展自查整改，年底前全部达标。',
    weight: 1.5,
  },
  {
    seq: 6,
    domain: 'party',
    category: '品牌创建',
    title: '开展党建品牌创建，培育“一支部一品牌”',
    detail: '结合业务特点培育党建品牌，年底前评选一批示范品牌。',
    weight: 1,
  },
];

/** What a branch writes when it takes up an item the 机关党委 issued; one is drawn per branch. */
export type BranchTakeUp = {
  domain: Domain;
  category: string;
  titles: readonly string[];
  done: readonly string[];
  progress: readonly string[];
};

/**
 * The 党组's take-up of work points 1–5 (the sixth, the brand, is left for later: the coverage view shows it red),
 * the 机关党委's decomposition of each, and — for the four it issues — what the branches write.
 */
export type DemoCascade = {
  workPointSeq: number;
  principal: { title: string; detail: string; owner: number };
  direct: { title: string; detail: string; issued: boolean; recurrence: Recurrence };
  branch: BranchTakeUp | null;
};

export const DEMO_CASCADE: readonly DemoCascade[] = [
  {
    workPointSeq: 1,
    principal: {
      title: '党组统筹推进党建与业务深度融合，年内形成融合经验',
      detail: '党组会议每半年专题研究一次融合工作，班子成员各领一个融合课题。',
      owner: 0,
    },
    direct: {
      title: '分解落实党建与业务融合任务，每个党支部确定一个融合项目',
      detail: '各支部结合所服务科室的业务难点确定融合项目，机关党委按季度调度。',
      issued: true,
      recurrence: 'none',
    },
    branch: {
      domain: 'fusion',
      category: '融合项目',
      titles: [
        '确定并推进本支部党建与业务融合项目',
        '围绕科室业务难点组建党员攻坚小组',
        '设立党员先锋岗，亮身份、作表率',
      ],
      done: [
        '融合项目已完成，形成项目总结和两项工作机制',
        '攻坚小组完成既定任务，业务差错率明显下降',
        '先锋岗设立并挂牌，党员承诺事项全部兑现',
      ],
      progress: ['已确定项目并制定工作方案', '攻坚小组已组建，完成前期调研', '正在推进，已完成阶段任务'],
    },
  },
  {
    workPointSeq: 2,
    principal: {
      title: '以“党建+营商环境”攻坚带动通关效率提升',
      detail: '分管关领导牵头，按季度通报整体通关时间和企业满意度。',
      owner: 1,
    },
    direct: {
      title: '组织各党支部开展“党建+营商环境”攻坚',
      detail: '各支部围绕压缩通关时间、服务重点企业明确一项攻坚任务。',
      issued: true,
      recurrence: 'none',
    },
    branch: {
      domain: 'business',
      category: '营商环境',
      titles: [
        '压缩通关时间，落实“提前申报”“两步申报”改革',
        '走访服务重点企业，帮助解决通关难题',
        '开展“党员服务企业”志愿活动',
      ],
      done: [
        '本项已完成，进口整体通关时间较去年同期压缩 1.2 小时',
        '走访企业 12 家，收集并解决问题 9 个',
        '组织党员志愿服务 6 次，服务企业 30 余家',
      ],
      progress: [
        '已走访企业 5 家，梳理问题清单',
        '已完成提前申报宣讲，正在跟踪成效',
        '志愿服务已开展 2 次，后续按计划进行',
      ],
    },
  },
  {
    workPointSeq: 3,
    principal: {
      title: '落实作风建设要求，班子带头整治形式主义、官僚主义',
      detail: '精简会议文件，规范督查检查，班子成员每季度下基层调研。',
      owner: 2,
    },
    direct: {
      title: '开展机关作风建设专项检查',
      detail: '每季度抽查各部门会议文件和督查检查情况，通报发现的问题。',
      issued: false,
      recurrence: 'quarterly',
    },
    branch: null,
  },
  {
    workPointSeq: 4,
    principal: {
      title: '党组理论学习中心组带头学用融合，以学促干',
      detail: '中心组学习每次联系一项业务工作，形成调研成果。',
      owner: 0,
    },
    direct: {
      title: '组织各党支部开展学用融合研讨',
      detail: '各支部结合业务问题开展研讨，形成问题解决清单。',
      issued: true,
      recurrence: 'none',
    },
    branch: {
      domain: 'fusion',
      category: '学用融合',
      titles: ['开展学用融合研讨，形成业务问题解决清单', '以案促学，结合典型案例开展业务研讨'],
      done: ['研讨已开展，形成问题解决清单 8 条', '结合 3 个典型案例开展研讨，形成业务指引一份'],
      progress: ['已确定研讨主题，正在收集业务问题', '已组织一次集中学习，研讨安排在下月'],
    },
  },
  {
    workPointSeq: 5,
    principal: {
      title: '推动各党支部标准化规范化建设全面达标',
      detail: '党组成员结合联系支部督导，年底前全部达标。',
      owner: 3,
    },
    direct: {
      title: '督导各党支部对照标准化规范化要求自查整改',
      detail: '机关党委制定自查表，分批督导，年底验收。',
      issued: true,
      recurrence: 'none',
    },
    branch: {
      domain: 'party',
      category: '组织建设',
      titles: ['对照标准化规范化要求开展自查并完成整改', '规范支部台账和组织生活记录'],
      done: ['自查发现问题 5 个，已全部整改', '台账已按要求规范，经机关党委抽查合格'],
      progress: ['已完成自查，正在整改', '台账整理已完成大半'],
    },
  },
];

/** A branch's own duty, added by some branches beside the template and the cascade. */
export const BRANCH_OWN_ITEMS: readonly { domain: Domain; category: string; title: string }[] = [
  { domain: 'party', category: '为民服务', title: '开展“我为群众办实事”实践活动' },
  { domain: 'business', category: '业务工作', title: '完成年度风险防控重点课题' },
  { domain: 'fusion', category: '品牌创建', title: '培育支部党建品牌，形成品牌工作法' },
];

/** The 一岗双责 list of a 党组 member: Party and business duties on one list. */
export const PERSONAL_ITEMS: readonly {
  domain: Domain;
  category: string;
  title: string;
  recurrence: Recurrence;
}[] = [
  {
    domain: 'party',
    category: '一岗双责',
    title: '抓好分管部门党的建设，听取分管部门党支部工作汇报',
    recurrence: 'half_yearly',
  },
  {
    domain: 'business',
    category: '中心工作',
    title: '推进分管领域重点业务任务，按季度督促落实',
    recurrence: 'quarterly',
  },
  {
    domain: 'party',
    category: '党风廉政',
    title: '落实分管领域党风廉政建设责任，开展廉政谈话',
    recurrence: 'yearly',
  },
  { domain: 'party', category: '联系指导', title: '参加所联系党支部组织生活', recurrence: 'quarterly' },
];

export const DONE_NOTES: readonly string[] = [
  '已按计划完成，相关材料已归档',
  '已召开专题会议研究部署，形成会议纪要',
  '已完成，并报机关党委备案',
  '对照要求逐项落实，台账已更新',
  '已完成，情况已在支部党员大会上通报',
];
export const PROGRESS_NOTES: readonly string[] = [
  '已制定工作方案，正在推进',
  '已完成前期调研，形成问题清单',
  '已完成过半，剩余部分按计划推进',
];
export const BEHIND_NOTES: readonly string[] = [
  '受业务高峰影响，进度滞后，正在抓紧推进',
  '负责同志外出培训，本项推迟，近期补上',
];
export const LATE_NOTE = '因业务高峰推迟，现已补做完成';

export const EXEMPTION_TEXTS = {
  halfYear: {
    reason: '支部于年初调整组建，上半年融合项目并入下半年一并开展',
    decision: '同意，下半年须按期完成',
  },
  study: {
    reason: '支部多数党员参加集中业务培训，本次研讨与培训结合进行，申请免于单独开展',
    decision: '同意，培训中的研讨成果报机关党委备案',
  },
  pending: { reason: '科室承担重大活动保障任务，党员集中抽调，申请本项顺延一个月完成' },
} as const;

export const HANDOVER_TEXT = {
  post: '党支部书记',
  reason: '支部委员会换届选举，原书记改任支部委员，书记职责整体移交',
} as const;
