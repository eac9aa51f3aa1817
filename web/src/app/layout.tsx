import { DownOutlined, KeyOutlined, LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Button,
  ConfigProvider,
  Drawer,
  Dropdown,
  Layout,
  Menu,
  type MenuProps,
  Tag,
  Tooltip,
} from 'antd';
import { Suspense, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router-dom';
import { LanguageSwitch } from '../components/language-switch.tsx';
import { PageSpin } from '../components/page-spin.tsx';
import { useScreens } from '../components/use-screens.ts';
import { useLabel, useT } from '../i18n/i18n.tsx';
import { useOutbox } from '../modules/branch/record-outbox.ts';
import { NotificationBell } from '../modules/notification/notification-bell.tsx';
import { CHANGE_PASSWORD_PATH, menuRoutes, selectedMenuPath } from './access.ts';
import { clearDevice, unsentOnDevice } from './device-data.ts';
import { groupMenu, NavProvider } from './nav.tsx';
import { startRoute } from './preload.ts';
import { ROUTES } from './routes.tsx';
import { useSession, useSignOut } from './session.tsx';

const HEADER_BG = '#b71c1c';
// Every pixel counts at 375px: cards lose most of their padding on phones.
const MOBILE_CARD = { styles: { body: { padding: 12 }, header: { paddingInline: 12 } } };

export function AppLayout() {
  const session = useSession();
  const t = useT();
  const label = useLabel();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const screens = useScreens();
  const isMobile = screens.md === false;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [collapsed, setCollapsed] = useState(false);
  const signOut = useSignOut();
  const { modal } = App.useApp();
  // Record drafts queued on this device go as soon as the connection allows, on whatever page is open.
  useOutbox(session.permissions.includes('branch.record') ? session.user.id : null);

  const entries = menuRoutes(ROUTES, session);
  const selected = selectedMenuPath(
    location.pathname,
    entries.map((e) => e.path),
  );
  const itemOf = (entry: (typeof entries)[number]) => ({
    key: entry.path,
    icon: <entry.icon />,
    label: label(entry.title),
    'data-testid': `menu-${entry.path === '/' ? 'home' : entry.path.slice(1)}`,
  });
  const items: MenuProps['items'] = groupMenu(entries).map((node) =>
    node.kind === 'entry'
      ? itemOf(node.entry)
      : {
          key: `group:${node.group.key}`,
          icon: <node.group.icon />,
          label: label(node.group.title),
          'data-testid': `menu-group-${node.group.key}`,
          children: node.entries.map(itemOf),
        },
  );
  // The group holding the page opens with the menu; the reader folds and unfolds the others.
  const openGroup = entries.find((e) => e.path === selected)?.group?.key;
  const menu = (
    <Menu
      mode="inline"
      items={items}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={openGroup ? [`group:${openGroup}`] : []}
      style={{ borderInlineEnd: 'none' }}
      onClick={({ key }) => {
        setDrawerOpen(false);
        // Starts the page's code and first data now; the page renders once, when both are there.
        const entry = entries.find((e) => e.path === key);
        if (entry) startRoute(queryClient, entry, session, new URLSearchParams());
        navigate(key);
      }}
    />
  );

  const userItems: MenuProps['items'] = [
    { key: 'password', icon: <KeyOutlined />, label: t('nav.changePassword') },
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('nav.signOut'), danger: true },
  ];
  const onUserMenu: MenuProps['onClick'] = ({ key }) => {
    if (key === 'password') navigate(CHANGE_PASSWORD_PATH);
    if (key === 'logout') void signOutClearingDevice();
  };
  // What modules keep on this device for the account goes with the session (a shared office computer); what was
  // never sent is named first, and the person may stay to send it. The session gate then shows the login page.
  const signOutClearingDevice = async () => {
    const userId = session.user.id;
    const leave = async () => {
      await clearDevice(userId);
      signOut.mutate();
    };
    const unsent = await unsentOnDevice(userId);
    if (unsent === 0) return leave();
    modal.confirm({
      title: t('nav.signOutUnsent.title', { n: unsent }),
      content: t('nav.signOutUnsent.body'),
      okText: t('nav.signOutUnsent.ok'),
      okButtonProps: { danger: true, 'data-testid': 'sign-out-delete-drafts' },
      cancelText: t('nav.signOutUnsent.stay'),
      onOk: leave,
    });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: HEADER_BG,
          display: 'flex',
          alignItems: 'center',
          gap: 8,
          paddingInline: isMobile ? 8 : 24,
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {isMobile && entries.length > 0 && (
          <Button
            type="text"
            icon={<MenuOutlined />}
            style={{ color: '#fff' }}
            aria-label={t('nav.openMenu')}
            data-testid="menu-toggle"
            onClick={() => setDrawerOpen(true)}
          />
        )}
        <div
          style={{
            color: '#fff',
            fontSize: isMobile ? 16 : 18,
            fontWeight: 600,
            flex: 1,
            minWidth: 0,
            whiteSpace: 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
          }}
          data-testid="app-title"
        >
          {isMobile ? t('app.shortName') : t('app.name')}
        </div>
        <NotificationBell />
        <LanguageSwitch light />
        {session.user.isDemo && (
          // A demo account uses the published demo password: nobody should take it, or its data, for real.
          <Tooltip title={t('nav.demoAccountHint')}>
            <Tag color="gold" style={{ marginInlineEnd: 0 }} data-testid="demo-account-tag">
              {t('nav.demoAccount')}
            </Tag>
          </Tooltip>
        )}
        <Dropdown
          menu={{ items: userItems, onClick: onUserMenu }}
          trigger={['click']}
          placement="bottomRight"
        >
          <Button type="text" style={{ color: '#fff', paddingInline: 8 }} data-testid="user-menu">
            <UserOutlined />
            {!isMobile && (
              <span style={{ maxWidth: 160, overflow: 'hidden' }}>{session.user.displayName}</span>
            )}
            <DownOutlined style={{ fontSize: 10 }} />
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        {!isMobile && entries.length > 0 && (
          <Layout.Sider
            theme="light"
            width={208}
            collapsible
            collapsed={collapsed}
            onCollapse={setCollapsed}
            style={{ borderInlineEnd: '1px solid #f0f0f0' }}
          >
            {menu}
          </Layout.Sider>
        )}
        {isMobile && (
          <Drawer
            placement="left"
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            size={260}
            title={t('app.shortName')}
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        )}
        <Layout.Content style={{ padding: isMobile ? 8 : 24, minWidth: 0 }}>
          <NavProvider entries={entries}>
            <ConfigProvider card={isMobile ? MOBILE_CARD : undefined}>
              <Suspense fallback={<PageSpin />}>
                <Outlet />
              </Suspense>
            </ConfigProvider>
          </NavProvider>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
