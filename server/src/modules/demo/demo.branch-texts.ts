// What the demo organ's branch records say (fictional, in the words a branch secretary of a customs district writes):
// the 机关党委's theme of each month's 主题党日 with its "五个一", the agendas of 支委会 and 党员大会, 党课 titles, the
// places branches meet, why members were away. Study sessions and talks are in demo.branch-texts-work.ts.

/** Each month's 主题党日 theme (the 机关党委 sets it for every branch), the piece of theory studied, and where a
 * branch may go out for it instead of its own room. */
export const THEME_DAYS: readonly { theme: string; theory: string; outing: string | null }[] = [
  {
    theme: '学习贯彻全国海关工作会议精神，开好新年头、起好新步',
    theory: '学习习近平总书记关于海关工作的重要指示批示精神和全国海关工作会议报告',
    outing: null,
  },
  {
    theme: '新春走访送温暖，关心关爱困难党员和老党员',
    theory: '学习《中国共产党党内关怀帮扶办法》',
    outing: null,
  },
  {
    theme: '学雷锋志愿服务进口岸，助企纾困解难题',
    theory: '学习习近平总书记关于弘扬雷锋精神的重要论述',
    outing: '口岸监管现场“党员先锋岗”',
  },
  {
    theme: '清明祭英烈，赓续红色血脉',
    theory: '学习《中国共产党章程》总纲和革命先烈事迹',
    outing: '明州革命烈士陵园',
  },
  {
    theme: '青春建功新时代，青年党员在一线',
    theory: '学习习近平总书记关于青年工作的重要论述',
    outing: null,
  },
  {
    theme: '迎“七一”重温入党誓词，坚定理想信念',
    theory: '学习《中国共产党章程》党员的义务和权利部分',
    outing: '四明山抗日根据地旧址',
  },
  {
    theme: '庆祝中国共产党成立{n}周年，学习党的光辉历程',
    theory: '学习习近平总书记在庆祝中国共产党成立周年大会上的重要讲话',
    outing: null,
  },
  {
    theme: '筑牢国门安全防线，争当新时代国门卫士',
    theory: '学习总体国家安全观和《中华人民共和国海关法》有关规定',
    outing: '口岸监管现场“党员先锋岗”',
  },
  {
    theme: '深化作风建设，整治形式主义为基层减负',
    theory: '学习中央八项规定及其实施细则精神',
    outing: null,
  },
  {
    theme: '学思想、强党性、重实践、建新功',
    theory: '学习党的创新理论最新成果，交流学用融合体会',
    outing: '海关关史陈列馆',
  },
  {
    theme: '以案为鉴、以案促改，筑牢拒腐防变思想防线',
    theory: '学习《中国共产党纪律处分条例》，观看警示教育片',
    outing: null,
  },
  {
    theme: '对照检视一年工作，为年度组织生活会做好准备',
    theory: '学习《中国共产党支部工作条例（试行）》关于组织生活会的规定',
    outing: null,
  },
];

/** 业绩通报: what the branch's sections did that month, with the month's figures filled in. */
export const BULLETINS: readonly string[] = [
  '审核报关单{a}票，平均通关时间较上月压缩{p}%',
  '完成查验{a}批次，查发各类违规情事{k}起',
  '受理企业咨询{b}次，办结率100%，收到企业表扬信{k}封',
  '完成进出口商品检验{a}批，检出不合格{k}批并依法处置',
  '开展稽查核查{k}家企业，补征税款{m}万元',
  '完成船舶登临检疫{b}艘次，未发生疫情输入',
  '签发原产地证书{a}份，帮助企业享受关税减让约{m}万元',
];

export const MICRO_LECTURES: readonly string[] = [
  '从“一张报关单”看服务为民',
  '守好国门第一道防线',
  '红船精神的时代内涵',
  '党章里的“初心”二字',
  '一名老海关的三十年',
  '做新时代的国门卫士',
  '廉洁从关从我做起',
  '在查验台前践行群众路线',
  '青年党员的担当从哪里来',
  '算好“廉政账”',
];

export const THEME_CLOSINGS: readonly string[] = [
  '最后，书记作小结，要求大家把学习成果体现到岗位工作中。',
  '活动结束前，全体党员重温入党誓词。',
  '书记对下阶段工作作了安排，要求党员在急难险重任务中走在前面。',
  '会后，党员分组到结对社区开展志愿服务。',
];

/** 支委会: the month's agenda and what it decided. */
export const COMMITTEE_AGENDAS: readonly { topic: string; resolutions: string }[] = [
  {
    topic: '研究年度支部工作计划，部署组织生活会和民主评议党员',
    resolutions:
      '1. 审议通过年度支部工作计划，提交党员大会讨论；2. 组织生活会前开展一轮谈心谈话，支委分工包干。',
  },
  {
    topic: '通报民主评议党员结果，研究问题整改清单',
    resolutions: '1. 评议结果报机关党委备案；2. 组织生活会查摆问题逐项明确责任人，6月底前整改完毕。',
  },
  {
    topic: '研究入党积极分子培养联系人，安排一季度党课',
    resolutions: '1. 为入党积极分子各确定两名培养联系人；2. 一季度党课由书记讲授。',
  },
  {
    topic: '研究一季度党费收缴情况和学用融合课题',
    resolutions: '1. 一季度党费已足额收缴，上缴机关党委；2. 确定本年度学用融合课题，由组织委员牵头。',
  },
  {
    topic: '研究“七一”活动安排和优秀共产党员推荐',
    resolutions: '1. 推荐优秀共产党员人选提交党员大会表决；2. “七一”主题党日外出参观，组织委员负责安全预案。',
  },
  {
    topic: '研究上半年谈心谈话和党员教育培训完成情况',
    resolutions: '1. 尚未谈话的党员7月中旬前谈完；2. 督促党员完成网络学习学时。',
  },
  {
    topic: '总结上半年支部工作，研究下半年重点任务',
    resolutions: '1. 形成上半年支部工作小结报机关党委；2. 下半年重点抓好青年党员“岗位建功”。',
  },
  {
    topic: '研究青年党员“岗位建功”活动方案',
    resolutions: '1. 通过活动方案，设立党员先锋岗2个；2. 每季度在主题党日通报一次进展。',
  },
  {
    topic: '研究发展对象人选和政治审查安排',
    resolutions: '1. 同意将培养满一年的入党积极分子列为发展对象，报机关党委预审；2. 由组织委员负责函调。',
  },
  {
    topic: '研究三季度党费收缴和学习计划落实情况',
    resolutions: '1. 个别党员党费未按时交纳，由组织委员提醒；2. 四季度学习计划增加纪律教育内容。',
  },
  {
    topic: '研究预备党员转正和年度考核有关工作',
    resolutions: '1. 预备期满的预备党员提交党员大会讨论转正；2. 年度考核推荐意见报科室。',
  },
  {
    topic: '研究年度组织生活会方案和会前谈心谈话安排',
    resolutions: '1. 通过组织生活会方案，报机关党委审核；2. 支委之间、支委和党员之间谈心谈话全覆盖。',
  },
];

export const COMMITTEE_OPENINGS: readonly string[] = [
  '会议逐项听取了支委分工落实情况，',
  '会议对照机关党委通知逐条研究，',
  '会前征求了部分党员意见，会上',
  '结合科室业务安排，',
];

/** 支部党员大会, quarter by quarter. */
export const GENERAL_MEETINGS: readonly { topic: string; resolutions: string }[] = [
  {
    topic: '传达学习全国两会精神，审议支部年度工作计划',
    resolutions: '1. 全体党员表决通过支部年度工作计划；2. 各党员结合岗位制定年度个人学习计划。',
  },
  {
    topic: '讨论推荐优秀共产党员，通报上半年党费收缴情况',
    resolutions: '1. 经无记名投票，推荐1名同志为机关优秀共产党员；2. 党费收缴情况在支部公示。',
  },
  {
    topic: '通报上半年支部工作，听取党员思想汇报',
    resolutions: '1. 原则同意上半年支部工作小结；2. 下半年开展“比学赶超”岗位练兵。',
  },
  {
    topic: '讨论预备党员转正事宜，部署年度组织生活会',
    resolutions: '1. 预备党员转正事宜经表决报机关党委审批；2. 组织生活会前全体党员撰写对照检查材料。',
  },
];

export const LECTURES: readonly string[] = [
  '以高质量党建引领海关业务高质量发展',
  '坚定理想信念，守好国门安全',
  '学习《纪律处分条例》，做到知敬畏、存戒惧、守底线',
  '弘扬“红船精神”，走好新时代赶考路',
  '把学习成果转化为优化口岸营商环境的实际成效',
  '做忠诚干净担当的新时代海关人',
  '从党史中汲取奋进力量',
  '锤炼过硬作风，争当口岸先锋',
];

/** The room a branch usually meets in (the form carries the last place over). */
export const ROOMS: readonly string[] = [
  '党员活动室',
  '三楼党员活动室',
  '二楼会议室',
  '第一会议室',
  '五楼小会议室',
  '支部活动室',
  '综合楼二楼会议室',
];

export const TALK_PLACES: readonly string[] = ['书记办公室', '谈心室', '党员活动室'];

/** Why a member was excused (请假事由). */
export const EXCUSES: readonly string[] = [
  '出差',
  '出差',
  '公务外出',
  '病假',
  '年休假',
  '外出培训',
  '现场值班',
  '现场值班',
  '事假',
  '参加总署专项工作',
];

export const BASICALLY_QUALIFIED_NOTES: readonly string[] = [
  '全年有三次未参加组织生活，经谈话提醒后有改进',
  '学习不够主动，党费曾两个月未按时交纳',
];

export const EXEMPTION_TEXTS_BRANCH = {
  themeDay: {
    reason:
      '本支部党员全员抽调参加口岸重大活动通关保障，当月无法集中开展主题党日，申请当月免于开展，次月补学相关内容',
    decision: '同意。请在次月主题党日补学本月内容并交流保障工作体会',
  },
  committee: {
    reason: '支部书记和两名支委参加总署专项督查，当月无法召开支委会，议题并入下月支委会研究',
    decision: '同意，下月支委会一并研究',
  },
} as const;
