import { Card, Flex, List, Tag, Typography } from 'antd';
import type { HandoverEntry } from '#contracts/handover';
import { formatDateTime } from '../../components/dates.ts';
import { useT } from '../../i18n/i18n.tsx';
import { groupEntries } from './handover-entries.ts';

/** A handover's entries by kind: what passes (or passed), when each is due, and whether it was acknowledged. */
export function EntryGroups({
  entries,
  testId,
  showAcknowledged = false,
}: {
  entries: readonly HandoverEntry[];
  testId?: string;
  showAcknowledged?: boolean;
}) {
  const t = useT();
  return (
    <Flex vertical gap={12} style={{ textAlign: 'start' }}>
      {groupEntries(entries).map((g) => (
        <Card key={g.kind} size="small" title={`${g.kindLabel}（${g.entries.length}）`}>
          <List
            size="small"
            dataSource={g.entries}
            renderItem={(e) => (
              <List.Item data-testid={testId} data-entry-id={e.id}>
                <Flex justify="space-between" wrap gap={8} style={{ width: '100%' }}>
                  <span>{e.label}</span>
                  <span>
                    {e.dueOn && (
                      <Typography.Text type="secondary">
                        {t('rs.item.dueOn', { date: e.dueOn })}
                      </Typography.Text>
                    )}
                    {showAcknowledged &&
                      (e.acknowledgedAt ? (
                        <Tag color="green" style={{ marginInlineStart: 8 }}>
                          {t('rs.handover.acknowledgedAt', { at: formatDateTime(e.acknowledgedAt) })}
                        </Tag>
                      ) : (
                        <Tag color="orange" style={{ marginInlineStart: 8 }}>
                          {t('rs.handover.notAcknowledged')}
                        </Tag>
                      ))}
                  </span>
                </Flex>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Flex>
  );
}
