import { Button, Drawer, Empty, List, Space, Tag, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router-dom';
import { useCan } from '../../app/session.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useT } from '../../i18n/i18n.tsx';
import { periodLabel, STATE_LABEL } from './rollup-grid.tsx';
import {
  CELL_COLOURS,
  cellEntries,
  entryRecordPath,
  type RollupBranch,
  type RollupBy,
} from './rollup-logic.ts';

// The duties behind one cell of the roll-up, each down to the record that met it (or the word that none has yet),
// and the duty itself opened over the page, as the coverage view opens it.

const ItemDrawer = lazy(async () => ({
  default: (await import('../responsibility/list-item-drawer.tsx')).ItemDrawer,
}));

export function RollupCellDrawer({
  branch,
  by,
  index,
  onClose,
}: {
  branch: RollupBranch;
  by: RollupBy;
  index: number | null;
  onClose: () => void;
}) {
  const t = useT();
  const can = useCan();
  const screens = useScreens();
  const [itemId, setItemId] = useState<string | null>(null);
  const entries = cellEntries(branch, by, index);
  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.md ? 560 : '100%'}
      title={t('rollup.cellTitle', { org: branch.name, period: periodLabel(t, by, index) })}
      data-testid="rollup-cell-drawer"
    >
      <List
        dataSource={entries}
        locale={{
          emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('rollup.cellEmpty')} />,
        }}
        renderItem={(e) => {
          const path = entryRecordPath(e);
          const state = e.state;
          const colours = CELL_COLOURS[state];
          return (
            <List.Item data-testid="rollup-entry" data-state={state}>
              <Space orientation="vertical" size={2} style={{ width: '100%', minWidth: 0 }}>
                <Space size={4} wrap>
                  <Tag
                    style={{
                      background: colours.background,
                      color: colours.color,
                      borderColor: colours.border,
                    }}
                  >
                    {t(STATE_LABEL[state])}
                  </Tag>
                  <Tag>{e.kindLabel}</Tag>
                  {can('responsibility.read') ? (
                    <Button
                      type="link"
                      size="small"
                      style={{ paddingInline: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
                      onClick={() => setItemId(e.itemId)}
                      title={t('rollup.entry.openDuty')}
                      data-testid="rollup-entry-duty"
                    >
                      {e.itemTitle}
                    </Button>
                  ) : (
                    <Typography.Text>{e.itemTitle}</Typography.Text>
                  )}
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                  {`${e.periodKey} · ${t('rollup.entry.due', { date: e.dueOn })}`}
                </Typography.Text>
                {state === 'held' &&
                  (path ? (
                    <Typography.Text style={{ fontSize: 13 }}>
                      {t('rollup.entry.record')}
                      <Link to={path} data-testid="rollup-entry-record">
                        {e.recordTitle ?? e.recordId}
                      </Link>
                    </Typography.Text>
                  ) : (
                    <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                      {t('rollup.entry.noRecord')}
                    </Typography.Text>
                  ))}
                {(state === 'missing' || state === 'due') && (
                  <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                    {t('rollup.entry.recordMissing')}
                  </Typography.Text>
                )}
              </Space>
            </List.Item>
          );
        }}
      />
      {itemId && (
        <Suspense fallback={null}>
          <ItemDrawer itemId={itemId} onClose={() => setItemId(null)} />
        </Suspense>
      )}
    </Drawer>
  );
}
