import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  BookOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  ContactsOutlined,
  FundOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  MoneyCollectOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SnippetsOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  UserAddOutlined,
  UserSwitchOutlined,
  WalletOutlined,
} from '@ant-design/icons';
import { ASSESSMENT_ROUTES } from '../modules/assessment/assessment-routes.ts';
import { FUSION_ROUTES } from '../modules/fusion/fusion-routes.ts';
import { WARNING_ROUTES } from '../modules/warning/warning-routes.ts';
import { CHANGE_PASSWORD_PATH, HOME_PATH, LOGIN_PATH } from './access.ts';
import { lazyPage as page } from './lazy-page.tsx';
import type { AppRoute } from './nav.tsx';

export type { AppRoute };

// 我的职责 and a duty opened over it (/duties/<itemId>, where the daily digest links): one page object for both,
// so that opening a duty keeps the list on screen instead of loading the page again.
const MY_DUTIES_PAGE = page(() => import('../modules/responsibility/my-duties-page.tsx'), 'MyDutiesPage');
const prefetchMyDuties: AppRoute['prefetch'] = async (queryClient) =>
  (await import('../modules/responsibility/responsibility-me-api.ts')).prefetchMyDuties(queryClient);

/** The one table behind the menu, the router and the access guard. Order is menu order. */
export const ROUTES: readonly AppRoute[] = [
  {
    path: HOME_PATH,
    title: { zh: '工作台', en: 'Workbench' },
    icon: HomeOutlined,
    access: 'signed_in',
    menu: true,
    // The cards the modules contribute (workbench.ts); each fetches its own data once the page shows.
    ...page(() => import('./workbench-page.tsx'), 'WorkbenchPage'),
  },
  {
    path: '/me',
    title: { zh: '我的党籍', en: 'My record' },
    icon: IdcardOutlined,
    access: 'signed_in',
    menu: true,
    needsMember: true,
    ...page(() => import('../modules/member/my-record-page.tsx'), 'MyRecordPage'),
  },
  // One's own duties (issue 9.10): everyone signed in with a member record, a phone first; the deep link of a duty.
  {
    path: '/duties',
    title: { zh: '我的职责', en: 'My duties' },
    icon: CarryOutOutlined,
    access: 'signed_in',
    menu: true,
    needsMember: true,
    ...MY_DUTIES_PAGE,
    prefetch: prefetchMyDuties,
  },
  {
    path: '/duties/:itemId',
    title: { zh: '我的职责', en: 'My duties' },
    icon: CarryOutOutlined,
    access: 'signed_in',
    menu: false,
    needsMember: true,
    ...MY_DUTIES_PAGE,
    prefetch: prefetchMyDuties,
  },
  // One's own dues (issue 10.4), a phone first: the base, the months, the payments.
  {
    path: '/me/dues',
    title: { zh: '我的党费', en: 'My dues' },
    icon: WalletOutlined,
    access: 'signed_in',
    menu: true,
    needsMember: true,
    ...page(() => import('../modules/branch/dues-my-page.tsx'), 'MyDuesPage'),
  },
  {
    path: '/notifications',
    title: { zh: '通知中心', en: 'Notifications' },
    icon: BellOutlined,
    access: 'signed_in',
    menu: true,
    ...page(() => import('../modules/notification/notifications-page.tsx'), 'NotificationsPage'),
  },
  // Deliveries (ADR 30): a person's own mail and quiet hours; the officers' group robots and their log.
  {
    path: '/me/delivery',
    title: { zh: '消息接收设置', en: 'Message delivery' },
    icon: BellOutlined,
    access: 'signed_in',
    menu: true,
    ...page(() => import('../modules/delivery/delivery-preferences-page.tsx'), 'DeliveryPreferencesPage'),
  },
  {
    path: '/delivery/channels',
    title: { zh: '消息推送渠道', en: 'Delivery robots' },
    icon: BellOutlined,
    access: 'delivery.manage',
    menu: true,
    ...page(() => import('../modules/delivery/delivery-channels-page.tsx'), 'DeliveryChannelsPage'),
  },
  {
    path: '/orgs',
    title: { zh: '组织架构', en: 'Organisations' },
    icon: ApartmentOutlined,
    access: 'org.read',
    menu: true,
    ...page(() => import('../modules/org/org-page.tsx'), 'OrgPage'),
  },
  {
    path: '/members',
    title: { zh: '党员管理', en: 'Members' },
    icon: TeamOutlined,
    access: 'member.read',
    menu: true,
    ...page(() => import('../modules/member/members-page.tsx'), 'MembersPage'),
    prefetch: async (queryClient, params) =>
      (await import('../modules/member/member-api.ts')).prefetchMemberList(queryClient, params),
  },
  {
    path: '/members/:id',
    title: { zh: '党员详情', en: 'Member' },
    icon: TeamOutlined,
    access: 'member.read',
    menu: false,
    ...page(() => import('../modules/member/member-detail-page.tsx'), 'MemberDetailPage'),
  },
  {
    path: '/statistics',
    title: { zh: '党内统计', en: 'Statistics' },
    icon: BarChartOutlined,
    access: 'member.read',
    menu: true,
    ...page(() => import('../modules/statistics/statistics-page.tsx'), 'StatisticsPage'),
  },
  // The officers' pages of the responsibility system (issue 9.10): lists and their duties, coverage, the
  // template and work points, handovers, liaison points and 述职评议; each scoped by the organisation tree.
  {
    path: '/responsibility',
    title: { zh: '责任清单', en: 'Responsibility lists' },
    icon: ProfileOutlined,
    access: 'responsibility.read',
    menu: true,
    ...page(() => import('../modules/responsibility/lists-page.tsx'), 'ListsPage'),
  },
  {
    path: '/responsibility/lists/:id',
    title: { zh: '责任清单', en: 'Responsibility list' },
    icon: ProfileOutlined,
    access: 'responsibility.read',
    menu: false,
    ...page(() => import('../modules/responsibility/list-page.tsx'), 'ListPage'),
  },
  {
    path: '/responsibility/coverage',
    title: { zh: '覆盖情况', en: 'Coverage' },
    icon: ClusterOutlined,
    access: 'responsibility.read',
    menu: true,
    ...page(() => import('../modules/responsibility/coverage-page.tsx'), 'CoveragePage'),
  },
  {
    path: '/responsibility/templates',
    title: { zh: '清单模板', en: 'Templates' },
    icon: SnippetsOutlined,
    access: 'responsibility.read',
    menu: true,
    ...page(() => import('../modules/responsibility/template-page.tsx'), 'TemplatePage'),
  },
  {
    path: '/handovers',
    title: { zh: '五责交接', en: 'Handovers' },
    icon: SwapOutlined,
    access: 'handover.manage',
    menu: true,
    ...page(() => import('../modules/responsibility/handover-page.tsx'), 'HandoverPage'),
  },
  {
    path: '/liaisons',
    title: { zh: '联系点', en: 'Liaison points' },
    icon: ContactsOutlined,
    access: 'responsibility.read',
    menu: true,
    ...page(() => import('../modules/responsibility/liaison-page.tsx'), 'LiaisonPage'),
  },
  {
    path: '/appraisals',
    title: { zh: '述职评议', en: 'Year-end reports' },
    icon: SolutionOutlined,
    access: 'responsibility.read',
    menu: true,
    ...page(() => import('../modules/responsibility/appraisals-admin-page.tsx'), 'AppraisalsAdminPage'),
  },
  // Branch work records (issue 10): the list and calendar, a record, the phone form with its drafts. The form and
  // the drafts share one code chunk, so that the drafts open with no connection once the form has been opened.
  {
    path: '/branch/records',
    title: { zh: '支部工作记录', en: 'Branch records' },
    icon: BookOutlined,
    access: 'branch.read',
    menu: true,
    ...page(() => import('../modules/branch/records-page.tsx'), 'RecordsPage'),
  },
  {
    path: '/branch/records/new',
    title: { zh: '登记支部工作', en: 'Record branch work' },
    icon: BookOutlined,
    access: 'branch.record',
    menu: false,
    ...page(() => import('../modules/branch/record-form-page.tsx'), 'RecordNewPage'),
  },
  {
    path: '/branch/drafts',
    title: { zh: '草稿箱', en: 'Drafts' },
    icon: BookOutlined,
    access: 'branch.record',
    menu: false,
    ...page(() => import('../modules/branch/record-form-page.tsx'), 'RecordDraftsPage'),
  },
  {
    path: '/branch/records/:id/edit',
    title: { zh: '修改记录', en: 'Edit record' },
    icon: BookOutlined,
    access: 'branch.record',
    menu: false,
    ...page(() => import('../modules/branch/record-form-page.tsx'), 'RecordEditPage'),
  },
  {
    path: '/branch/records/:id',
    title: { zh: '支部工作记录', en: 'Branch record' },
    icon: BookOutlined,
    access: 'branch.read',
    menu: false,
    ...page(() => import('../modules/branch/record-detail-page.tsx'), 'RecordDetailPage'),
  },
  // The 支部工作记录 generated from a branch's year of records: to read, print or download as Word (issue 10.7).
  {
    path: '/branch/ledger',
    title: { zh: '支部工作记录（台账）', en: 'Branch work record' },
    icon: BookOutlined,
    access: 'branch.read',
    menu: false,
    ...page(() => import('../modules/branch/ledger-page.tsx'), 'LedgerPage'),
  },
  // 党费 and 发展党员 (issue 10.4): read by whoever reads the branch; amounts, bases and the register's keeping by
  // dues.manage and development.manage, offered on the pages themselves.
  {
    path: '/branch/dues',
    title: { zh: '党费收缴', en: 'Party dues' },
    icon: MoneyCollectOutlined,
    access: 'branch.read',
    menu: true,
    ...page(() => import('../modules/branch/dues-page.tsx'), 'DuesPage'),
  },
  {
    path: '/branch/development',
    title: { zh: '发展党员', en: 'Member development' },
    icon: UserAddOutlined,
    access: 'branch.read',
    menu: true,
    ...page(() => import('../modules/branch/development-page.tsx'), 'DevelopmentPage'),
  },
  // The officers' views over the branches' records (issue 10.5, 10.6): obligations held and missing, the members'
  // study time, and the burden meter; one menu entry, the views switched on the page.
  {
    path: '/branch/rollup',
    title: { zh: '组织生活落实', en: 'Organisational life' },
    icon: FundOutlined,
    access: 'branch.read',
    menu: true,
    ...page(() => import('../modules/branch/rollup-page.tsx'), 'RollupPage'),
  },
  {
    path: '/branch/rollup/study-hours',
    title: { zh: '学习时长', en: 'Study time' },
    icon: FundOutlined,
    access: 'branch.read',
    menu: false,
    ...page(() => import('../modules/branch/study-hours-page.tsx'), 'StudyHoursPage'),
  },
  {
    path: '/branch/rollup/burden',
    title: { zh: '减负计量', en: 'Burden meter' },
    icon: FundOutlined,
    access: 'branch.read',
    menu: false,
    ...page(() => import('../modules/branch/burden-page.tsx'), 'BurdenPage'),
  },
  ...FUSION_ROUTES,
  ...ASSESSMENT_ROUTES,
  ...WARNING_ROUTES,
  {
    path: '/import',
    title: { zh: '数据导入', en: 'Import' },
    icon: CloudUploadOutlined,
    access: ['member.import', 'org.import'],
    menu: true,
    ...page(() => import('../modules/transfer/import-page.tsx'), 'ImportPage'),
  },
  {
    path: '/users',
    title: { zh: '用户管理', en: 'Users' },
    icon: UserSwitchOutlined,
    // Read by all three administrators; the page offers each only its own actions (ADR 11).
    access: 'user.read',
    menu: true,
    ...page(() => import('../modules/identity/users-page.tsx'), 'UsersPage'),
  },
  {
    path: '/security',
    title: { zh: '安全策略', en: 'Security' },
    icon: SafetyCertificateOutlined,
    access: 'security.manage',
    menu: true,
    ...page(() => import('../modules/identity/security-page.tsx'), 'SecurityPage'),
  },
  {
    path: '/audit',
    title: { zh: '审计日志', en: 'Audit log' },
    icon: AuditOutlined,
    access: 'audit.read',
    menu: true,
    ...page(() => import('../modules/audit/audit-page.tsx'), 'AuditPage'),
  },
  {
    path: CHANGE_PASSWORD_PATH,
    title: { zh: '修改密码', en: 'Change password' },
    icon: KeyOutlined,
    access: 'signed_in',
    menu: false,
    ...page(() => import('../modules/identity/change-password-page.tsx'), 'ChangePasswordPage'),
  },
];

export const LOGIN_PAGE = page(() => import('../modules/identity/login-page.tsx'), 'LoginPage');
export { LOGIN_PATH };
