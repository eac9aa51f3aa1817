// How the audit trail reads in people's words: actions, object types, field labels and values, in Chinese and
// English. Shared by the server (search by Chinese action, the export) and the web (the audit page).

import { ROLE_LABELS } from './identity.ts';
import { GENDER_LABELS, MEMBER_CATEGORY_LABELS, PARTY_POST_LABELS } from './member.ts';
import { PARTY_ORG_KIND_LABELS } from './org.ts';

type Label = { zh: string; en: string };
export type AuditLocale = 'zh' | 'en';

export const AUDIT_ACTION_LABELS: Record<string, Label> = {
  'auth.login': { zh: '登录', en: 'Signed in' },
  'auth.login_failed': { zh: '登录失败', en: 'Failed sign-in' },
  'auth.logout': { zh: '退出登录', en: 'Signed out' },
  'auth.password_change': { zh: '修改密码', en: 'Changed password' },
  'user.create': { zh: '新建账号', en: 'Created account' },
  'user.update': { zh: '修改账号', en: 'Edited account' },
  'user.reset_password': { zh: '重置密码', en: 'Reset password' },
  'role.assign': { zh: '分配角色', en: 'Assigned roles' },
  'security.unlock': { zh: '解除锁定', en: 'Unlocked' },
  'audit.export': { zh: '导出审计日志', en: 'Exported audit log' },
  'org.create': { zh: '新建党组织', en: 'Created organisation' },
  'org.update': { zh: '修改党组织', en: 'Edited organisation' },
  'org.move': { zh: '调整党组织隶属', en: 'Moved organisation' },
  'org.close': { zh: '撤销党组织', en: 'Closed organisation' },
  'org.reopen': { zh: '恢复党组织', en: 'Reopened organisation' },
  'org.import': { zh: '导入党组织', en: 'Imported organisations' },
  'org.export': { zh: '导出党组织', en: 'Exported organisations' },
  'department.create': { zh: '新建业务部门', en: 'Created department' },
  'department.update': { zh: '修改业务部门', en: 'Edited department' },
  'member.create': { zh: '新增党员', en: 'Added member' },
  'member.update': { zh: '修改党员信息', en: 'Edited member' },
  'member.transfer': { zh: '转接组织关系', en: 'Transferred member' },
  'member.leave': { zh: '登记离开', en: 'Recorded leaving' },
  'member.import': { zh: '导入党员名册', en: 'Imported roster' },
  'member.export': { zh: '导出党员名册', en: 'Exported roster' },
  'member.view': { zh: '查看党员详情', en: 'Viewed member' },
  'member.reveal': { zh: '查看完整号码', en: 'Revealed numbers' },
  'correction.request': { zh: '申请更正信息', en: 'Asked for a correction' },
  'correction.resolve': { zh: '处理更正申请', en: 'Settled a correction' },
  'statistics.export': { zh: '导出党内统计', en: 'Exported statistics' },
  'responsibility.template_publish': { zh: '发布责任清单模板', en: 'Published a list template' },
  'responsibility.template_adopt': { zh: '采用新版模板', en: 'Adopted a template version' },
  'responsibility.work_point_create': { zh: '新增工作要点', en: 'Added a work point' },
  'responsibility.work_point_update': { zh: '修改工作要点', en: 'Edited a work point' },
  'responsibility.list_create': { zh: '建立责任清单', en: 'Created a list' },
  'responsibility.list_update': { zh: '修改责任清单', en: 'Edited a list' },
  'responsibility.item_create': { zh: '新增职责', en: 'Added a duty' },
  'responsibility.rectification_open': { zh: '开具限期整改事项', en: 'Opened a rectification duty' },
  'responsibility.item_update': { zh: '修改职责', en: 'Edited a duty' },
  'responsibility.progress_report': { zh: '报告职责进度', en: 'Reported progress' },
  'responsibility.evidence_attach': { zh: '上传佐证材料', en: 'Attached evidence' },
  'responsibility.exemption_request': { zh: '申请豁免', en: 'Asked for an exemption' },
  'responsibility.exemption_decide': { zh: '审批豁免', en: 'Decided an exemption' },
  'responsibility.liaison_create': { zh: '设置联系点', en: 'Set a liaison' },
  'responsibility.liaison_end': { zh: '结束联系点', en: 'Ended a liaison' },
  'responsibility.appraisal_create': { zh: '生成述职报告', en: 'Assembled a year-end report' },
  'responsibility.appraisal_submit': { zh: '提交述职报告', en: 'Submitted a year-end report' },
  'responsibility.appraisal_raters': { zh: '指定评议人', en: 'Named raters' },
  'responsibility.appraisal_rate': { zh: '述职评议', en: 'Rated a report' },
  'responsibility.export': { zh: '导出责任清单文件', en: 'Downloaded a responsibility file' },
  'responsibility.import': { zh: '从 Excel 导入职责', en: 'Imported duties from Excel' },
  'responsibility.bulk_load': { zh: '成批载入责任体系数据', en: 'Loaded a year of responsibility data' },
  'handover.complete': { zh: '办理五责交接', en: 'Completed a handover' },
  'handover.delegate': { zh: '办理临时委托', en: 'Delegated during leave' },
  'handover.acknowledge': { zh: '确认接收交接事项', en: 'Acknowledged a handover' },
  'handover.cancel': { zh: '提前结束委托', en: 'Ended a delegation early' },
  'attachment.upload': { zh: '上传附件', en: 'Uploaded an attachment' },
  'attachment.delete': { zh: '删除附件', en: 'Deleted an attachment' },
  'attachment.delete_with_owner': { zh: '随记录删除附件', en: 'Deleted attachments with their record' },
  'attachment.move': { zh: '附件随计划转入活动记录', en: 'Moved attachments from a plan to its record' },
  'branch.record_create': { zh: '记录支部活动', en: 'Recorded branch work' },
  'branch.record_update': { zh: '修改支部工作记录', en: 'Changed a branch work record' },
  'branch.record_delete': { zh: '删除支部工作记录', en: 'Deleted a branch work record' },
  'branch.settings_update': { zh: '设置主题党日日期', en: 'Set the theme day' },
  'branch.temporary_members': { zh: '调整临时党组织成员', en: 'Changed a temporary organisation’s members' },
  'branch.ledger_export': { zh: '下载支部工作记录', en: 'Downloaded the branch work record' },
  'branch.records_export': { zh: '导出支部工作记录', en: 'Exported branch records' },
  'branch.records_import': { zh: '导入历史三会一课记录', en: 'Imported past branch meetings' },
  'dues.base_create': { zh: '核定党费基数', en: 'Set a dues base' },
  'dues.base_update': { zh: '修改党费基数', en: 'Changed a dues base' },
  'dues.payment_record': { zh: '登记党费收缴', en: 'Recorded a dues payment' },
  'dues.payment_void': { zh: '作废党费收缴记录', en: 'Voided a dues payment' },
  'dues.import': { zh: '从工资表导入党费', en: 'Imported dues from payroll' },
  'dues.export': { zh: '导出党费台账', en: 'Exported the dues ledger' },
  'dues.view': { zh: '查看党员党费明细', en: 'Viewed a member’s dues' },
  'development.create': { zh: '登记发展党员对象', en: 'Registered a person in development' },
  'development.update': { zh: '更新发展党员进程', en: 'Updated a development record' },
  'branch.bulk_load': { zh: '成批载入支部工作记录', en: 'Loaded a year of branch records' },
  'dues.bulk_load': { zh: '成批载入党费和发展党员数据', en: 'Loaded a year of dues and member development' },
  'delivery.preferences_update': { zh: '修改消息接收设置', en: 'Changed delivery preferences' },
  'delivery.channel_create': { zh: '添加消息推送渠道', en: 'Added a delivery robot' },
  'delivery.channel_update': { zh: '修改消息推送渠道', en: 'Changed a delivery robot' },
  'delivery.channel_delete': { zh: '删除消息推送渠道', en: 'Deleted a delivery robot' },
  'delivery.channel_test': { zh: '发送推送测试消息', en: 'Sent a test message to a robot' },
  'delivery.retry': { zh: '重新发送推送消息', en: 'Retried a delivery' },
  'org.partner_create': { zh: '登记共建单位', en: 'Registered a partner organisation' },
  'org.partner_update': { zh: '修改共建单位', en: 'Changed a partner organisation' },
  'fusion.need_create': { zh: '登记需求', en: 'Registered a need' },
  'fusion.need_update': { zh: '修改需求', en: 'Changed a need' },
  'fusion.resource_create': { zh: '登记资源', en: 'Registered a resource' },
  'fusion.resource_update': { zh: '修改资源', en: 'Changed a resource' },
  'fusion.pair_accept': { zh: '认领需求资源配对', en: 'Accepted a need–resource pair' },
  'fusion.pair_decline': { zh: '婉拒需求资源配对', en: 'Declined a need–resource pair' },
  'fusion.project_create': { zh: '新建融合项目', en: 'Created a fusion project' },
  'fusion.project_update': { zh: '修改融合项目', en: 'Changed a fusion project' },
  'fusion.project_team': { zh: '调整项目团队', en: "Changed a project's team" },
  'fusion.project_approve': { zh: '融合项目立项', en: 'Approved a fusion project' },
  'fusion.project_start': { zh: '融合项目启动推进', en: 'Started a fusion project' },
  'fusion.project_accept': { zh: '融合项目验收', en: 'Accepted a fusion project' },
  'fusion.project_terminate': { zh: '终止融合项目', en: 'Terminated a fusion project' },
  'fusion.milestone_create': { zh: '增加项目节点', en: 'Added a milestone' },
  'fusion.milestone_update': { zh: '修改项目节点', en: 'Changed a milestone' },
  'fusion.milestone_delete': { zh: '删除项目节点', en: 'Deleted a milestone' },
  'fusion.kpi_create': { zh: '增加项目业务指标', en: 'Added a project KPI' },
  'fusion.kpi_update': { zh: '修改项目业务指标或实测值', en: 'Changed a project KPI' },
  'fusion.kpi_delete': { zh: '删除项目业务指标', en: 'Deleted a project KPI' },
  'fusion.record_link': { zh: '关联支部工作记录到项目', en: 'Linked branch records to a project' },
  'fusion.record_unlink': { zh: '取消项目关联的记录', en: 'Unlinked a record from a project' },
  'fusion.export': { zh: '导出融合清单', en: 'Exported fusion lists' },
  'fusion.brand_create': { zh: '创建支部品牌', en: 'Created a branch brand' },
  'fusion.brand_update': { zh: '完善支部品牌', en: 'Changed a branch brand' },
  'fusion.brand_evidence': { zh: '添加品牌佐证', en: 'Added brand evidence' },
  'fusion.brand_evidence_remove': { zh: '移除品牌佐证', en: 'Removed brand evidence' },
  'fusion.brand_review': { zh: '支部品牌年度评审', en: 'Reviewed a branch brand' },
  'fusion.case_create': { zh: '撰写典型案例', en: 'Wrote a typical case' },
  'fusion.case_update': { zh: '修改典型案例', en: 'Changed a typical case' },
  'fusion.case_submit': { zh: '提交典型案例审核', en: 'Submitted a typical case' },
  'fusion.case_publish': { zh: '发布典型案例', en: 'Published a typical case' },
  'fusion.case_return': { zh: '退回典型案例', en: 'Returned a typical case' },
  'fusion.case_select': { zh: '工委推选典型案例', en: 'Selected a typical case' },
  'fusion.case_unselect': { zh: '取消推选典型案例', en: 'Unselected a typical case' },
  'fusion.pairing_create': { zh: '建立结对共建关系', en: 'Created a pairing' },
  'fusion.pairing_update': { zh: '修改结对共建关系', en: 'Changed a pairing' },
  'fusion.pairing_end': { zh: '解除结对共建关系', en: 'Ended a pairing' },
  'fusion.needs_import': { zh: '导入需求清单', en: 'Imported needs' },
  'fusion.resources_import': { zh: '导入资源清单', en: 'Imported resources' },
  'fusion.bulk_load': { zh: '成批载入融合项目数据', en: 'Loaded a year of fusion work' },
  'assessment.system_create': { zh: '新建考核指标体系', en: 'Created an indicator system' },
  'assessment.system_save': { zh: '修改考核指标体系', en: 'Changed an indicator system' },
  'assessment.system_publish': { zh: '发布考核指标体系', en: 'Published an indicator system' },
  'assessment.system_derive': { zh: '派生新版指标体系', en: 'Derived a new edition of a system' },
  'assessment.cycle_create': { zh: '新建考核', en: 'Created an assessment cycle' },
  'assessment.cycle_compute': { zh: '计算考核结果', en: 'Computed an assessment cycle' },
  'assessment.kpi_create': { zh: '登记业务指标', en: 'Registered a business KPI' },
  'assessment.kpi_update': { zh: '修改业务指标', en: 'Changed a business KPI' },
  'assessment.kpi_import': { zh: '导入业务指标数据', en: 'Imported business KPI values' },
  'assessment.kpi_push': { zh: '业务系统推送指标数据', en: 'A business system pushed KPI values' },
  'assessment.kpi_mapping_save': { zh: '保存导入列对应关系', en: 'Saved an import mapping' },
  'assessment.kpi_mapping_delete': { zh: '删除导入列对应关系', en: 'Deleted an import mapping' },
  'assessment.kpi_token_create': { zh: '为业务系统生成推送令牌', en: 'Created a push token' },
  'assessment.kpi_token_revoke': { zh: '吊销推送令牌', en: 'Revoked a push token' },
  'assessment.bulletin_create': { zh: '起草考核通报', en: 'Drafted a bulletin' },
  'assessment.bulletin_edit': { zh: '修改考核通报', en: 'Changed a bulletin' },
  'assessment.bulletin_publish': { zh: '发布考核通报', en: 'Published a bulletin' },
  'assessment.bulletin_share': { zh: '生成通报分享链接', en: 'Shared a bulletin' },
  'assessment.bulletin_unshare': { zh: '停用通报分享链接', en: 'Stopped sharing a bulletin' },
  'assessment.bulletin_export': { zh: '导出考核通报', en: 'Exported a bulletin' },
  'assessment.rating_round_create': { zh: '发起分组评价', en: 'Set up a rating round' },
  'assessment.rating_round_edit': { zh: '修改分组评价', en: 'Changed a rating round' },
  'assessment.rating_round_open': { zh: '开始分组评价', en: 'Opened a rating round' },
  'assessment.rating_round_close': { zh: '结束分组评价', en: 'Closed a rating round' },
  'assessment.rating_raters_add': { zh: '添加评价人', en: 'Added raters' },
  'assessment.rating_remind': { zh: '提醒评价人', en: 'Reminded raters' },
  'assessment.rating_draft': { zh: '暂存评价', en: 'Saved a rating draft' },
  'assessment.rating_submit': { zh: '提交评价', en: 'Submitted a rating' },
  'assessment.review_assemble': { zh: '汇总生成党员述评', en: 'Assembled members’ reviews' },
  'assessment.review_edit': { zh: '填写述评评语和等次', en: 'Wrote a review’s comment and grade' },
  'assessment.review_submit': { zh: '述评提交支部', en: 'Submitted a review to the branch' },
  'assessment.review_sign': { zh: '述评签字确认', en: 'Signed off a review' },
  'assessment.review_show': { zh: '述评告知本人', en: 'Showed a review to the member' },
  'assessment.review_statement': { zh: '填写述评个人补充说明', en: 'Wrote a statement on one’s review' },
  'assessment.review_export': { zh: '导出党员述评', en: 'Exported reviews' },
  'assessment.follow_up_rule': { zh: '设置考核整改线', en: 'Set a follow-up rule' },
  'assessment.follow_up_open': {
    zh: '为低于整改线的考核对象开具整改项',
    en: 'Opened follow-ups below the rule',
  },
  'assessment.cycle_close': { zh: '结束考核', en: 'Closed an assessment cycle' },
  'assessment.grade_scale_save': { zh: '保存考核等次设置', en: 'Saved a grade scale' },
  'assessment.calibration_set': { zh: '校准考核得分', en: 'Calibrated a score' },
  'assessment.calibration_remove': { zh: '撤销考核得分校准', en: 'Removed a calibration' },
  'assessment.appraisal_export': { zh: '导出年度考核结果', en: 'Exported the appraisal results' },
  'assessment.member_record_export': { zh: '导出党员考核记录', en: "Exported a member's assessment record" },
};

export const AUDIT_ENTITY_LABELS: Record<string, Label> = {
  member: { zh: '党员', en: 'Member' },
  party_org: { zh: '党组织', en: 'Organisation' },
  department: { zh: '业务部门', en: 'Department' },
  user: { zh: '账号', en: 'Account' },
  unit: { zh: '单位', en: 'Organ' },
  audit_log: { zh: '审计日志', en: 'Audit log' },
  responsibility_template: { zh: '责任清单模板', en: 'List template' },
  work_point: { zh: '工作要点', en: 'Work point' },
  partner_org: { zh: '共建单位', en: 'Partner organisation' },
  fusion_need: { zh: '需求', en: 'Need' },
  fusion_resource: { zh: '资源', en: 'Resource' },
  fusion_project: { zh: '融合项目', en: 'Fusion project' },
  brand: { zh: '支部品牌', en: 'Branch brand' },
  showcase_case: { zh: '典型案例', en: 'Typical case' },
  pairing: { zh: '结对共建', en: 'Pairing' },
  responsibility_list: { zh: '责任清单', en: 'Responsibility list' },
  responsibility_item: { zh: '职责', en: 'Duty' },
  liaison: { zh: '联系点', en: 'Liaison' },
  report_appraisal: { zh: '述职报告', en: 'Year-end report' },
  handover: { zh: '交接', en: 'Handover' },
  attachment: { zh: '附件', en: 'Attachment' },
  branch_record: { zh: '支部工作记录', en: 'Branch work record' },
  development_person: { zh: '发展党员对象', en: 'Person in development' },
  indicator_system: { zh: '考核指标体系', en: 'Indicator system' },
  assessment_cycle: { zh: '考核', en: 'Assessment cycle' },
  assessment_bulletin: { zh: '考核通报', en: 'Bulletin' },
  performance_review: { zh: '党员述评', en: 'Member review' },
  assessment_rating_round: { zh: '分组评价', en: 'Rating round' },
  assessment_grade_scale: { zh: '考核等次设置', en: 'Grade scale' },
  assessment_rater: { zh: '评价人', en: 'Rater' },
  business_kpi: { zh: '业务指标', en: 'Business KPI' },
  business_kpi_mapping: { zh: '导入列对应关系', en: 'Import mapping' },
  kpi_push_token: { zh: '推送令牌', en: 'Push token' },
};

/** Field labels, with the words the member and organisation pages use. */
export const AUDIT_FIELD_LABELS: Record<string, Label> = {
  name: { zh: '名称/姓名', en: 'Name' },
  gender: { zh: '性别', en: 'Gender' },
  birthDate: { zh: '出生日期', en: 'Birth date' },
  ethnicity: { zh: '民族', en: 'Ethnicity' },
  education: { zh: '学历', en: 'Education' },
  idNumber: { zh: '身份证号', en: 'ID number' },
  phone: { zh: '手机号', en: 'Mobile phone' },
  category: { zh: '党员类别', en: 'Member category' },
  joinedOn: { zh: '入党日期', en: 'Joined the Party' },
  fullOn: { zh: '转正日期', en: 'Full membership' },
  partyOrgId: { zh: '所在党组织', en: 'Organisation' },
  partyOrgName: { zh: '所在党组织', en: 'Organisation' },
  fromPartyOrgId: { zh: '转出党组织', en: 'From organisation' },
  toPartyOrgId: { zh: '转入党组织', en: 'To organisation' },
  departmentId: { zh: '业务部门', en: 'Department' },
  departmentName: { zh: '业务部门', en: 'Department' },
  partyPost: { zh: '党内职务', en: 'Party post' },
  businessPost: { zh: '业务职务', en: 'Business post' },
  status: { zh: '状态', en: 'Status' },
  unitId: { zh: '所属单位', en: 'Organ' },
  parentId: { zh: '上级组织', en: 'Parent' },
  code: { zh: '编码', en: 'Code' },
  kind: { zh: '类型', en: 'Kind' },
  isTemporary: { zh: '临时党组织', en: 'Temporary' },
  tempStartOn: { zh: '开始日期', en: 'Starts' },
  tempEndOn: { zh: '结束日期', en: 'Ends' },
  foundedOn: { zh: '成立日期', en: 'Founded' },
  closedOn: { zh: '撤销日期', en: 'Closed on' },
  closeReason: { zh: '撤销原因', en: 'Reason for closing' },
  sortOrder: { zh: '排序号', en: 'Order' },
  departmentIds: { zh: '对应业务部门', en: 'Departments served' },
  memberCount: { zh: '本级党员', en: 'Members' },
  memberTotal: { zh: '党员总数', en: 'Members incl. below' },
  version: { zh: '版本', en: 'Version' },
  username: { zh: '用户名', en: 'Username' },
  displayName: { zh: '姓名', en: 'Display name' },
  mustChangePassword: { zh: '须修改密码', en: 'Must change password' },
  memberId: { zh: '关联党员', en: 'Linked member' },
  lastLoginAt: { zh: '最近登录', en: 'Last sign-in' },
  roles: { zh: '角色', en: 'Roles' },
  role: { zh: '角色', en: 'Role' },
  on: { zh: '日期', en: 'Date' },
  reason: { zh: '原因', en: 'Reason' },
  rows: { zh: '行数', en: 'Rows' },
  filter: { zh: '筛选条件', en: 'Filter' },
  applied: { zh: '已写入', en: 'Written' },
  created: { zh: '新增', en: 'Created' },
  updated: { zh: '更新', en: 'Updated' },
  unchanged: { zh: '未变', en: 'Unchanged' },
  issues: { zh: '问题数', en: 'Problems' },
  field: { zh: '项目', en: 'Field' },
  message: { zh: '说明', en: 'Message' },
  resolution: { zh: '答复', en: 'Answer' },
  correctionId: { zh: '更正申请', en: 'Correction request' },
  asOf: { zh: '统计日期', en: 'As of' },
  members: { zh: '党员人数', en: 'Members' },
  lockedUntil: { zh: '锁定至', en: 'Locked until' },
  kindOf: { zh: '锁定类别', en: 'Lock kind' },
  key: { zh: '锁定对象', en: 'Locked key' },
  newParentId: { zh: '新的上级组织', en: 'New parent' },
  fromParentId: { zh: '原上级组织', en: 'Former parent' },
  toParentId: { zh: '新上级组织', en: 'New parent' },
  ownerKind: { zh: '所属记录类型', en: 'Record kind' },
  ownerId: { zh: '所属记录', en: 'Record' },
  ownerIds: { zh: '所属记录', en: 'Records' },
  fileName: { zh: '文件名', en: 'File name' },
  files: { zh: '文件', en: 'Files' },
  mediaType: { zh: '文件类型', en: 'File type' },
  size: { zh: '大小（字节）', en: 'Size (bytes)' },
  sha256: { zh: '文件指纹', en: 'Fingerprint' },
};

const FIELD_ORDER = new Map(Object.keys(AUDIT_FIELD_LABELS).map((k, i) => [k, i]));
/** jsonb keeps keys in its own order; show them in the order of the label table (the order of the forms). */
const byFieldOrder = (a: string, b: string) =>
  (FIELD_ORDER.get(a) ?? Number.MAX_SAFE_INTEGER) - (FIELD_ORDER.get(b) ?? Number.MAX_SAFE_INTEGER);

const VALUE_LABELS: Record<string, Record<string, Label>> = {
  gender: GENDER_LABELS,
  category: MEMBER_CATEGORY_LABELS,
  partyPost: PARTY_POST_LABELS,
  kind: PARTY_ORG_KIND_LABELS,
  role: ROLE_LABELS,
  status: {
    active: { zh: '正常', en: 'Active' },
    closed: { zh: '已撤销', en: 'Closed' },
    left: { zh: '已离开', en: 'Left' },
    disabled: { zh: '已停用', en: 'Disabled' },
    open: { zh: '待处理', en: 'Open' },
    resolved: { zh: '已更正', en: 'Corrected' },
    rejected: { zh: '未采纳', en: 'Not accepted' },
  },
};

const pick = (l: Label | undefined, locale: AuditLocale, fallback: string) => (l ? l[locale] : fallback);

export const auditActionLabel = (action: string, locale: AuditLocale = 'zh') =>
  pick(AUDIT_ACTION_LABELS[action], locale, action);
export const auditEntityLabel = (type: string | null, locale: AuditLocale = 'zh') =>
  type ? pick(AUDIT_ENTITY_LABELS[type], locale, type) : '';
export const auditFieldLabel = (field: string, locale: AuditLocale = 'zh') =>
  pick(AUDIT_FIELD_LABELS[field], locale, field);

/** Actions whose label (in either language) or code contains `query`: how "转接" finds member.transfer. */
export function actionsMatching(query: string): string[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return Object.entries(AUDIT_ACTION_LABELS)
    .filter(([code, l]) => code.startsWith(q) || l.zh.includes(q) || l.en.toLowerCase().includes(q))
    .map(([code]) => code);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/**
 * A stored value as a person reads it: enumerations by their label, ids by the name they had (from `names`, looked
 * up by the server), booleans as 是/否, role lists as "role · organisation", anything else as compact JSON.
 */
export function auditValueText(
  field: string,
  value: unknown,
  names: Readonly<Record<string, string>>,
  locale: AuditLocale = 'zh',
): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean')
    return value ? (locale === 'zh' ? '是' : 'Yes') : locale === 'zh' ? '否' : 'No';
  if (isUuid(value)) return names[value] ?? value;
  if (typeof value === 'string') return pick(VALUE_LABELS[field]?.[value], locale, value);
  if (Array.isArray(value)) {
    return (
      value
        .map((v) => {
          if (v && typeof v === 'object' && 'role' in v) {
            const r = v as { role: string; partyOrgId?: string | null; partyOrgName?: string | null };
            const where = r.partyOrgName ?? (r.partyOrgId ? (names[r.partyOrgId] ?? r.partyOrgId) : null);
            return `${auditValueText('role', r.role, names, locale)}${where ? ` · ${where}` : ''}`;
          }
          return auditValueText(field, v, names, locale);
        })
        .join('、') || '—'
    );
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => byFieldOrder(a, b))
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `${auditFieldLabel(k, locale)}：${auditValueText(k, v, names, locale)}`)
      .join('；');
  }
  return String(value);
}

export type AuditChange = { field: string; label: string; before: string; after: string };

/** Field-by-field changes between two images, only the fields that differ, in readable words. */
export function auditChanges(
  before: unknown,
  after: unknown,
  names: Readonly<Record<string, string>>,
  locale: AuditLocale = 'zh',
): AuditChange[] {
  const obj = (v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  const b = obj(before);
  const a = obj(after);
  if (!b && !a) {
    if (before == null && after == null) return [];
    return [
      {
        field: 'value',
        label: '',
        before: auditValueText('value', before, names, locale),
        after: auditValueText('value', after, names, locale),
      },
    ];
  }
  // Names that ride along with their ids (partyOrgName beside partyOrgId) would only repeat the change.
  const skip = new Set(['version', 'partyOrgName', 'departmentName', 'memberCount', 'memberTotal']);
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])]
    .filter((k) => !skip.has(k))
    .sort(byFieldOrder);
  const out: AuditChange[] = [];
  for (const k of keys) {
    const bv = auditValueText(k, b?.[k], names, locale);
    const av = auditValueText(k, a?.[k], names, locale);
    if (b && a && bv === av) continue;
    out.push({ field: k, label: auditFieldLabel(k, locale), before: b ? bv : '', after: a ? av : '' });
  }
  return out;
}
