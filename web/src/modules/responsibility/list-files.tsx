// Excel, Word and import of a list (the responsibility files API): export for the archive, the print version to be
// signed, and — for those who keep the list — duties imported from a filled-in template.
import { DownOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Dropdown, type MenuProps } from 'antd';
import { lazy, Suspense, useState } from 'react';
import type { ListDetail } from '#contracts/responsibility';
import { useCan } from '../../app/session.tsx';
import { useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { respKeys } from './responsibility-api.ts';
import {
  downloadItemTemplate,
  downloadListDocument,
  downloadListWorkbook,
  importListItems,
  RESPONSIBILITY_FILE_LABELS as LABELS,
} from './responsibility-files-api.ts';

const ImportDialog = lazy(async () => ({ default: (await import('./list-import-dialog.tsx')).ImportDialog }));

export function ListFileButtons({ list }: { list: ListDetail }) {
  const t = useT();
  const label = useLabel();
  const can = useCan();
  const showError = useApiError();
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);

  const run = (download: () => Promise<void>) => {
    setBusy(true);
    download()
      .catch((err: unknown) => showError(err))
      .finally(() => setBusy(false));
  };
  const items: MenuProps['items'] = [
    { key: 'xlsx', label: label(LABELS.listWorkbook) },
    { key: 'docx', label: label(LABELS.listDocument) },
    ...(can('responsibility.manage')
      ? [{ type: 'divider' as const }, { key: 'import', label: label(LABELS.listImport) }]
      : []),
  ];
  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'xlsx') run(() => downloadListWorkbook(list.id));
    if (key === 'docx') run(() => downloadListDocument(list.id));
    if (key === 'import') setImporting(true);
  };

  return (
    <>
      <Dropdown menu={{ items, onClick }} trigger={['click']}>
        <Button icon={<FileExcelOutlined />} loading={busy} data-testid="list-files">
          {t('rs.files.menu')} <DownOutlined />
        </Button>
      </Dropdown>
      {importing && (
        <Suspense fallback={null}>
          <ImportDialog
            title={t('rs.files.importListTitle', { list: list.title })}
            templateLabel={label(LABELS.itemTemplate)}
            onTemplate={downloadItemTemplate}
            onImport={(file) => importListItems(list.id, file, file.name)}
            onClose={(applied) => {
              setImporting(false);
              if (applied) void queryClient.invalidateQueries({ queryKey: respKeys.all });
            }}
          />
        </Suspense>
      )}
    </>
  );
}
