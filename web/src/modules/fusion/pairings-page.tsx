import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { PAIRING_STATE_LABELS, type Pairing, type PairingState } from '#contracts/fusion-brand';
import { useCan } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { type Column, ResponsiveTable, stopRowClick } from '../responsibility/lists-responsive.tsx';
import { usePairings } from './fusion-brand-api.ts';
import { PAIRING_STATE_COLOUR } from './fusion-labels.ts';
import { UnitPicker, useFusionUnit } from './fusion-unit.tsx';
import { PairingCreateDialog } from './pairing-dialogs.tsx';

// 结对共建: the organ's Party organisations paired with partner organisations (a community, a village, an enterprise)
// or with Party organisations of other organs, each with its period, where it stands and its joint activities.

export function PairingStateTag({ state }: { state: PairingState }) {
  const label = useLabel();
  return (
    <Tag color={PAIRING_STATE_COLOUR[state]} data-testid="pairing-state">
      {label(PAIRING_STATE_LABELS[state])}
    </Tag>
  );
}

export function PairingsPage() {
  const t = useT();
  const navigate = useNavigate();
  const mayCreate = useCan()('fusion.project');
  const { unitId, units, setUnit } = useFusionUnit();
  const pairings = usePairings(unitId);
  const [creating, setCreating] = useState(false);
  const columns: Column<Pairing>[] = [
    {
      key: 'title',
      title: t('fusion.pairing.titleField'),
      primary: true,
      render: (p) => (
        <Link to={`/fusion/pairings/${p.id}`} onClick={stopRowClick} data-testid="pairing-link">
          {p.title}
        </Link>
      ),
    },
    { key: 'state', title: t('fusion.status'), render: (p) => <PairingStateTag state={p.state} /> },
    { key: 'org', title: t('fusion.pairing.org'), render: (p) => p.partyOrgName },
    {
      key: 'counterpart',
      title: t('fusion.pairing.counterpartColumn'),
      render: (p) =>
        p.counterpartUnitName ? (
          <Space orientation="vertical" size={0}>
            <span>{p.counterpartName}</span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.counterpartUnitName}
            </Typography.Text>
          </Space>
        ) : (
          p.counterpartName
        ),
    },
    {
      key: 'period',
      title: t('fusion.pairing.period'),
      render: (p) => (
        <span>
          {p.startsOn} ~ {p.endedOn ?? p.endsOn}
        </span>
      ),
    },
    {
      key: 'activities',
      title: t('fusion.pairing.activities'),
      render: (p) => t('fusion.pairing.activityCount', { n: p.activityCount }),
    },
  ];
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="pairings-page">
      <Card
        title={t('fusion.pairings.title')}
        extra={
          <Space wrap>
            <UnitPicker unitId={unitId} units={units} onChange={setUnit} />
            {mayCreate && unitId && (
              <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="pairing-new">
                {t('fusion.pairing.new')}
              </Button>
            )}
          </Space>
        }
      >
        <Typography.Text type="secondary">{t('fusion.pairings.intro')}</Typography.Text>
      </Card>
      <Card styles={{ body: { padding: 0 } }}>
        {pairings.isError ? (
          <QueryError error={pairings.error} onRetry={() => void pairings.refetch()} />
        ) : (
          <ResponsiveTable<Pairing>
            rowKey={(p) => p.id}
            columns={columns}
            dataSource={pairings.data ?? []}
            loading={pairings.isFetching}
            onRowClick={(p) => navigate(`/fusion/pairings/${p.id}`)}
            emptyText={t('fusion.pairings.empty')}
            data-testid="pairings-table"
          />
        )}
      </Card>
      {creating && unitId && <PairingCreateDialog unitId={unitId} onClose={() => setCreating(false)} />}
    </Space>
  );
}
