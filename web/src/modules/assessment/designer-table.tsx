import { DeleteOutlined, PlusOutlined, SubnodeOutlined } from '@ant-design/icons';
import {
  Button,
  Input,
  InputNumber,
  Popconfirm,
  Select,
  Space,
  Table,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import { type Key, useMemo, useState } from 'react';
import {
  DOMAIN_LABELS,
  DOMAINS,
  type IndicatorBody,
  type Measure,
  RULE_KIND_LABELS,
  SOURCE_LABELS,
  SOURCES,
  TIER_LABELS,
  TIERS,
} from '#contracts/assessment';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { besideExpander, DOMAIN_COLOUR } from './assessment-labels.ts';
import {
  addChild,
  addSibling,
  defaultRule,
  groupSums,
  newIndicator,
  num,
  removeNode,
  sumIsOff,
  updateNode,
} from './assessment-logic.ts';
import { RuleEditor, ruleText } from './rule-editor.tsx';

// The designer's indicator tree as a tree table whose cells are the editors. Every edit makes a new tree for the
// page to hold until it is saved; the sums beside the groups follow each keystroke.

type Row = { key: string; node: IndicatorBody; depth: number; children?: Row[] };

// A leaf gets no `children` at all: antd draws an expander for an empty array.
const rowsOf = (tree: readonly IndicatorBody[], depth = 0): Row[] =>
  tree.map((node) => ({
    key: node.key,
    node,
    depth,
    ...(node.children.length > 0 ? { children: rowsOf(node.children, depth + 1) } : {}),
  }));
const INDENT = 12;

const groupKeys = (tree: readonly IndicatorBody[]): string[] =>
  tree.flatMap((n) => (n.children.length > 0 ? [n.key, ...groupKeys(n.children)] : []));

export function DesignerTable({
  tree,
  editable,
  measures,
  onChange,
}: {
  tree: IndicatorBody[];
  editable: boolean;
  measures: readonly Measure[];
  onChange: (tree: IndicatorBody[]) => void;
}) {
  const t = useT();
  const label = useLabel();
  const [expanded, setExpanded] = useState<readonly Key[]>(() => groupKeys(tree));
  const sums = useMemo(() => groupSums(tree), [tree]);
  const rows = useMemo(() => rowsOf(tree), [tree]);
  const measureOf = useMemo(() => new Map(measures.map((m) => [m.key, m])), [measures]);
  const measureOptions = useMemo(
    () =>
      measures.map((m) => ({
        value: m.key,
        label: m.label,
        description: m.description,
      })),
    [measures],
  );

  const patch = (key: string, p: Partial<IndicatorBody>) => onChange(updateNode(tree, key, p));
  const setSource = (n: IndicatorBody, source: IndicatorBody['source']) => {
    if (source === 'group') {
      // A group rolls up its children: it has no rule and reads no measure of its own.
      onChange(
        updateNode(tree, n.key, { source, rule: undefined, measureKey: undefined, kpiCode: undefined }),
      );
      return;
    }
    patch(n.key, {
      source,
      rule: n.rule ?? defaultRule('ratio'),
      measureKey: source === 'computed' ? n.measureKey : undefined,
      kpiCode: source === 'imported' ? n.kpiCode : undefined,
    });
  };

  const columns: TableColumnsType<Row> = [
    {
      key: 'name',
      title: t('assessment.col.name'),
      width: 300,
      render: (_, { node, depth }) =>
        editable ? (
          <Input
            size="small"
            value={node.name}
            maxLength={60}
            onChange={(e) => patch(node.key, { name: e.target.value })}
            style={{ ...besideExpander(depth, INDENT), width: '100%' }}
            data-testid="indicator-name"
          />
        ) : (
          <Typography.Text strong={node.source === 'group'} style={besideExpander(depth, INDENT)}>
            {node.name}
          </Typography.Text>
        ),
    },
    {
      key: 'tier',
      title: t('assessment.tier'),
      width: 90,
      render: (_, { node }) =>
        editable ? (
          <Select
            size="small"
            value={node.tier}
            options={TIERS.map((x) => ({ value: x, label: label(TIER_LABELS[x]) }))}
            onChange={(tier) => patch(node.key, { tier })}
            style={{ width: 76 }}
            data-testid="indicator-tier"
          />
        ) : (
          label(TIER_LABELS[node.tier])
        ),
    },
    {
      key: 'domain',
      title: t('assessment.domain'),
      width: 90,
      render: (_, { node }) =>
        editable ? (
          <Select
            size="small"
            value={node.domain}
            options={DOMAINS.map((x) => ({ value: x, label: label(DOMAIN_LABELS[x]) }))}
            onChange={(domain) => patch(node.key, { domain })}
            style={{ width: 76 }}
            data-testid="indicator-domain"
          />
        ) : (
          <Tag color={DOMAIN_COLOUR[node.domain]}>{label(DOMAIN_LABELS[node.domain])}</Tag>
        ),
    },
    {
      key: 'weight',
      title: t('assessment.col.weight'),
      width: 96,
      render: (_, { node }) =>
        editable ? (
          <InputNumber
            size="small"
            min={0}
            max={100}
            value={node.weight}
            onChange={(w) => patch(node.key, { weight: typeof w === 'number' ? w : 0 })}
            style={{ width: 80 }}
            data-testid="indicator-weight"
          />
        ) : (
          num(node.weight)
        ),
    },
    {
      key: 'sum',
      title: t('assessment.col.childSum'),
      width: 90,
      render: (_, { node }) => {
        const sum = node.source === 'group' ? sums.get(node.key) : undefined;
        if (sum === undefined) return null;
        const off = sumIsOff(sum);
        return (
          <Typography.Text
            type={off ? 'danger' : 'success'}
            strong={off}
            title={off ? t('assessment.designer.sumOff') : undefined}
            data-testid="group-sum"
            data-off={off ? 'true' : 'false'}
          >
            {num(sum)}
          </Typography.Text>
        );
      },
    },
    {
      key: 'source',
      title: t('assessment.col.source'),
      width: 170,
      render: (_, { node }) =>
        editable ? (
          <Select
            size="small"
            value={node.source}
            options={SOURCES.map((x) => ({ value: x, label: label(SOURCE_LABELS[x]) }))}
            onChange={(source) => setSource(node, source)}
            style={{ width: 156 }}
            data-testid="indicator-source"
          />
        ) : (
          label(SOURCE_LABELS[node.source])
        ),
    },
    {
      key: 'measure',
      title: t('assessment.col.measure'),
      width: 240,
      render: (_, { node }) => {
        if (node.source === 'computed') {
          if (!editable)
            return node.measureKey ? (measureOf.get(node.measureKey)?.label ?? node.measureKey) : '—';
          return (
            <Select
              size="small"
              value={node.measureKey}
              placeholder={t('assessment.measure.placeholder')}
              options={measureOptions}
              showSearch={{ optionFilterProp: 'label' }}
              optionRender={(o) => (
                <Space orientation="vertical" size={0} style={{ whiteSpace: 'normal' }}>
                  <span>{o.data.label}</span>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {o.data.description}
                  </Typography.Text>
                </Space>
              )}
              popupMatchSelectWidth={360}
              onChange={(measureKey: string) =>
                patch(node.key, { measureKey, rule: measureOf.get(measureKey)?.suggestedRule ?? node.rule })
              }
              style={{ width: 220 }}
              data-testid="indicator-measure"
            />
          );
        }
        if (node.source === 'imported')
          return editable ? (
            <Input
              size="small"
              value={node.kpiCode ?? ''}
              placeholder={t('assessment.kpiCode.placeholder')}
              maxLength={40}
              onChange={(e) => patch(node.key, { kpiCode: e.target.value })}
              style={{ width: 160 }}
              data-testid="indicator-kpi"
            />
          ) : (
            (node.kpiCode ?? '—')
          );
        if (node.source === 'rated')
          return <Typography.Text type="secondary">{t('assessment.rated.hint')}</Typography.Text>;
        return null;
      },
    },
    {
      key: 'rule',
      title: t('assessment.col.rule'),
      width: 260,
      render: (_, { node }) => {
        if (node.source === 'group') return null;
        if (!editable)
          return ruleText(node.rule, t, node.rule ? label(RULE_KIND_LABELS[node.rule.kind]) : '');
        return <RuleEditor rule={node.rule} onChange={(rule) => patch(node.key, { rule })} />;
      },
    },
    ...(editable
      ? [
          {
            key: 'actions',
            title: t('common.actions'),
            width: 120,
            render: (_: unknown, { node }: Row) => (
              <Space size={0}>
                <Button
                  size="small"
                  type="text"
                  icon={<SubnodeOutlined />}
                  title={t('assessment.designer.addChild')}
                  aria-label={t('assessment.designer.addChild')}
                  onClick={() => {
                    const child = newIndicator(tree, node, 'child', t('assessment.designer.newName'));
                    onChange(addChild(tree, node.key, child));
                    setExpanded((keys) => [...keys, node.key]);
                  }}
                  data-testid="indicator-add-child"
                />
                <Button
                  size="small"
                  type="text"
                  icon={<PlusOutlined />}
                  title={t('assessment.designer.addSibling')}
                  aria-label={t('assessment.designer.addSibling')}
                  onClick={() =>
                    onChange(
                      addSibling(
                        tree,
                        node.key,
                        newIndicator(tree, node, 'sibling', t('assessment.designer.newName')),
                      ),
                    )
                  }
                  data-testid="indicator-add-sibling"
                />
                <Popconfirm
                  title={t('assessment.designer.deleteConfirm', { name: node.name })}
                  onConfirm={() => onChange(removeNode(tree, node.key))}
                  okButtonProps={{ danger: true, 'data-testid': 'indicator-delete-confirm' }}
                >
                  <Button
                    size="small"
                    type="text"
                    danger
                    icon={<DeleteOutlined />}
                    title={t('assessment.designer.delete')}
                    aria-label={t('assessment.designer.delete')}
                    data-testid="indicator-delete"
                  />
                </Popconfirm>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <Table<Row>
      size="small"
      rowKey="key"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: editable ? 1400 : 1100 }}
      expandable={{
        expandedRowKeys: expanded,
        onExpandedRowsChange: (keys) => setExpanded(keys),
        indentSize: INDENT,
      }}
      locale={{ emptyText: t('assessment.designer.empty') }}
      data-testid="designer-table"
    />
  );
}
