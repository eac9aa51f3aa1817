import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  BellOutlined,
  CarryOutOutlined,
  CloudUploadOutlined,
  ClusterOutlined,
  ContactsOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  ProfileOutlined,
  SafetyCertificateOutlined,
  SnippetsOutlined,
  SolutionOutlined,
  SwapOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
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
  {
    path: '/notifications',
    title: { zh: '通知中心', en: 'Notifications' },
    icon: BellOutlined,
    access: 'signed_in',
    menu: true,
    ...page(() => import('../modules/notification/notifications-page.tsx'), 'NotificationsPage'),
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
