import { BellOutlined } from '@ant-design/icons';
import { Link } from 'react-router-dom';
import { useSession } from '../../app/session.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useUnreadCount } from './notification-api.ts';

export const NOTIFICATIONS_PATH = '/notifications';

// A plain count rather than antd's Badge: the bell is in the layout of every page, the opening page's code included
// (ADR 21), and Badge's animated digits would add their code to that of every page.
const COUNT_STYLE = {
  position: 'absolute',
  top: -6,
  insetInlineStart: 10,
  minWidth: 16,
  height: 16,
  paddingInline: 4,
  borderRadius: 8,
  background: '#fff',
  color: '#b71c1c',
  fontSize: 11,
  fontWeight: 600,
  lineHeight: '16px',
  textAlign: 'center',
  boxShadow: '0 0 0 1px #b71c1c',
} as const;

/** The header's bell: the unread count, asked again every minute, and the way to the notification centre. */
export function NotificationBell() {
  const t = useT();
  const session = useSession();
  // While a password change is pending every other call is refused: the bell waits too.
  const unread = useUnreadCount(!session.user.mustChangePassword);
  const count = unread.data?.count ?? 0;
  const label = count > 0 ? t('notify.bellUnread', { n: count }) : t('notify.bell');
  return (
    <Link
      to={NOTIFICATIONS_PATH}
      aria-label={label}
      title={label}
      data-testid="notification-bell"
      style={{ display: 'inline-flex', alignItems: 'center', paddingInline: 8, height: 32, color: '#fff' }}
    >
      <span style={{ position: 'relative', display: 'inline-flex', fontSize: 18 }}>
        <BellOutlined />
        {count > 0 && (
          <span style={COUNT_STYLE} data-testid="notification-bell-count">
            {count > 99 ? '99+' : count}
          </span>
        )}
      </span>
    </Link>
  );
}
