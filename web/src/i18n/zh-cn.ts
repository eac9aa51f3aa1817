import { assessmentZh } from '../modules/assessment/assessment.messages.ts';
import { attachmentZh } from '../modules/attachment/attachment.messages.ts';
import { auditZh } from '../modules/audit/audit.messages.ts';
import { developmentZh } from '../modules/branch/development.messages.ts';
import { duesZh } from '../modules/branch/dues.messages.ts';
import { ledgerZh } from '../modules/branch/ledger.messages.ts';
import { recordFormZh } from '../modules/branch/record-form.messages.ts';
import { recordsZh } from '../modules/branch/records.messages.ts';
import { recordsImportZh } from '../modules/branch/records-import.messages.ts';
import { rollupZh } from '../modules/branch/rollup.messages.ts';
import { deliveryZh } from '../modules/delivery/delivery.messages.ts';
import { fusionZh } from '../modules/fusion/fusion.messages.ts';
import { fusionBrandZh } from '../modules/fusion/fusion-brand.messages.ts';
import { fusionOrgZh } from '../modules/fusion/fusion-org.messages.ts';
import { fusionProjectZh } from '../modules/fusion/fusion-project.messages.ts';
import { identityZh } from '../modules/identity/identity.messages.ts';
import { memberZh } from '../modules/member/member.messages.ts';
import { notificationZh } from '../modules/notification/notification.messages.ts';
import { orgZh } from '../modules/org/org.messages.ts';
import { responsibilityZh } from '../modules/responsibility/responsibility.messages.ts';
import { responsibilityMeZh } from '../modules/responsibility/responsibility-me.messages.ts';
import { responsibilityPeopleZh } from '../modules/responsibility/responsibility-people.messages.ts';
import { statisticsZh } from '../modules/statistics/statistics.messages.ts';
import { transferZh } from '../modules/transfer/transfer.messages.ts';

/**
 * The Chinese dictionary is the source of truth: its keys define MessageKey, and en.ts must cover every one. Only the
 * app shell's messages live here; each module keeps its own beside it (`web/src/modules/<m>/<m>.messages.ts`).
 */
const shellZh = {
  'app.name': '融合 · 党建业务融合平台',
  'app.shortName': '融合',
  'app.subtitle': '党建业务融合平台',
  'common.actions': '操作',
  'common.back': '返回',
  'common.backHome': '返回首页',
  'common.edit': '编辑',
  'common.hours': '{n} 小时',
  'common.minutes': '{n} 分钟',
  'common.next': '下一步',
  'common.noData': '暂无数据',
  'common.previous': '上一步',
  'common.refresh': '刷新',
  'common.remove': '删除',
  'common.reset': '重置',
  'common.retry': '重试',
  'common.save': '保存',
  'common.saved': '已保存',
  'common.search': '查询',
  'common.total': '共 {total} 条',
  'error.forbiddenPage': '您没有访问此页面的权限。',
  'error.loadFailed': '数据加载失败',
  'error.notFoundPage': '页面不存在。',
  'error.requestId': '请求编号：{id}（如需帮助，请把它告诉管理员）',
  'error.stale': '该记录已被他人修改，已重新加载最新内容，请核对后再操作。',
  'error.unexpected': '操作失败，请稍后重试。',
  'nav.changePassword': '修改密码',
  'nav.demoAccount': '演示账号',
  'nav.demoAccountHint': '这是演示账号，使用公开的演示密码，只可用于演示数据。',
  'nav.openMenu': '打开菜单',
  'nav.signOut': '退出登录',
  'nav.signOutUnsent.title': '本设备上还有 {n} 条记录草稿没有发送',
  'nav.signOutUnsent.body':
    '退出登录时，草稿将从本设备删除，以免他人在这台设备上看到。需要保留的，请先留下来发送。',
  'nav.signOutUnsent.ok': '删除草稿并退出',
  'nav.signOutUnsent.stay': '留下发送',
} as const satisfies Record<string, string>;

export const zhCN = {
  ...shellZh,
  ...auditZh,
  ...attachmentZh,
  ...orgZh,
  ...transferZh,
  ...identityZh,
  ...memberZh,
  ...notificationZh,
  ...deliveryZh,
  ...statisticsZh,
  ...responsibilityMeZh,
  ...responsibilityZh,
  ...responsibilityPeopleZh,
  ...recordsZh,
  ...recordFormZh,
  ...duesZh,
  ...developmentZh,
  ...ledgerZh,
  ...recordsImportZh,
  ...rollupZh,
  ...fusionZh,
  ...fusionProjectZh,
  ...fusionBrandZh,
  ...fusionOrgZh,
  ...assessmentZh,
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof zhCN;
