import { DownloadOutlined, ImportOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Select,
  Space,
  Statistic,
  Table,
  type TableColumnsType,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { type DuesArrears, type LedgerMember, yuan } from '#contracts/branch-dues';
import { useCan } from '../../app/session.tsx';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import {
  chinaMonth,
  downloadLedger,
  downloadPayrollTemplate,
  useDuesArrears,
  useDuesLedger,
} from './dues-api.ts';
import { PayrollImportDialog } from './dues-import-dialog.tsx';
import { MemberDuesDrawer } from './dues-member-drawer.tsx';
import { MonthCell, STATE_COLOUR, STATE_LABEL, useHomeBranch, yearChoices } from './dues-parts.tsx';
import { PaymentDialog } from './dues-payment-dialog.tsx';

// 党费收缴: a branch's members × the months of a year, each month coloured paid / part paid / in arrears / due; the
// totals; for whoever collects the dues the amounts, a member's year, recording a payment, the payroll import; the
// ledger as .xlsx for everyone who reads the branch (amounts only for the collector); arrears per branch below it.

const LEGEND = ['paid', 'partial', 'arrears', 'due', 'unassessed'] as const;

function LedgerTable({
  members,
  amounts,
  onOpen,
}: {
  members: LedgerMember[];
  amounts: boolean;
  onOpen: (id: string) => void;
}) {
  const t = useT();
  const columns: TableColumnsType<LedgerMember> = [
    {
      title: t('dues.col.name'),
      dataIndex: 'name',
      fixed: 'left',
      width: 96,
      render: (name: string, m) =>
        amounts ? (
          <Typography.Link
            onClick={() => onOpen(m.memberId)}
            aria-label={t('dues.openMember', { name })}
            data-testid="dues-open-member"
          >
            {name}
          </Typography.Link>
        ) : (
          name
        ),
    },
    ...(amounts
      ? [
          {
            title: t('dues.col.base'),
            key: 'base',
            width: 110,
            render: (_: unknown, m: LedgerMember) =>
              m.base ? yuan(m.base.monthlyFen) : <Tag color="gold">{t('dues.state.unassessed')}</Tag>,
          },
        ]
      : []),
    ...Array.from({ length: 12 }, (_, i) => ({
      title: t('dues.col.month', { n: i + 1 }),
      key: `m${i}`,
      width: amounts ? 78 : 64,
      align: 'center' as const,
      render: (_: unknown, m: LedgerMember) =>
        m.months[i] ? <MonthCell month={m.months[i]} compact={!amounts} /> : null,
    })),
    {
      title: t('dues.col.arrearsMonths'),
      dataIndex: 'arrearsMonths',
      width: 84,
      align: 'right',
      render: (n: number) => (n > 0 ? <Typography.Text type="danger">{n}</Typography.Text> : 0),
    },
    ...(amounts
      ? [
          {
            title: t('dues.col.arrearsFen'),
            dataIndex: 'arrearsFen',
            width: 110,
            align: 'right' as const,
            render: (fen: number | null) => yuan(fen ?? 0),
          },
        ]
      : []),
  ];
  return (
    <Table<LedgerMember>
      size="small"
      rowKey="memberId"
      dataSource={members}
      columns={columns}
      pagination={members.length > 50 ? { pageSize: 50 } : false}
      scroll={{ x: 'max-content' }}
      locale={{ emptyText: <Empty description={t('dues.empty')} /> }}
      data-testid="dues-ledger"
    />
  );
}

function ArrearsView({ partyOrgId, year }: { partyOrgId: string; year: number }) {
  const t = useT();
  const arrears = useDuesArrears(partyOrgId, year, true);
  if (arrears.error) return <QueryError error={arrears.error} onRetry={() => arrears.refetch()} />;
  const a = arrears.data;
  const amounts = a?.showsAmounts ?? false;
  return (
    <Flex vertical gap={16}>
      <Table<DuesArrears['branches'][number]>
        size="small"
        loading={arrears.isLoading}
        rowKey="partyOrgId"
        dataSource={a?.branches ?? []}
        pagination={false}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('dues.col.branch'), dataIndex: 'partyOrgName' },
          { title: t('dues.col.memberCount'), dataIndex: 'members', align: 'right' },
          { title: t('dues.col.arrearsMembers'), dataIndex: 'arrearsMembers', align: 'right' },
          { title: t('dues.col.arrearsMonths'), dataIndex: 'arrearsMonths', align: 'right' },
          ...(amounts
            ? [
                {
                  title: t('dues.col.arrearsFen'),
                  dataIndex: 'arrearsFen',
                  align: 'right' as const,
                  render: (f: number | null) => yuan(f ?? 0),
                },
              ]
            : []),
        ]}
      />
      <Table<DuesArrears['members'][number]>
        size="small"
        loading={arrears.isLoading}
        rowKey={(m) => `${m.memberId}-${m.partyOrgId}`}
        dataSource={a?.members ?? []}
        pagination={(a?.members.length ?? 0) > 20 ? { pageSize: 20 } : false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: <Empty description={t('dues.noArrears')} /> }}
        columns={[
          { title: t('dues.col.name'), dataIndex: 'name' },
          { title: t('dues.col.branch'), dataIndex: 'partyOrgName' },
          {
            title: t('dues.col.months'),
            dataIndex: 'months',
            render: (ms: string[]) => ms.map((m) => Number(m.slice(5))).join('、'),
          },
          ...(amounts
            ? [
                {
                  title: t('dues.col.arrearsFen'),
                  dataIndex: 'arrearsFen',
                  align: 'right' as const,
                  render: (f: number | null) => yuan(f ?? 0),
                },
              ]
            : []),
        ]}
      />
    </Flex>
  );
}

export function DuesPage() {
  const t = useT();
  const can = useCan();
  const showError = useApiError();
  const home = useHomeBranch();
  const [params, setParams] = useSearchParams();
  const currentYear = Number(chinaMonth().slice(0, 4));
  const partyOrgId = params.get('partyOrgId') ?? home;
  const year = Number(params.get('year')) || currentYear;
  const [tab, setTab] = useState('ledger');
  const [open, setOpen] = useState<string | null>(null);
  const [paying, setPaying] = useState<{ member: { id: string; name: string } | null } | null>(null);
  const [importing, setImporting] = useState(false);
  const ledger = useDuesLedger(partyOrgId, year);
  const l = ledger.data;
  const collects = !!l?.showsAmounts && can('dues.manage');
  const setParam = (key: string, value: string | null) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };

  return (
    <Flex vertical gap={16}>
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('dues.title')}
        </Typography.Title>
        <Space wrap>
          <div style={{ width: 240 }}>
            <OrgTreeSelect
              value={partyOrgId}
              onChange={(id) => setParam('partyOrgId', id)}
              placeholder={t('dues.pickOrg')}
              allowClear={false}
              data-testid="dues-org"
            />
          </div>
          <Select
            value={year}
            onChange={(y) => setParam('year', String(y))}
            options={yearChoices(currentYear).map((y) => ({
              value: y,
              label: t('dues.yearOption', { year: y }),
            }))}
            style={{ width: 110 }}
          />
        </Space>
      </Flex>
      {!partyOrgId ? (
        <Empty description={t('dues.pickOrgHint')} />
      ) : (
        <>
          <Flex gap={8} wrap>
            {collects && (
              <>
                <Button
                  type="primary"
                  icon={<PlusOutlined />}
                  onClick={() => setPaying({ member: null })}
                  data-testid="dues-record"
                >
                  {t('dues.record')}
                </Button>
                <Button
                  icon={<ImportOutlined />}
                  onClick={() => setImporting(true)}
                  data-testid="dues-import"
                >
                  {t('dues.import')}
                </Button>
                <Button onClick={() => downloadPayrollTemplate().catch((e: unknown) => showError(e))}>
                  {t('dues.template')}
                </Button>
              </>
            )}
            <Button
              icon={<DownloadOutlined />}
              onClick={() => downloadLedger(partyOrgId, year).catch((e: unknown) => showError(e))}
            >
              {t('dues.export')}
            </Button>
          </Flex>
          {ledger.error && <QueryError error={ledger.error} onRetry={() => ledger.refetch()} />}
          {l && (
            <Card size="small">
              <Flex gap={24} wrap align="center">
                <Statistic title={l.partyOrgName} value={t('dues.members', { n: l.totals.members })} />
                <Statistic
                  title={t('dues.state.arrears')}
                  value={t('dues.arrearsShort', {
                    members: l.totals.arrearsMembers,
                    months: l.totals.arrearsMonths,
                  })}
                  styles={{ content: { color: l.totals.arrearsMembers ? '#cf1322' : undefined } }}
                />
                {l.showsAmounts && (
                  <>
                    <Statistic title={t('dues.dueTotal')} prefix="¥" value={yuan(l.totals.dueFen ?? 0)} />
                    <Statistic title={t('dues.paidTotal')} prefix="¥" value={yuan(l.totals.paidFen ?? 0)} />
                    <Statistic
                      title={t('dues.arrearsTotal')}
                      prefix="¥"
                      value={yuan(l.totals.arrearsFen ?? 0)}
                    />
                  </>
                )}
                {l.totals.unassessedMembers > 0 && (
                  <Tag color="gold">{t('dues.unassessedSummary', { n: l.totals.unassessedMembers })}</Tag>
                )}
              </Flex>
              <Flex gap={6} wrap style={{ marginTop: 12 }}>
                {LEGEND.map((s) => (
                  <Tag key={s} color={STATE_COLOUR[s]}>
                    {t(STATE_LABEL[s])}
                  </Tag>
                ))}
              </Flex>
            </Card>
          )}
          {l && !l.showsAmounts && <Alert type="info" showIcon title={t('dues.amountHidden')} />}
          <Tabs
            activeKey={tab}
            onChange={setTab}
            items={[
              {
                key: 'ledger',
                label: t('dues.tab.ledger'),
                children: <LedgerTable members={l?.members ?? []} amounts={collects} onOpen={setOpen} />,
              },
              {
                key: 'arrears',
                label: t('dues.tab.arrears'),
                children: tab === 'arrears' ? <ArrearsView partyOrgId={partyOrgId} year={year} /> : null,
              },
            ]}
          />
        </>
      )}
      <MemberDuesDrawer
        memberId={open}
        year={year}
        onClose={() => setOpen(null)}
        onRecord={(member) => setPaying({ member })}
      />
      {paying && partyOrgId && (
        <PaymentDialog
          partyOrgId={partyOrgId}
          year={year}
          member={paying.member}
          onClose={() => setPaying(null)}
        />
      )}
      {importing && partyOrgId && (
        <PayrollImportDialog
          partyOrgId={partyOrgId}
          onClose={(applied) => {
            setImporting(false);
            if (applied) ledger.refetch();
          }}
        />
      )}
    </Flex>
  );
}
