import { Table, type TableColumnsType, Typography } from 'antd';
import type { AuditEntry } from '#contracts/audit';
import { useT } from '../../i18n/i18n.tsx';
import { type DiffRow, diffRecords, displayValue } from './audit-diff.ts';

const pre = { margin: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 } as const;

function Cell({ value }: { value: string | undefined }) {
  return value === undefined ? (
    <Typography.Text type="secondary">—</Typography.Text>
  ) : (
    <pre style={pre}>{value}</pre>
  );
}

export function AuditDiffView({ entry }: { entry: AuditEntry }) {
  const t = useT();
  const rows = diffRecords(entry.before, entry.after);
  const details = displayValue(entry.details ?? undefined);
  const columns: TableColumnsType<DiffRow> = [
    { title: t('audit.field'), dataIndex: 'field', width: 160 },
    { title: t('audit.before'), dataIndex: 'before', render: (v: string | undefined) => <Cell value={v} /> },
    { title: t('audit.after'), dataIndex: 'after', render: (v: string | undefined) => <Cell value={v} /> },
  ];
  return (
    <div data-testid="audit-diff">
      {rows.length > 0 && (
        <Table<DiffRow>
          size="small"
          rowKey="field"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 'max-content' }}
          onRow={(row) => ({ style: row.changed ? { background: '#fffbe6' } : {} })}
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
