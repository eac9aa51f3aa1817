import { AlertOutlined } from '@ant-design/icons';
import { Card, List, Space, Tag } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { RULE_KIND_LABELS } from '#contracts/warning';
import { QueryError } from '../../components/error-display.tsx';
import { useLabel } from '../../i18n/i18n.tsx';
import { useWarnings } from './warning-api.ts';
import { useWT } from './warning-i18n.ts';
import { worstFirst } from './warning-logic.ts';
import { HandlingText, LevelTag } from './warning-parts.tsx';

// The body of 我的预警 (workbench-cards.tsx): the first five open warnings, worst first, each opening its page;
// the count is of all of them, and the overview is one click away. Warnings still in their grace are not shown: they
// have not been raised to anyone yet.

const SHOWN = 5;

export function MyWarningsCard() {
  const t = useWT();
  const label = useLabel();
  const list = useWarnings('active');
  const open = useMemo(() => worstFirst((list.data ?? []).filter((w) => w.status === 'open')), [list.data]);
  return (
    <Card
      data-testid="workbench-warning-mine"
      title={
        <Space>
          <AlertOutlined />
          {t('warning.card.title')}
          {open.length > 0 && <Tag color="red">{open.length}</Tag>}
        </Space>
      }
      extra={<Link to="/warnings">{t('warning.card.all')}</Link>}
    >
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <List
          size="small"
          loading={list.isPending}
          dataSource={open.slice(0, SHOWN)}
          locale={{ emptyText: t('warning.card.empty') }}
          renderItem={(w) => (
            <List.Item style={{ paddingInline: 0, gap: 8 }}>
              <Space size={6} style={{ minWidth: 0 }}>
                <LevelTag level={w.level} />
                <Link to={`/warnings/${w.id}`} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
                  {w.partyOrgName} · {label(RULE_KIND_LABELS[w.kind])}
                </Link>
              </Space>
              <span style={{ flexShrink: 0, fontSize: 12 }}>
                <HandlingText warning={w} />
              </span>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
