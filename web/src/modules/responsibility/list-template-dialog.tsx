// A newer version of the work committee's template: what it added, changed and removed for this list's level, each
// change with its fields. The officer ticks what to bring in; the rest stays as the organ adapted it.
import { App, Checkbox, Empty, Flex, Modal, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { ListDetail } from '#contracts/responsibility';
import { QueryError, useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import { useAdoptTemplate, useTemplateChanges } from './responsibility-api.ts';

const CHANGE_TAGS = {
  added: { key: 'rs.template.added', color: 'green' },
  changed: { key: 'rs.template.changed', color: 'blue' },
  removed: { key: 'rs.template.removed', color: 'default' },
} as const satisfies Record<string, { key: MessageKey; color: string }>;

const FIELD_KEYS: Record<string, MessageKey> = {
  level: 'rs.template.field.level',
  domain: 'rs.template.field.domain',
  category: 'rs.template.field.category',
  title: 'rs.template.field.title',
  detail: 'rs.template.field.detail',
  recurrence: 'rs.template.field.recurrence',
  recordKind: 'rs.template.field.recordKind',
};

export function TemplateUpdateDialog({ list, onClose }: { list: ListDetail; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const changes = useTemplateChanges(list.id, true);
  const adopt = useAdoptTemplate();
  const [keys, setKeys] = useState<string[]>([]);
  const selectable = (changes.data?.changes ?? []).filter((c) => c.change !== 'removed');
  // Everything that can be brought in is ticked at first: most organs take the new wording as it comes.
  useEffect(() => {
    if (changes.data) setKeys(changes.data.changes.filter((c) => c.change !== 'removed').map((c) => c.key));
  }, [changes.data]);

  const update = list.templateUpdate;
  const onOk = () => {
    if (!update) return;
    adopt.mutate(
      { id: list.id, templateId: update.id, keys, version: list.version },
      {
        onSuccess: () => {
          message.success(t('rs.template.adopted', { n: update.version }));
          onClose();
        },
        onError: (err) => showError(err),
      },
    );
  };

  return (
    <Modal
      open
      width={720}
      title={t('rs.template.changesTitle', {
        from: changes.data?.from ?? list.templateVersion ?? '—',
        to: changes.data?.to ?? update?.version ?? '—',
      })}
      onCancel={onClose}
      onOk={onOk}
      okText={t('rs.template.adopt', { n: keys.length })}
      okButtonProps={{ disabled: !update }}
      confirmLoading={adopt.isPending}
    >
      {changes.isError && <QueryError error={changes.error} onRetry={() => void changes.refetch()} />}
      {changes.isLoading && <Spin />}
      {changes.data && changes.data.changes.length === 0 && (
        <Empty description={t('rs.template.noChanges')} />
      )}
      {changes.data && changes.data.changes.length > 0 && (
        <Flex vertical gap={8} data-testid="template-changes">
          <Checkbox
            checked={keys.length === selectable.length && selectable.length > 0}
            indeterminate={keys.length > 0 && keys.length < selectable.length}
            onChange={(e) => setKeys(e.target.checked ? selectable.map((c) => c.key) : [])}
          >
            {t('rs.template.selectAll')}
          </Checkbox>
          {changes.data.changes.map((c) => (
            <Flex key={`${c.change}-${c.key}`} gap={8} align="flex-start">
              <Checkbox
                disabled={c.change === 'removed'}
                checked={keys.includes(c.key)}
                onChange={(e) =>
                  setKeys((k) => (e.target.checked ? [...k, c.key] : k.filter((x) => x !== c.key)))
                }
              />
              <div>
                <Tag color={CHANGE_TAGS[c.change].color}>{t(CHANGE_TAGS[c.change].key)}</Tag>
                <Typography.Text code>{c.key}</Typography.Text> {c.title}
                {c.fields.length > 0 && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('rs.template.changedFields', {
                        fields: c.fields.map((f) => (FIELD_KEYS[f] ? t(FIELD_KEYS[f]) : f)).join('、'),
                      })}
                    </Typography.Text>
                  </div>
                )}
                {c.change === 'removed' && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('rs.template.removedHint')}
                    </Typography.Text>
                  </div>
                )}
              </div>
            </Flex>
          ))}
        </Flex>
      )}
    </Modal>
  );
}
