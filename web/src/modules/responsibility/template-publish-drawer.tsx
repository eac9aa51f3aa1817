// 发布新版本: the work committee edits the items of the newest version as a table — existing items keep their keys,
// new ones get the next key of their level — and publishes it with a note on what changed. Organs then see the
// differences on their lists and choose what to take.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Drawer, Flex, Form, Input, Segmented, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import {
  DOMAIN_LABELS,
  DOMAINS,
  LEVEL_LABELS,
  LEVELS,
  type Level,
  RECURRENCE_LABELS,
  RECURRENCES,
  type Template,
  type TemplateItem,
} from '#contracts/responsibility';
import { HttpError } from '../../api/http.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { type Column, ResponsiveTable } from './lists-responsive.tsx';
import { usePublishTemplate, useRecordKinds } from './responsibility-api.ts';
import { issueRow, nextKey, type RowProblem, templateProblems } from './template-items.ts';

type Row = TemplateItem & { uid: number; isNew: boolean; index: number };

export function TemplatePublishDrawer({
  base,
  onClose,
  onPublished,
}: {
  base: Template | null;
  onClose: () => void;
  onPublished: (id: string) => void;
}) {
  const t = useT();
  const label = useLabel();
  const screens = useScreens();
  const { message } = App.useApp();
  const showError = useApiError();
  const publish = usePublishTemplate();
  const kinds = useRecordKinds();
  const [items, setItems] = useState<(TemplateItem & { uid: number; isNew: boolean })[]>(() =>
    (base?.items ?? []).map((i, uid) => ({ ...i, uid, isNew: false })),
  );
  const [title, setTitle] = useState(base?.title ?? '');
  const [changeNote, setChangeNote] = useState('');
  const [level, setLevel] = useState<Level>('principal');
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const [serverRows, setServerRows] = useState<string[]>([]);

  const update = (uid: number, patch: Partial<TemplateItem>) =>
    setItems((list) => list.map((i) => (i.uid === uid ? { ...i, ...patch } : i)));
  const add = () =>
    setItems((list) => [
      ...list,
      {
        key: nextKey(list, level),
        level,
        domain: 'party',
        category: '',
        title: '',
        detail: null,
        recurrence: 'none',
        recordKind: null,
        uid: Math.max(0, ...list.map((i) => i.uid)) + 1,
        isNew: true,
      },
    ]);

  const problemText = (p: RowProblem) =>
    p.kind === 'duplicate'
      ? t('rs.template.problem.duplicate', { key: p.key, row: p.firstRow })
      : t(`rs.template.problem.${p.kind}`);

  const onPublish = () => {
    const clean: TemplateItem[] = items.map(({ uid: _uid, isNew: _new, ...i }) => ({
      ...i,
      category: i.category.trim(),
      title: i.title.trim(),
      detail: i.detail?.trim() || null,
      recordKind: i.recordKind || null,
    }));
    const found = templateProblems(clean);
    setProblems(found);
    setServerRows([]);
    if (found.length || !title.trim()) return;
    publish.mutate(
      { title: title.trim(), changeNote: changeNote.trim() || null, items: clean },
      {
        onSuccess: (tpl) => {
          message.success(t('rs.template.publishedToast', { n: tpl.version }));
          onPublished(tpl.id);
        },
        onError: (err) => {
          showError(err);
          if (err instanceof HttpError)
            setServerRows(
              err.issues.map((i) => {
                const row = issueRow(i.field);
                return row === null
                  ? i.message
                  : t('rs.template.rowIssue', { row: row + 1, message: i.message });
              }),
            );
        },
      },
    );
  };

  const rows: Row[] = items.map((i, index) => ({ ...i, index })).filter((i) => i.level === level);
  const rowProblems = (index: number) => problems.filter((p) => p.index === index).map(problemText);

  const columns: Column<Row>[] = [
    {
      key: 'title',
      title: t('rs.item.name'),
      primary: true,
      render: (r) => (
        <Flex vertical gap={4} style={{ minWidth: 260 }}>
          <Space size={4}>
            <Typography.Text type="secondary">{r.index + 1}.</Typography.Text>
            {r.isNew ? (
              <Input
                size="small"
                value={r.key}
                style={{ width: 100 }}
                onChange={(e) => update(r.uid, { key: e.target.value.trim() })}
                aria-label={t('rs.template.key')}
              />
            ) : (
              <Typography.Text code>{r.key}</Typography.Text>
            )}
          </Space>
          <Input.TextArea
            value={r.title}
            maxLength={200}
            autoSize={{ minRows: 1, maxRows: 3 }}
            status={rowProblems(r.index).length ? 'error' : undefined}
            onChange={(e) => update(r.uid, { title: e.target.value })}
            aria-label={t('rs.item.name')}
          />
          {rowProblems(r.index).map((p) => (
            <Typography.Text key={p} type="danger" style={{ fontSize: 12 }}>
              {p}
            </Typography.Text>
          ))}
        </Flex>
      ),
    },
    {
      key: 'domain',
      title: t('rs.item.domain'),
      render: (r) => (
        <Flex vertical gap={4} style={{ minWidth: 140 }}>
          <Select
            size="small"
            value={r.domain}
            onChange={(domain) => update(r.uid, { domain })}
            options={DOMAINS.map((d) => ({ value: d, label: label(DOMAIN_LABELS[d]) }))}
          />
          <Input
            size="small"
            value={r.category}
            maxLength={30}
            placeholder={t('rs.item.category')}
            onChange={(e) => update(r.uid, { category: e.target.value })}
          />
        </Flex>
      ),
    },
    {
      key: 'detail',
      title: t('rs.item.detailText'),
      render: (r) => (
        <Input.TextArea
          value={r.detail ?? ''}
          maxLength={2000}
          autoSize={{ minRows: 1, maxRows: 4 }}
          style={{ minWidth: 220 }}
          onChange={(e) => update(r.uid, { detail: e.target.value })}
        />
      ),
    },
    {
      key: 'recurrence',
      title: t('rs.item.recurrence'),
      render: (r) => (
        <Flex vertical gap={4} style={{ minWidth: 150 }}>
          <Select
            size="small"
            value={r.recurrence}
            onChange={(recurrence) => update(r.uid, { recurrence })}
            options={RECURRENCES.map((x) => ({ value: x, label: label(RECURRENCE_LABELS[x]) }))}
          />
          <Select
            size="small"
            allowClear
            value={r.recordKind ?? undefined}
            placeholder={t('rs.item.recordKind')}
            onChange={(recordKind) => update(r.uid, { recordKind: recordKind ?? null })}
            options={(kinds.data ?? []).map((k) => ({
              value: k.key,
              label: label({ zh: k.label, en: k.labelEn }),
            }))}
          />
        </Flex>
      ),
    },
    {
      key: 'remove',
      title: '',
      actions: true,
      render: (r) => (
        <Button
          size="small"
          danger
          type="text"
          icon={<DeleteOutlined />}
          aria-label={t('common.remove')}
          onClick={() => setItems((list) => list.filter((i) => i.uid !== r.uid))}
        />
      ),
    },
  ];

  return (
    <Drawer
      open
      onClose={onClose}
      size={screens.lg ? 1100 : '100%'}
      title={t('rs.template.publishTitle', { n: (base?.version ?? 0) + 1 })}
      extra={
        <Button
          type="primary"
          loading={publish.isPending}
          onClick={onPublish}
          data-testid="template-publish-ok"
        >
          {t('rs.template.publishOk')}
        </Button>
      }
    >
      <Form layout="vertical">
        <Form.Item
          label={t('rs.template.titleField')}
          required
          validateStatus={title.trim() ? undefined : 'error'}
        >
          <Input value={title} maxLength={100} onChange={(e) => setTitle(e.target.value)} />
        </Form.Item>
        <Form.Item label={t('rs.template.changeNote')} extra={t('rs.template.changeNoteHint')}>
          <Input.TextArea
            value={changeNote}
            maxLength={1000}
            autoSize={{ minRows: 2, maxRows: 5 }}
            onChange={(e) => setChangeNote(e.target.value)}
          />
        </Form.Item>
      </Form>
      {(problems.length > 0 || serverRows.length > 0) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('rs.template.problems', { n: problems.length + serverRows.length })}
          description={serverRows.length ? serverRows.join('；') : undefined}
        />
      )}
      <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 12 }}>
        <Segmented<Level>
          value={level}
          onChange={setLevel}
          options={LEVELS.map((l) => ({
            value: l,
            label: `${label(LEVEL_LABELS[l])} ${items.filter((i) => i.level === l).length}`,
          }))}
        />
        <Button icon={<PlusOutlined />} onClick={add}>
          {t('rs.template.addRow')}
        </Button>
      </Flex>
      <ResponsiveTable<Row> rowKey={(r) => String(r.uid)} columns={columns} dataSource={rows} />
    </Drawer>
  );
}
