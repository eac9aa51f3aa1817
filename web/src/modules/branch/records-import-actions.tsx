import { BookOutlined, DownloadOutlined, ImportOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/session.tsx';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { type RecordFilters, recordKeys } from './records-api.ts';
import { downloadRecords } from './records-import-api.ts';
import { RecordsImportDialog } from './records-import-dialog.tsx';

// The record list's file buttons: the list as .xlsx with its filters (whoever reads it), the import of historical
// meetings (whoever records branch work), and the way to the generated 支部工作记录.

export function RecordFileActions({ filters, partyOrgId }: { filters: RecordFilters; partyOrgId?: string }) {
  const t = useT();
  const can = useCan();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  return (
    <Space wrap>
      <Button
        icon={<DownloadOutlined />}
        loading={exporting}
        onClick={() => {
          setExporting(true);
          downloadRecords(filters)
            .catch((e: unknown) => showError(e))
            .finally(() => setExporting(false));
        }}
        data-testid="records-export"
      >
        {t('records.file.export')}
      </Button>
      {can('branch.record') && (
        <Button icon={<ImportOutlined />} onClick={() => setImporting(true)} data-testid="records-import">
          {t('records.file.import')}
        </Button>
      )}
      <Link
        to={partyOrgId ? `/branch/ledger?org=${partyOrgId}` : '/branch/ledger'}
        data-testid="records-ledger"
      >
        <Button icon={<BookOutlined />}>{t('records.file.ledger')}</Button>
      </Link>
      {importing && (
        <RecordsImportDialog
          onClose={(applied) => {
            setImporting(false);
            if (applied) void queryClient.invalidateQueries({ queryKey: recordKeys.all });
          }}
        />
      )}
    </Space>
  );
}
