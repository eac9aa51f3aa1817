import { RightOutlined } from '@ant-design/icons';
import { Card, Col, Row, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { ROLE_LABELS } from '#contracts/identity';
import { HOME_PATH } from '../../app/access.ts';
import { useNavEntries } from '../../app/nav.tsx';
import { useSession } from '../../app/session.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';

// The identity module's workbench cards (web/src/app/workbench.ts): who is signed in with which roles, and the
// way to every page the menu offers.

function WelcomeCard() {
  const session = useSession();
  const t = useT();
  const label = useLabel();
  return (
    <Card data-testid="home-welcome">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t('home.welcome', { name: session.user.displayName })}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('home.intro')}</Typography.Paragraph>
      <div>
        <Typography.Text strong>{t('home.roles')}</Typography.Text>
        <div style={{ marginTop: 8, display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="home-roles">
          {session.roles.length === 0 && (
            <Typography.Text type="secondary">{t('home.noRoles')}</Typography.Text>
          )}
          {session.roles.map((role) => (
            <Tag key={`${role.role}:${role.partyOrgId ?? ''}`} color="red">
              {label(ROLE_LABELS[role.role])}
              {role.partyOrgName ? ` · ${role.partyOrgName}` : ''}
            </Tag>
          ))}
        </div>
      </div>
    </Card>
  );
}

function QuickLinksCard() {
  const t = useT();
  const label = useLabel();
  const links = useNavEntries().filter((route) => route.path !== HOME_PATH);
  if (links.length === 0) return null;
  return (
    <Card title={t('home.quickLinks')}>
      <Row gutter={[12, 12]}>
        {links.map((route) => (
          <Col key={route.path} xs={12} sm={8} lg={6}>
            <Link to={route.path} data-testid={`home-link-${route.path.slice(1)}`}>
              <Card hoverable size="small">
                <Space>
                  <route.icon />
                  <span>{label(route.title)}</span>
                  <RightOutlined style={{ fontSize: 10, color: '#999' }} />
                </Space>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

export const identityCards = [
  {
    key: 'identity.welcome',
    order: 10,
    title: { zh: '欢迎', en: 'Welcome' },
    visible: () => true,
    wide: true,
    Card: WelcomeCard,
  },
  {
    key: 'identity.quick-links',
    order: 90,
    title: { zh: '常用功能', en: 'Quick links' },
    visible: () => true,
    wide: true,
    Card: QuickLinksCard,
  },
];
