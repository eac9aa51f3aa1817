// The demo branch records that join study and talk to the work (fictional): 学用融 sessions — what was studied, the
// business problem it was applied to, what came of it — the confidential content of 谈心谈话, the year-end 组织生活会,
// and the records of temporary organisations in the field. Figures in braces are filled in per record.

export type StudyText = { topic: string; studied: string; appliedTo: string; outcome: string };

export const STUDIES: readonly StudyText[] = [
  {
    topic: '学用融：压缩进口冷链货物通关时间',
    studied: '总署《关于进一步优化口岸营商环境的若干措施》',
    appliedTo: '进口冷链货物整体通关时间偏长，企业反映查验排队等待久',
    outcome: '梳理出预约查验、集中查验两个堵点，推行“预约+错峰”查验，冷链货物平均通关时间压缩{p}%',
  },
  {
    topic: '学用融：跨境电商渠道知识产权保护',
    studied: '《中华人民共和国海关法》有关知识产权保护的规定和典型案例',
    appliedTo: '跨境电商出口渠道侵权商品查发难、布控不精准',
    outcome: '建立侵权风险商品清单，调整布控参数，查发侵权商品{k}批次',
  },
  {
    topic: '学用融：筑牢口岸检疫防线',
    studied: '习近平总书记关于统筹发展和安全的重要论述',
    appliedTo: '进境植物及其产品中截获外来有害生物的风险上升',
    outcome: '修订查验作业指导书，开展专项检疫，截获有害生物{k}种次',
  },
  {
    topic: '学用融：帮扶出口小家电企业提升质量',
    studied: '《中华人民共和国进出口商品检验法实施条例》',
    appliedTo: '辖区出口小家电企业检验不合格率偏高',
    outcome: '上门帮扶{k}家企业，建立问题清单，出口批次合格率提升至{q}%',
  },
  {
    topic: '学用融：提高企业RCEP享惠利用率',
    studied: '《区域全面经济伙伴关系协定》原产地规则',
    appliedTo: '中小外贸企业不熟悉原产地规则，协定享惠利用率不高',
    outcome: '开展政策宣讲{k}场，辖区企业RCEP项下享惠货值同比增长{p}%',
  },
  {
    topic: '学用融：智能审单减少人工环节',
    studied: '“智慧海关”建设有关部署和数字化转型案例',
    appliedTo: '审单作业人工环节多，高峰时段积压',
    outcome: '梳理{k}类规则固化到智能审单，人工审单量下降{p}%',
  },
  {
    topic: '学用融：用“枫桥经验”化解企业诉求',
    studied: '新时代“枫桥经验”',
    appliedTo: '企业投诉和复议诉求处理周期长',
    outcome: '推行“首问负责+限时回复”，{k}件企业诉求均在5个工作日内答复',
  },
  {
    topic: '学用融：规范加工贸易手册核销',
    studied: '《中华人民共和国海关稽查条例》',
    appliedTo: '加工贸易企业账册核销差错多、反复退单',
    outcome: '编印核销常见问题清单，退单率下降{p}%',
  },
  {
    topic: '学用融：窗口廉政风险排查',
    studied: '党纪学习教育读本和典型案例',
    appliedTo: '业务窗口和查验现场的廉政风险点底数不清',
    outcome: '排查风险点{k}个，逐项制定防控措施并上墙公示',
  },
  {
    topic: '学用融：综保区货物流转“一次办”',
    studied: '《中华人民共和国海关综合保税区管理办法》',
    appliedTo: '综保区内货物流转手续繁琐，企业往返窗口多',
    outcome: '推行流转业务线上办理，企业平均少跑{k}趟',
  },
  {
    topic: '学用融：旅检渠道濒危物种制品监管',
    studied: '总体国家安全观和《濒危野生动植物种国际贸易公约》履约要求',
    appliedTo: '旅检渠道濒危物种制品携带入境风险',
    outcome: '开展专项查验，查获濒危物种制品{k}起，制作宣传展板在旅检大厅展示',
  },
  {
    topic: '学用融：编写申报规范指引',
    studied: '党的群众路线和“我为群众办实事”有关要求',
    appliedTo: '中小外贸企业不熟悉申报规范，修撤单较多',
    outcome: '编印《常见商品申报指引》，辖区企业修撤单率下降{p}%',
  },
];

/** A talk's topic is seen by everyone in scope; it names the occasion, never what was said. */
export const TALK_TOPICS: readonly string[] = [
  '半年度谈心谈话',
  '谈心谈话',
  '青年党员谈心谈话',
  '岗位调整谈心谈话',
  '思想动态谈心谈话',
];

/** What was said (confidential: the participants and the branch secretary only). {name}: the member talked to. */
export const TALK_CONTENTS: readonly string[] = [
  '{name}同志谈到近期旅检夜班较多，孩子刚上小学，接送有困难；书记表示将与科室沟通，排班时适当统筹。{name}表示会克服困难，保证现场值守。',
  '{name}同志对今年职级晋升有些想法，认为个人努力没有被看到；书记肯定了其在查验岗位的表现，鼓励其在业务骨干培养中多承担任务，并表示将向科室如实反映。',
  '{name}同志父亲近期住院，请假较多，担心影响工作；书记代表支部表示关心，提醒其按规定申请假期，需要时支部协助。',
  '{name}同志刚从现场轮岗到审单岗位，对新业务不熟，压力较大；书记安排一名老党员结对帮带，约定一个月后再谈一次。',
  '{name}同志提出科室内部分工不够均衡的意见；书记认真听取，表示将在支委会上研究，并请其继续提出建议。',
  '{name}同志汇报了近期学习和工作情况，思想稳定；书记提醒其注意劳逸结合，鼓励其申报学用融合课题。',
  '{name}同志表示希望多参加业务培训；书记表示支持，推荐其参加下半年的关区业务骨干培训班。',
  '{name}同志谈到与个别同事在工作衔接上有误会；书记帮助分析原因，建议当面沟通，必要时由支部出面协调。',
];

export const ORG_LIFE = {
  topic: '{y}年度组织生活会',
  content:
    '会议由{host}主持，支部班子通报了{y}年度工作情况和上年度查摆问题整改落实情况。支委逐一对照检查，党员逐一发言，开展批评和自我批评，共查摆问题{k}条。',
  resolutions: '形成问题整改清单{k}项，明确责任人和完成时限，6月底前整改到位并在党员大会上通报。',
};

export const APPRAISAL = {
  topic: '{y}年度民主评议党员',
  content:
    '按照个人自评、党员互评、民主测评、支部评定的程序开展，评定优秀{e}名、合格{q}名{b}。评议结果在支部内公示后报机关党委。',
};

export const LECTURE_CONTENT =
  '{host}同志以“{title}”为题讲授党课，结合{work}实际，从提高政治站位、对标岗位职责、改进工作作风三个方面作了阐述。党员{n}人参加，课后{k}名党员交流了体会。';

export const STUDY_CONTENT =
  '由{host}同志领学，党员围绕所学内容和科室面临的问题逐一发言，形成学用融合工作清单，明确牵头人和时限。';

/** A temporary organisation's own records: what a field team's branch holds away from home. */
export const FIELD_TEXTS = {
  founding: {
    topic: '临时党支部成立大会',
    content: '宣读机关党委关于成立临时党支部的批复，明确临时党支部负责人和组织委员，党员亮明身份、作出承诺。',
    resolutions:
      '1. 临时党支部每月结合任务开展一次主题党日；2. 抽调党员的组织关系保留在原支部，党费在原支部交纳。',
  },
  themes: [
    '把支部建在任务一线，亮身份、作表率',
    '在急难险重任务中践行初心使命',
    '严守纪律规矩，树立海关良好形象',
    '交流阶段工作体会，查找短板弱项',
  ],
  study: {
    topic: '学用融：驻点任务中的政策把握',
    studied: '上级关于本次专项任务的部署要求和有关业务规定',
    appliedTo: '任务一线遇到的政策把握不准、标准不一的问题',
    outcome: '汇总共性问题{k}个，形成统一口径报任务指挥部，避免同类问题重复请示',
  },
};
