import { Table, type TableColumnsType, Typography } from 'antd';
import type { AuditEntry } from '#contracts/audit';
import { type AuditChange, auditChanges, auditValueText } from '#contracts/audit-labels';
import { useLocale, useT } from '../../i18n/i18n.tsx';

const pre = { margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 } as const;

function Cell({ value }: { value: string }) {
  return value === '' ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <pre style={pre}>{value}</pre>
  );
}

/** What an entry changed, field by field in the user's language, ids shown by name; then its details. */
export function AuditDiffView({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const lang = useLocale().locale === 'en' ? 'en' : 'zh';
  const rows = auditChanges(entry.before, entry.after, entry.names, lang);
  const details = entry.details == null ? '' : auditValueText('details', entry.details, entry.names, lang);
  const columns: TableColumnsType<AuditChange> = [
    { title: t('audit.field'), dataIndex: 'label', width: 160 },
    { title: t('audit.before'), dataIndex: 'before', render: (v: string) => <Cell value={v} /> },
    { title: t('audit.after'), dataIndex: 'after', render: (v: string) => <Cell value={v} /> },
  ];
  return (
    <div data-testid="audit-diff">
      {rows.length > 0 && (
        <Table<AuditChange>
          size="small"
          rowKey="field"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
        />
      )}
      {details && (
        <div style={{ marginTop: 8 }}>
          <Typography.Text strong>{t('audit.details')}</Typography.Text>
          <pre style={pre}>{details}</pre>
        </div>
      )}
      {rows.length === 0 && !details && (
        <Typography.Text type="secondary">{t('audit.noDiff')}</Typography.Text>
      )}
    </div>
  );
}
