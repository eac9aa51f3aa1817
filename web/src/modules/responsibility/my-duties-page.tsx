import { Badge, Button, Card, Col, Empty, Row, Space, Tabs, Typography } from 'antd';
import { useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { Duty } from '#contracts/responsibility-me';
import { useSession } from '../../app/session.tsx';
import { QueryError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { AppraisalMine } from './appraisal-mine.tsx';
import { DutyApprovals } from './duty-approvals.tsx';
import { DutyCard } from './duty-card.tsx';
import { DutyDrawer } from './duty-drawer.tsx';
import { appraisalsWaiting, type DutyFilter, filterDuties, parseDutyFilter } from './duty-logic.ts';
import { HandoverAcknowledge } from './handover-acknowledge.tsx';
import { MyDutiesCounts } from './my-duties-counts.tsx';
import { useMyAppraisals, useMyDuties } from './responsibility-me-api.ts';

export const DUTIES_PATH = '/duties';
type Tab = 'duties' | 'appraisals';

/**
 * 我的职责, a phone first: the counts as filters, the duties as cards, the exemptions and handovers waiting on the
 * person, and a tab for 述职评议. A duty opens over the list at /duties/<itemId> (the daily digest links there);
 * the filter, the tab and the period asked for live in the address too, so back and reload keep them.
 */
export function MyDutiesPage() {
  const t = useT();
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const { itemId } = useParams<{ itemId?: string }>();
  const [params] = useSearchParams();
  const filter = parseDutyFilter(params.get('filter'));
  const tab: Tab = params.get('tab') === 'appraisals' ? 'appraisals' : 'duties';
  const duties = useMyDuties();
  const appraisals = useMyAppraisals();
  const waiting = appraisalsWaiting(appraisals.data ?? [], session.user.memberId);

  const go = (
    path: string,
    next: { filter?: DutyFilter; tab?: Tab; period?: string | null },
    how: { replace?: boolean; state?: unknown } = {},
  ) => {
    const search = new URLSearchParams();
    const f = next.filter ?? filter;
    const tb = next.tab ?? tab;
    if (f !== 'all') search.set('filter', f);
    if (tb !== 'duties') search.set('tab', tb);
    if (next.period) search.set('period', next.period);
    const query = search.toString();
    navigate(`${path}${query ? `?${query}` : ''}`, how);
  };
  // Opened from the list, the drawer closes by going back, so that a phone's back button closes it too; opened
  // from a link, closing leaves the list in its place.
  const open = (duty: Duty) =>
    go(`${DUTIES_PATH}/${duty.itemId}`, { period: duty.period.id }, { state: { fromList: true } });
  const openedFromList = (location.state as { fromList?: boolean } | null)?.fromList === true;
  const close = () => (openedFromList ? navigate(-1) : go(DUTIES_PATH, {}, { replace: true }));

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="my-duties">
      <Card>
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('myDuties.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 12 }}>
          {t('myDuties.intro')}
        </Typography.Paragraph>
        {duties.data && (
          <MyDutiesCounts
            counts={duties.data.counts}
            filter={filter}
            onFilter={(f) => go(DUTIES_PATH, { filter: f, tab: 'duties' }, { replace: true })}
          />
        )}
      </Card>
      <Tabs
        activeKey={tab}
        onChange={(key) => go(DUTIES_PATH, { tab: key as Tab }, { replace: true })}
        size="large"
        style={{ marginBottom: -8 }}
        items={[
          { key: 'duties', label: t('myDuties.tabDuties') },
          {
            key: 'appraisals',
            label: (
              <Badge count={waiting} size="small" offset={[8, -2]}>
                <span data-testid="duty-tab-appraisals">{t('myDuties.tabAppraisals')}</span>
              </Badge>
            ),
          },
        ]}
      />
      {tab === 'appraisals' ? (
        <AppraisalMine />
      ) : duties.isError ? (
        <QueryError error={duties.error} onRetry={() => void duties.refetch()} />
      ) : !duties.data ? (
        <Card loading />
      ) : (
        <>
          <DutyApprovals approvals={duties.data.approvals} />
          <HandoverAcknowledge />
          <DutyList
            duties={duties.data.duties}
            doneThisYear={duties.data.counts.doneThisYear}
            filter={filter}
            onShowAll={() => go(DUTIES_PATH, { filter: 'all' }, { replace: true })}
            onOpen={open}
          />
        </>
      )}
      <DutyDrawer itemId={itemId} periodId={params.get('period')} onClose={close} />
    </Space>
  );
}

function DutyList({
  duties,
  doneThisYear,
  filter,
  onShowAll,
  onOpen,
}: {
  duties: readonly Duty[];
  doneThisYear: number;
  filter: DutyFilter;
  onShowAll: () => void;
  onOpen: (duty: Duty) => void;
}) {
  const t = useT();
  if (duties.length === 0 && filter === 'all')
    return (
      <Card>
        <Empty
          data-testid="duty-empty"
          description={
            <>
              <Typography.Text strong style={{ display: 'block' }}>
                {t('myDuties.emptyTitle')}
              </Typography.Text>
              <Typography.Text type="secondary">{t('myDuties.emptyHint')}</Typography.Text>
            </>
          }
        />
      </Card>
    );
  const shown = filterDuties(duties, filter);
  return (
    <>
      {filter === 'done' && (
        <Typography.Text type="secondary">
          {t('myDuties.doneRecentOnly', { n: doneThisYear })}
        </Typography.Text>
      )}
      {shown.length === 0 ? (
        <Card>
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('myDuties.filterEmpty')}>
            <Button onClick={onShowAll}>{t('myDuties.showAll')}</Button>
          </Empty>
        </Card>
      ) : (
        <Row gutter={[12, 12]} data-testid="duty-list">
          {shown.map((duty) => (
            <Col key={duty.period.id} xs={24} lg={12} xxl={8}>
              <DutyCard duty={duty} onOpen={() => onOpen(duty)} />
            </Col>
          ))}
        </Row>
      )}
    </>
  );
}
