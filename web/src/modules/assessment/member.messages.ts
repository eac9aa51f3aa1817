// The web messages of a member's own results (党员履职述评, issue 12 point 4). The Chinese is the source of truth;
// English is in member.messages-en.ts. Spread into assessment.messages.ts.
export const memberZh = {
  'assessment.member.title': '我的考核',
  'assessment.member.intro':
    '党员履职述评按半年进行，党建和业务同考核、同权重，得分全部来自支部和业务系统已有的记录，不需要您另行填报。',
  'assessment.member.empty': '还没有您的考核结果。机关党委组织党员履职述评并计算后，结果会显示在这里。',
  'assessment.member.place': '支部内第 {rank} 名 / 共 {total} 人',
  'assessment.member.unranked': '数据不足，本期不排名',
  'assessment.member.provisional': '暂定',
  'assessment.member.final': '已定',
  'assessment.member.provisionalHint': '考核尚未结束，得分会随记录更新',
  'assessment.member.open': '查看得分说明',
  'assessment.member.back': '返回我的考核',
  'assessment.member.noData': '本期无数据，不计入得分',
  'assessment.member.total': '总分',
  'assessment.member.branch': '所在支部',
  'assessment.col.group': '所在支部',
  'assessment.member.record': '考核记录',
  'assessment.member.recordHelp': '导出该党员历次履职述评得分、支部内名次、等次和签字的述评，供干部选任参考',
} as const;
