import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CloudUploadOutlined,
  HomeOutlined,
  IdcardOutlined,
  KeyOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons';
import { CHANGE_PASSWORD_PATH, HOME_PATH, LOGIN_PATH } from './access.ts';
import { lazyPage as page } from './lazy-page.tsx';
import type { AppRoute } from './nav.tsx';

export type { AppRoute };

/** The one table behind the menu, the router and the access guard. Order is menu order. */
export const ROUTES: readonly AppRoute[] = [
  {
    path: HOME_PATH,
    title: { zh: '首页', en: 'Home' },
    icon: HomeOutlined,
    access: 'signed_in',
    menu: true,
    ...page(() => import('../modules/identity/home-page.tsx'), 'HomePage'),
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
