import { Alert, Segmented, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLocation, useNavigate, useSearchParams } from 'react-router-dom';
import { chinaYear } from '../../components/dates.ts';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import { usePartyOrgs } from '../org/org-api.ts';
import { YearSelect } from '../responsibility/lists-year-select.tsx';
import { defaultRollupOrg, parseRollupParams, type RollupBy } from './rollup-logic.ts';

// The head the three officers' views share (落实情况, 学习时长, 减负计量): which organisation and year, kept in the
// address so that switching views, reloading or sending the link keeps them.

export const ROLLUP_TABS: readonly { path: string; label: MessageKey }[] = [
  { path: '/branch/rollup', label: 'rollup.tab.obligations' },
  { path: '/branch/rollup/study-hours', label: 'rollup.tab.study' },
  { path: '/branch/rollup/burden', label: 'rollup.tab.burden' },
];

/** The organisation (the top of what the reader sees until they pick one), the year and the grid's columns. */
export function useRollupPlace() {
  const [params, setParams] = useSearchParams();
  const orgs = usePartyOrgs();
  const parsed = parseRollupParams(params, chinaYear());
  const org = parsed.org ?? defaultRollupOrg(orgs.data ?? []);
  const set = (change: { org?: string | null; year?: number; by?: RollupBy }) => {
    const next = new URLSearchParams(params);
    if (change.org !== undefined) {
      if (change.org) next.set('org', change.org);
      else next.delete('org');
    }
    if (change.year !== undefined) next.set('year', String(change.year));
    if (change.by !== undefined) {
      if (change.by === 'quarter') next.set('by', 'quarter');
      else next.delete('by');
    }
    setParams(next, { replace: true });
  };
  // ready: the tree is in, so no organisation means there is none to default to (not that it is still loading).
  return { org, year: parsed.year, by: parsed.by, set, orgs: orgs.data ?? [], ready: orgs.isSuccess };
}

export function RollupHeader({
  place,
  title,
  extra,
  intro,
}: {
  place: ReturnType<typeof useRollupPlace>;
  title: string;
  extra?: ReactNode;
  intro: string;
}) {
  const t = useT();
  const navigate = useNavigate();
  const location = useLocation();
  const current = ROLLUP_TABS.find((tab) => tab.path === location.pathname)?.path ?? ROLLUP_TABS[0]?.path;
  return (
    <Space orientation="vertical" size={8} style={{ width: '100%' }}>
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
        <Segmented<string>
          value={current}
          options={ROLLUP_TABS.map((tab) => ({ value: tab.path, label: t(tab.label) }))}
          // The organisation and year go along to the other view.
          onChange={(path) => navigate({ pathname: path, search: location.search })}
          data-testid="rollup-tabs"
        />
      </div>
      <Typography.Text type="secondary">{intro}</Typography.Text>
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap', alignItems: 'center' }}>
        <div style={{ minWidth: 240, flex: '1 1 240px', maxWidth: 420 }}>
          <OrgTreeSelect
            value={place.org}
            onChange={(id) => place.set({ org: id })}
            allowClear={false}
            placeholder={t('rollup.pickOrg')}
            data-testid="rollup-org"
          />
        </div>
        <YearSelect value={place.year} onChange={(year) => place.set({ year })} data-testid="rollup-year" />
        {extra}
      </div>
      {!place.org && place.ready && <Alert type="info" showIcon title={t('rollup.pickOrgHint')} />}
    </Space>
  );
}
