// The duties of a list, as a table on a wide screen and cards on a narrow one.
import { DownOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, type MenuProps, Space, Tag, Tooltip, Typography } from 'antd';
import { type Item, type ListDetail, RECURRENCE_LABELS } from '#contracts/responsibility';
import { isStaleVersion } from '../../api/http.ts';
import { useCan } from '../../app/session.tsx';
import { useApiError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { DomainTag, ProgressBar, StateTag } from './lists-labels.tsx';
import { type Column, ResponsiveTable, stopRowClick } from './lists-responsive.tsx';
import { useItem, usePatchItem, useWorkPoints } from './responsibility-api.ts';

type Props = {
  list: ListDetail;
  loading: boolean;
  onOpen: (item: Item) => void;
  onEdit: (item: Item) => void;
  onExempt: (item: Item) => void;
  onReport: (item: Item) => void;
};

export function ItemsTable({ list, loading, onOpen, onEdit, onExempt, onReport }: Props) {
  const t = useT();
  const label = useLabel();
  const can = useCan();
  const { modal, message } = App.useApp();
  const showError = useApiError();
  const patch = usePatchItem();
  const points = useWorkPoints(
    list.year,
    list.items.some((i) => i.workPointId),
  );
  const pointTitle = new Map((points.data ?? []).map((p) => [p.id, p.title]));
  const mayManage = can('responsibility.manage');
  const mayReport = can('responsibility.report');

  const setStatus = (item: Item, status: 'active' | 'closed') =>
    modal.confirm({
      title:
        status === 'closed' ? t('rs.item.closeConfirm', { title: item.title }) : t('rs.item.reopenConfirm'),
      content: status === 'closed' ? t('rs.item.closeHint') : undefined,
      okButtonProps: { danger: status === 'closed' },
      onOk: () =>
        patch.mutateAsync({ id: item.id, body: { status, version: item.version } }).then(
          () => message.success(status === 'closed' ? t('rs.item.closed') : t('rs.item.reopened')),
          (err: unknown) => {
            // A stale version: the list reloads with the fresh record, the officer looks again.
            showError(err);
            if (!isStaleVersion(err)) throw err;
          },
        ),
    });

  const menu = (item: Item): MenuProps['items'] => [
    { key: 'open', label: t('rs.item.detail') },
    ...(mayManage && item.status === 'active' ? [{ key: 'edit', label: t('common.edit') }] : []),
    ...(mayReport && item.status === 'active' && item.current
      ? [{ key: 'report', label: t('rs.item.report') }]
      : []),
    ...(mayManage && item.status === 'active' ? [{ key: 'exempt', label: t('rs.item.exempt') }] : []),
    ...(mayManage
      ? [
          { type: 'divider' as const },
          item.status === 'active'
            ? { key: 'close', label: t('rs.item.close'), danger: true }
            : { key: 'reopen', label: t('rs.item.reopen') },
        ]
      : []),
  ];
  const onMenu = (item: Item, key: string) => {
    if (key === 'open') onOpen(item);
    if (key === 'edit') onEdit(item);
    if (key === 'report') onReport(item);
    if (key === 'exempt') onExempt(item);
    if (key === 'close') setStatus(item, 'closed');
    if (key === 'reopen') setStatus(item, 'active');
  };

  const columns: Column<Item>[] = [
    {
      key: 'title',
      title: t('rs.item.name'),
      primary: true,
      render: (i) => (
        <div style={{ maxWidth: 360, whiteSpace: 'normal' }}>
          <Space size={0} wrap>
            <DomainTag domain={i.domain} />
            <Typography.Text type="secondary" style={{ marginInlineEnd: 4 }}>
              {i.category}
            </Typography.Text>
          </Space>
          <div>
            <Typography.Text strong delete={i.status === 'closed'}>
              {i.title}
            </Typography.Text>
            {i.issued && (
              <Tag color="blue" style={{ marginInlineStart: 4 }}>
                {t('rs.item.issued')}
              </Tag>
            )}
            {i.status === 'closed' && <Tag style={{ marginInlineStart: 4 }}>{t('rs.item.closedTag')}</Tag>}
          </div>
          {i.workPointId && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('rs.item.fromWorkPoint', { title: pointTitle.get(i.workPointId) ?? '…' })}
            </Typography.Text>
          )}
          {i.parentItemId && <TakenUpFrom parentId={i.parentItemId} />}
        </div>
      ),
    },
    {
      key: 'owner',
      title: t('rs.item.owner'),
      render: (i) => (
        <div data-testid={`item-owner-${i.id}`}>
          <div>{i.ownerOrgName}</div>
          {i.ownerMemberName && (
            <Space size={4}>
              <span>{i.ownerMemberName}</span>
              {i.ownerLeft && (
                <Tooltip title={t('rs.item.ownerLeftHint')}>
                  <Tag color="red" data-testid="item-owner-left">
                    {t('rs.item.ownerLeft')}
                  </Tag>
                </Tooltip>
              )}
            </Space>
          )}
        </div>
      ),
    },
    {
      key: 'when',
      title: t('rs.item.when'),
      render: (i) => (
        <div>
          <div>{label(RECURRENCE_LABELS[i.recurrence])}</div>
          {i.deadline && (
            <Typography.Text type="secondary">
              {t('rs.item.deadlineOn', { date: i.deadline })}
            </Typography.Text>
          )}
          {i.recordKindLabel && (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('rs.item.recordKindShort', { kind: i.recordKindLabel })}
              </Typography.Text>
            </div>
          )}
        </div>
      ),
    },
    {
      key: 'state',
      title: t('rs.item.current'),
      render: (i) =>
        i.current ? (
          <div>
            <Space size={4}>
              <StateTag state={i.current.state} />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('rs.item.dueOn', { date: i.current.dueOn })}
              </Typography.Text>
            </Space>
            <ProgressBar percent={i.current.progress} state={i.current.state} />
          </div>
        ) : (
          '—'
        ),
    },
    {
      key: 'actions',
      title: t('common.actions'),
      actions: true,
      render: (i) => (
        <Dropdown
          menu={{
            items: menu(i),
            // The menu renders in a portal, but its clicks still bubble through React to the row.
            onClick: ({ key, domEvent }) => {
              domEvent.stopPropagation();
              onMenu(i, key);
            },
          }}
          trigger={['click']}
        >
          <Button size="small" onClick={stopRowClick} data-testid={`item-actions-${i.id}`}>
            {t('common.actions')} <DownOutlined />
          </Button>
        </Dropdown>
      ),
    },
  ];

  return (
    <ResponsiveTable<Item>
      rowKey={(i) => i.id}
      columns={columns}
      dataSource={list.items}
      loading={loading}
      onRowClick={onOpen}
      emptyText={t('rs.item.empty')}
      rowStyle={(i) => (i.status === 'closed' ? { opacity: 0.6 } : undefined)}
      data-testid="items-table"
    />
  );
}

/** "承接自…": the higher item's title when the officer may read it, else only that it came from above. */
function TakenUpFrom({ parentId }: { parentId: string }) {
  const t = useT();
  const parent = useItem(parentId);
  const text = parent.data
    ? t('rs.item.fromParent', { title: parent.data.title, list: parent.data.listTitle })
    : t('rs.item.fromParentUnknown');
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {text}
    </Typography.Text>
  );
}
