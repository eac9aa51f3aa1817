import { DownloadOutlined, PrinterOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { keepsLedger } from '#contracts/branch-files';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { usePartyOrgs } from '../org/org-api.ts';
import { chinaMonth } from './dues-api.ts';
import { useHomeBranch } from './dues-parts.tsx';
import { downloadLedgerDocument, useLedger } from './ledger-api.ts';
import { LedgerDocument } from './ledger-document.tsx';

// 支部工作记录: a branch's year generated from its records — read on the page, printed from it (the print styles
// below leave only the sheet, on A4), or downloaded as the Word document the server makes from the same answer.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const PRINT_CSS = `
.ledger-sheet { max-width: 860px; margin: 0 auto; padding: 32px 40px; background: #fff; color: #000;
  font-family: "Times New Roman", SimSun, "Songti SC", serif; font-size: 14px; line-height: 1.7; }
.ledger-sheet h1 { text-align: center; font-family: SimHei, "Heiti SC", sans-serif; font-size: 28px; margin: 0 0 4px; }
.ledger-sheet h2 { font-family: SimHei, "Heiti SC", sans-serif; font-size: 20px; margin: 24px 0 8px; break-after: avoid; }
.ledger-sheet h3 { font-family: SimHei, "Heiti SC", sans-serif; font-size: 15px; margin: 16px 0 6px; break-after: avoid; }
.ledger-sheet p { margin: 4px 0; }
.ledger-centre { text-align: center; }
.ledger-small { font-size: 12px; color: #555; margin-top: 24px !important; }
.ledger-prose { text-indent: 2em; }
.ledger-pre { white-space: pre-wrap; }
.ledger-table { width: 100%; border-collapse: collapse; margin: 6px 0 10px; font-size: 13px; }
.ledger-table th, .ledger-table td { border: 1px solid #000; padding: 4px 6px; vertical-align: top; text-align: left; }
.ledger-table thead th { background: #d9d9d9; text-align: center; }
.ledger-card th { width: 8em; background: #f2f2f2; text-align: center; white-space: nowrap; }
.ledger-table tr { break-inside: avoid; }
@media print {
  @page { size: A4; margin: 20mm 18mm; }
  .ant-layout-header, .ant-layout-sider, .ledger-toolbar { display: none !important; }
  .ant-layout, .ant-layout-content { padding: 0 !important; margin: 0 !important; background: #fff !important; }
  .ledger-frame { border: 0 !important; box-shadow: none !important; }
  .ledger-frame > .ant-card-body { padding: 0 !important; }
  .ledger-sheet { max-width: none; padding: 0; }
  .ledger-table thead { display: table-header-group; }
}
`;

export function LedgerPage() {
  const t = useT();
  const showError = useApiError();
  const home = useHomeBranch();
  const [params, setParams] = useSearchParams();
  const current = Number(chinaMonth().slice(0, 4));
  const orgParam = params.get('org') ?? '';
  const yearParam = Number(params.get('year'));
  // An officer's own organisation is a committee: no ledger of its own, so the page asks for a branch instead.
  const orgs = usePartyOrgs();
  const homeKeeps = orgs.data?.some((o) => o.id === home && keepsLedger(o)) ?? false;
  const org = UUID.test(orgParam) ? orgParam : homeKeeps ? home : null;
  const year = Number.isInteger(yearParam) && yearParam >= 2000 && yearParam <= current ? yearParam : current;
  const set = (change: { org?: string | null; year?: number }) => {
    const next = new URLSearchParams(params);
    if (change.org !== undefined) {
      if (change.org) next.set('org', change.org);
      else next.delete('org');
    }
    if (change.year !== undefined) next.set('year', String(change.year));
    setParams(next, { replace: true });
  };
  const ledger = useLedger(org, year);
  const [downloading, setDownloading] = useState(false);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="ledger-page">
      <style>{PRINT_CSS}</style>
      <div className="ledger-toolbar">
        <Typography.Title level={4} style={{ marginTop: 0 }}>
          {t('ledger.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('ledger.intro')}</Typography.Paragraph>
        <Space wrap>
          <div style={{ minWidth: 240 }}>
            <OrgTreeSelect
              value={org}
              onChange={(id) => set({ org: id ?? null })}
              placeholder={t('ledger.pickOrg')}
              selectable={keepsLedger}
              data-testid="ledger-org"
            />
          </div>
          <Select<number>
            value={year}
            style={{ width: 130 }}
            options={[0, 1, 2, 3, 4].map((k) => ({
              value: current - k,
              label: t('ledger.yearOption', { year: current - k }),
            }))}
            onChange={(y) => set({ year: y })}
            data-testid="ledger-year"
          />
          <Button
            icon={<PrinterOutlined />}
            disabled={!ledger.data}
            onClick={() => window.print()}
            data-testid="ledger-print"
          >
            {t('ledger.print')}
          </Button>
          <Button
            type="primary"
            icon={<DownloadOutlined />}
            disabled={!org}
            loading={downloading}
            onClick={() => {
              if (!org) return;
              setDownloading(true);
              downloadLedgerDocument(org, year)
                .catch((e: unknown) => showError(e))
                .finally(() => setDownloading(false));
            }}
            data-testid="ledger-download"
          >
            {t('ledger.download')}
          </Button>
        </Space>
      </div>
      {!org ? (
        <Card>
          <Empty description={t('ledger.pickOrgHint')} />
        </Card>
      ) : ledger.isError ? (
        <QueryError error={ledger.error} onRetry={() => void ledger.refetch()} />
      ) : !ledger.data ? (
        <Card>
          <Spin />
        </Card>
      ) : (
        <Card className="ledger-frame">
          <LedgerDocument ledger={ledger.data} />
        </Card>
      )}
    </Space>
  );
}
