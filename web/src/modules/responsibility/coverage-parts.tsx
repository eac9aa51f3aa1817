// The cells of the coverage tree, and its card layout for narrow screens (the flattened tree, indented by depth).
import { CaretDownOutlined, CaretRightOutlined, FlagFilled } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Space, Tag, Typography } from 'antd';
import type { CoverageNode } from '#contracts/responsibility-coverage';
import { useT } from '../../i18n/i18n.tsx';
import { type FlagRow, flattenCoverage } from './coverage-tree.ts';
import { DomainTag, LevelTag, ProgressBar, StateTag } from './lists-labels.tsx';

export function CoverageTitle({ node }: { node: CoverageNode }) {
  const t = useT();
  return (
    <span
      style={{ display: 'inline-block', maxWidth: 420, whiteSpace: 'normal' }}
      data-testid={`coverage-node-${node.id}`}
    >
      {node.kind === 'work_point' ? (
        <Tag color="magenta">{t('rs.coverage.workPoint')}</Tag>
      ) : (
        <LevelTag level={node.level} />
      )}
      <DomainTag domain={node.domain} />
      {node.flags.length > 0 && <FlagFilled style={{ color: '#cf1322', marginInlineEnd: 4 }} />}
      <Typography.Text strong={node.kind === 'work_point'}>{node.title}</Typography.Text>
    </span>
  );
}

export function OwnerCell({ node }: { node: CoverageNode }) {
  if (!node.ownerOrgName && !node.ownerMemberName) return <span>—</span>;
  return (
    <span>
      {node.ownerOrgName}
      {node.ownerMemberName && (
        <Typography.Text type="secondary">{` · ${node.ownerMemberName}`}</Typography.Text>
      )}
    </span>
  );
}

export function StateCell({ node }: { node: CoverageNode }) {
  return (
    <Space size={4}>
      {node.state && <StateTag state={node.state} />}
      <ProgressBar percent={node.progress} state={node.state} />
    </Space>
  );
}

/** Red flags: what is wrong and who should act ("应由 … 落实"); a flag on a duty opens it. */
export function FlagList({
  flags,
  onOpen,
  compact = false,
}: {
  flags: readonly FlagRow[];
  onOpen?: (itemId: string) => void;
  compact?: boolean;
}) {
  const t = useT();
  if (flags.length === 0) return compact ? null : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <Flex vertical gap={compact ? 2 : 6}>
      {flags.map((f) => (
        <div
          key={`${f.key}-${f.flag.kind}-${f.flag.message}`}
          data-testid="coverage-flag"
          style={{ maxWidth: compact ? 320 : undefined }}
        >
          <Typography.Text type="danger">
            <FlagFilled /> {compact ? f.flag.message : `${f.node.title}：${f.flag.message}`}
          </Typography.Text>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('rs.coverage.whoShouldAct', { who: f.flag.whoShouldAct })}
            </Typography.Text>
            {!compact && onOpen && f.node.kind === 'item' && (
              <Button type="link" size="small" onClick={() => onOpen(f.node.id)}>
                {t('rs.item.detail')}
              </Button>
            )}
          </div>
        </div>
      ))}
    </Flex>
  );
}

export function CoverageCards({
  roots,
  expanded,
  onToggle,
  onOpen,
}: {
  roots: readonly CoverageNode[];
  expanded: ReadonlySet<string>;
  onToggle: (key: string) => void;
  onOpen: (itemId: string) => void;
}) {
  const t = useT();
  const rows = flattenCoverage(roots, expanded);
  if (rows.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('common.noData')} />;
  return (
    <Flex vertical gap={6} data-testid="coverage-cards">
      {rows.map((r) => (
        <Card
          key={r.key}
          size="small"
          style={{
            marginInlineStart: Math.min(r.depth, 4) * 12,
            borderColor: r.node.flags.length ? '#ffa39e' : undefined,
          }}
          onClick={() => (r.node.kind === 'item' ? onOpen(r.node.id) : r.hasChildren && onToggle(r.key))}
        >
          <Flex gap={4} align="flex-start">
            {r.hasChildren ? (
              <Button
                type="text"
                size="small"
                aria-label={r.expanded ? t('rs.coverage.collapse') : t('rs.coverage.expand')}
                icon={r.expanded ? <CaretDownOutlined /> : <CaretRightOutlined />}
                onClick={(e) => {
                  e.stopPropagation();
                  onToggle(r.key);
                }}
              />
            ) : (
              <span style={{ width: 24 }} />
            )}
            <Flex vertical gap={4} style={{ flex: 1, minWidth: 0 }}>
              <CoverageTitle node={r.node} />
              <OwnerCell node={r.node} />
              <StateCell node={r.node} />
              <FlagList flags={r.node.flags.map((flag) => ({ key: r.key, node: r.node, flag }))} compact />
            </Flex>
          </Flex>
        </Card>
      ))}
    </Flex>
  );
}
