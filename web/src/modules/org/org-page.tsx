import { DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Col, Row, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { downloadFile } from '../../api/http.ts';
import { useCan } from '../../app/session.tsx';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { DepartmentTab } from './department-tab.tsx';
import { usePartyOrgs } from './org-api.ts';
import { OrgDetail } from './org-detail.tsx';
import { OrgTreePanel } from './org-tree-panel.tsx';

/** Selection and the closed-toggle live in the URL, so a reload or a shared link shows the same node. */
export function OrgPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const showClosed = params.get('closed') === '1';
  const selectedId = params.get('org');
  const orgs = usePartyOrgs(showClosed);
  const can = useCan();
  const showError = useApiError();
  const [exporting, setExporting] = useState(false);
  const update = (key: string, value: string | null) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  const orgTab = (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={10} xl={9}>
        <Card size="small" title={t('org.treeTitle')}>
          {orgs.isError && <QueryError error={orgs.error} onRetry={() => void orgs.refetch()} />}
          <OrgTreePanel
            orgs={orgs.data ?? []}
            selectedId={selectedId}
            onSelect={(id) => update('org', id)}
            showClosed={showClosed}
            onShowClosedChange={(show) => update('closed', show ? '1' : null)}
          />
        </Card>
      </Col>
      <Col xs={24} lg={14} xl={15}>
        {selectedId ? (
          <OrgDetail id={selectedId} />
        ) : (
          <Card>
            <Typography.Text type="secondary">{t('org.pickToSeeDetail')}</Typography.Text>
          </Card>
        )}
      </Col>
    </Row>
  );

  const exportButton = can('org.export') ? (
    <Button
      icon={<DownloadOutlined />}
      loading={exporting}
      data-testid="org-export"
      onClick={() => {
        setExporting(true);
        downloadFile('/api/party-orgs/export', undefined, '党组织与部门.xlsx')
          .catch((err: unknown) => showError(err))
          .finally(() => setExporting(false));
      }}
    >
      {t('org.export')}
    </Button>
  ) : null;

  return (
    <Tabs
      defaultActiveKey="orgs"
      tabBarExtraContent={exportButton}
      items={[
        { key: 'orgs', label: t('org.tabOrgs'), children: orgTab },
        { key: 'departments', label: t('org.tabDepartments'), children: <DepartmentTab /> },
      ]}
    />
  );
}
