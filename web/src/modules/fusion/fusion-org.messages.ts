// The fusion projects shown on the organisation page (org-panels.tsx). English: fusion-org.messages-en.ts.
export const fusionOrgZh = {
  'fusion.orgPanel.title': '融合项目',
  'fusion.orgPanel.all': '查看全部 {count} 个',
  'fusion.orgPanel.none': '暂无牵头、联建或派员参加的融合项目',
  'fusion.orgPanel.progress': '节点 {milestones}，指标达标 {met}/{kpis}',
  'fusion.orgPanel.overdue': '{count} 个节点逾期',
  'fusion.orgPanel.serving': '融合项目推进中 {count}',
} as const;
