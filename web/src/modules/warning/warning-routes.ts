// The warning module's pages in the app's one route table (web/src/app/routes.tsx spreads them in menu order): the
// one-page overview and the work committee's settings under 预警; the big screen and a warning (where notifications
// link) reached from those pages.
import { AlertOutlined, DesktopOutlined, SettingOutlined, WarningOutlined } from '@ant-design/icons';
import { lazyPage as page } from '../../app/lazy-page.tsx';
import type { AppRoute, MenuGroup } from '../../app/nav.tsx';

const WARNING: MenuGroup = { key: 'warning', title: { zh: '预警', en: 'Warnings' }, icon: AlertOutlined };

export const WARNING_ROUTES: readonly AppRoute[] = [
  // Issue 13 point 5: whoever reads warnings (officers, leading groups, secretaries, the work committee); the server
  // scopes what each sees, and offers 立即评估 to warning.manage.
  {
    path: '/warnings',
    title: { zh: '一张图', en: 'Overview' },
    icon: AlertOutlined,
    access: 'warning.read',
    menu: true,
    group: WARNING,
    ...page(() => import('./overview-page.tsx'), 'OverviewPage'),
    prefetch: async (queryClient, params) =>
      (await import('./warning-api.ts')).prefetchOverview(queryClient, params),
  },
  {
    path: '/warnings/screen',
    title: { zh: '预警大屏', en: 'Big screen' },
    icon: DesktopOutlined,
    access: 'warning.read',
    menu: false,
    group: WARNING,
    ...page(() => import('./screen-page.tsx'), 'ScreenPage'),
  },
  // The work committee's rules, ladder and index formula (warning.configure).
  {
    path: '/warnings/settings',
    title: { zh: '预警设置', en: 'Warning settings' },
    icon: SettingOutlined,
    access: 'warning.configure',
    menu: true,
    group: WARNING,
    ...page(() => import('./settings-page.tsx'), 'SettingsPage'),
  },
  {
    path: '/warnings/:id',
    title: { zh: '预警详情', en: 'Warning' },
    icon: WarningOutlined,
    access: 'warning.read',
    menu: false,
    group: WARNING,
    ...page(() => import('./detail-page.tsx'), 'WarningDetailPage'),
  },
];
