import { App, Button, Card, Checkbox, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Handover, HandoverEntry } from '#contracts/handover';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { entryKey, handoversToAcknowledge } from './duty-logic.ts';
import { useAcknowledge, useMyHandovers } from './responsibility-me-api.ts';

/** Handovers to the person with entries not yet acknowledged; nothing at all when there are none. */
export function HandoverAcknowledge() {
  const t = useT();
  const handovers = useMyHandovers();
  const waiting = handoversToAcknowledge(handovers.data ?? []);
  if (waiting.length === 0) return null;
  return (
    <Card title={t('myHandover.title')} data-testid="handover-acknowledge">
      <Typography.Paragraph type="secondary">{t('myHandover.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        {waiting.map(({ handover, pending }) => (
          <HandoverEntries key={handover.id} handover={handover} pending={pending} />
        ))}
      </Space>
    </Card>
  );
}

function HandoverEntries({ handover, pending }: { handover: Handover; pending: HandoverEntry[] }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const acknowledge = useAcknowledge();
  const [ticked, setTicked] = useState<string[]>([]);
  const all = pending.map(entryKey);
  const allTicked = ticked.length === all.length;
  return (
    <div data-testid="handover-entries">
      <Typography.Text strong style={{ display: 'block' }}>
        {t('myHandover.from', { name: handover.fromMemberName, post: handover.post })}
      </Typography.Text>
      <Typography.Text type="secondary" style={{ display: 'block', fontSize: 13, marginBottom: 8 }}>
        {handover.kind === 'delegation'
          ? t('myHandover.kindDelegation', { from: handover.startsOn, to: handover.endsOn ?? '' })
          : t('myHandover.kindHandover', { date: handover.startsOn })}
      </Typography.Text>
      <Checkbox
        checked={allTicked}
        indeterminate={ticked.length > 0 && !allTicked}
        onChange={(e) => setTicked(e.target.checked ? all : [])}
        style={{ marginBottom: 4 }}
      >
        {t('myHandover.selectAll')}
      </Checkbox>
      <Checkbox.Group
        value={ticked}
        onChange={(values) => setTicked(values as string[])}
        style={{ display: 'flex', flexDirection: 'column' }}
      >
        {pending.map((e) => (
          // A whole row to tap: the check box alone is too small a target on a phone.
          <Checkbox
            key={entryKey(e)}
            value={entryKey(e)}
            style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0', marginInlineStart: 0 }}
            data-testid="handover-entry"
          >
            <Space size={6} wrap>
              <Tag style={{ marginInlineEnd: 0 }}>{e.kindLabel}</Tag>
              <span style={{ overflowWrap: 'anywhere' }}>{e.label}</span>
              {e.dueOn && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('myHandover.due', { date: e.dueOn })}
                </Typography.Text>
              )}
            </Space>
          </Checkbox>
        ))}
      </Checkbox.Group>
      <Button
        type="primary"
        size="large"
        block
        style={{ marginTop: 12 }}
        disabled={ticked.length === 0}
        loading={acknowledge.isPending}
        data-testid="handover-confirm"
        onClick={() => {
          const entries = pending
            .filter((e) => ticked.includes(entryKey(e)))
            .map(({ kind, id }) => ({ kind, id }));
          acknowledge.mutate(
            { id: handover.id, entries },
            {
              onSuccess: () => {
                void message.success(t('myHandover.confirmed', { n: entries.length }));
                setTicked([]);
              },
              onError: (err) => showError(err),
            },
          );
        }}
      >
        {t('myHandover.confirm', { n: ticked.length })}
      </Button>
    </div>
  );
}
