// One description of the columns, two layouts: a table where there is room, and cards on a phone or a narrow tablet,
// where a wide table would scroll sideways and hide what matters.
import { Button, Card, Empty, Flex, Spin, Table, type TableProps, Typography } from 'antd';
import { type Key, type ReactNode, useState } from 'react';
import { useScreens } from '../../components/use-screens.ts';
import { useT } from '../../i18n/i18n.tsx';

export type Column<T> = {
  key: string;
  title: ReactNode;
  render: (record: T) => ReactNode;
  width?: number;
  /** The card's heading on narrow screens (one column); pinned left in the table. */
  primary?: boolean;
  /** Shown in the card's top-right corner (the row's buttons). */
  actions?: boolean;
  /** Left out of the cards (something the heading already says). */
  tableOnly?: boolean;
};

type Props<T> = {
  rowKey: (record: T) => string;
  columns: readonly Column<T>[];
  dataSource: readonly T[];
  loading?: boolean;
  onRowClick?: (record: T) => void;
  expandable?: TableProps<T>['expandable'];
  /** Rows per page (cards: shown before "more"); a long list stays quick to draw and to scroll. */
  pageSize?: number;
  emptyText?: ReactNode;
  'data-testid'?: string;
  /** Marks a row or card (e.g. a closed duty greyed out). */
  rowStyle?: (record: T) => React.CSSProperties | undefined;
};

export function ResponsiveTable<T extends object>(props: Props<T>) {
  const screens = useScreens();
  const t = useT();
  const narrow = screens.md === false;
  const empty = props.emptyText ?? t('common.noData');
  const pageSize = props.pageSize ?? 20;
  const [shown, setShown] = useState(pageSize);
  if (narrow) {
    const primary = props.columns.find((c) => c.primary);
    const actions = props.columns.find((c) => c.actions);
    const rest = props.columns.filter((c) => !c.primary && !c.actions && !c.tableOnly);
    if (props.loading && props.dataSource.length === 0)
      return <Spin style={{ display: 'block', margin: 24 }} />;
    if (props.dataSource.length === 0)
      return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
    return (
      <Flex vertical gap={8} data-testid={props['data-testid']} data-layout="cards">
        {props.dataSource.slice(0, shown).map((record) => (
          <Card
            key={props.rowKey(record)}
            size="small"
            data-testid={props['data-testid'] ? `${props['data-testid']}-row` : undefined}
            data-row-key={props.rowKey(record)}
            title={primary ? <div style={{ whiteSpace: 'normal' }}>{primary.render(record)}</div> : undefined}
            extra={actions?.render(record)}
            onClick={props.onRowClick ? () => props.onRowClick?.(record) : undefined}
            style={{ cursor: props.onRowClick ? 'pointer' : undefined, ...props.rowStyle?.(record) }}
          >
            <Flex vertical gap={4}>
              {rest.map((c) => (
                <Flex key={c.key} gap={8} align="baseline">
                  <Typography.Text type="secondary" style={{ flex: '0 0 6em', fontSize: 12 }}>
                    {c.title}
                  </Typography.Text>
                  <div style={{ flex: 1, minWidth: 0 }}>{c.render(record)}</div>
                </Flex>
              ))}
            </Flex>
          </Card>
        ))}
        {props.dataSource.length > shown && (
          <Button block onClick={() => setShown(shown + pageSize)}>
            {t('rs.showMore', { n: Math.min(pageSize, props.dataSource.length - shown) })}
          </Button>
        )}
      </Flex>
    );
  }
  return (
    <div data-testid={props['data-testid']} data-layout="table">
      <Table<T>
        rowKey={(r) => props.rowKey(r) as Key}
        size="middle"
        loading={props.loading}
        dataSource={[...props.dataSource]}
        pagination={
          props.dataSource.length > pageSize
            ? { pageSize, showSizeChanger: false, showTotal: (total) => t('common.total', { total }) }
            : false
        }
        expandable={props.expandable}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: empty }}
        onRow={(record) => ({
          'data-testid': props['data-testid'] ? `${props['data-testid']}-row` : undefined,
          onClick: props.onRowClick ? () => props.onRowClick?.(record) : undefined,
          style: { cursor: props.onRowClick ? 'pointer' : undefined, ...props.rowStyle?.(record) },
        })}
        columns={props.columns.map((c) => ({
          key: c.key,
          title: c.title,
          width: c.width,
          fixed: c.primary ? ('left' as const) : undefined,
          render: (_: unknown, record: T) => c.render(record),
        }))}
      />
    </div>
  );
}

/** Keeps a click on a button inside a clickable row or card from also opening the row. */
export function stopRowClick(e: React.MouseEvent) {
  e.stopPropagation();
}
