// 五责交接: the handover wizard, delegations during leave (临时委托), and the record of both with how far each
// successor has acknowledged what they took over.
import { Card, Tabs } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useT } from '../../i18n/i18n.tsx';
import { DelegationPanel } from './handover-delegations.tsx';
import { HandoverHistory } from './handover-history.tsx';
import { HandoverWizard } from './handover-wizard.tsx';

const TABS = ['handover', 'delegation', 'history'] as const;
type Tab = (typeof TABS)[number];

export function HandoverPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const raw = params.get('tab');
  const tab: Tab = TABS.find((x) => x === raw) ?? 'handover';
  const show = (next: string) => setParams(next === 'handover' ? {} : { tab: next }, { replace: true });
  return (
    <Card title={t('rs.handover.pageTitle')} data-testid="handovers-page">
      <Tabs
        activeKey={tab}
        onChange={show}
        items={[
          {
            key: 'handover',
            label: t('rs.handover.tabHandover'),
            children: <HandoverWizard onShowHistory={() => show('history')} />,
          },
          { key: 'delegation', label: t('rs.handover.tabDelegation'), children: <DelegationPanel /> },
          { key: 'history', label: t('rs.handover.tabHistory'), children: <HandoverHistory /> },
        ]}
      />
    </Card>
  );
}
