import { App, Empty, Form, Modal, Select } from 'antd';
import { useState } from 'react';
import type { Appraisal } from '#contracts/handover';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { MemberMultiSelect } from './list-member-select.tsx';
import { useCreateAppraisal, useLists, useSetRaters } from './responsibility-api.ts';

/**
 * 生成述职报告: from a list of the year, once per list. A person's own list reports through its holder; an
 * organisation's list through the organisation's secretary.
 */
export function GenerateAppraisalDialog({
  year,
  existing,
  onClose,
}: {
  year: number;
  existing: readonly Appraisal[];
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const lists = useLists(year);
  const create = useCreateAppraisal();
  const [listId, setListId] = useState<string | null>(null);
  const done = new Set(existing.map((a) => a.listId));
  const open = (lists.data ?? []).filter((l) => !done.has(l.id));

  return (
    <Modal
      open
      title={t('rs.appraisal.generateTitle', { year })}
      onCancel={onClose}
      okText={t('rs.appraisal.generateOk')}
      okButtonProps={{ disabled: !listId }}
      confirmLoading={create.isPending}
      onOk={() =>
        listId &&
        create.mutate(listId, {
          onSuccess: () => {
            message.success(t('rs.appraisal.generated'));
            onClose();
          },
          onError: (err) => showError(err),
        })
      }
    >
      {!lists.isLoading && open.length === 0 ? (
        <Empty description={t('rs.appraisal.noLists', { year })} />
      ) : (
        <Form layout="vertical">
          <Form.Item label={t('rs.appraisal.fromList')} extra={t('rs.appraisal.fromListHint')}>
            <Select
              value={listId ?? undefined}
              onChange={setListId}
              showSearch={{ optionFilterProp: 'label' }}
              loading={lists.isLoading}
              options={open.map((l) => ({
                value: l.id,
                label: `${l.holderMemberName ?? t('rs.appraisal.secretaryReports')} · ${l.title}`,
              }))}
            />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}

/** 指定评议人: replaces the raters of a report that is not yet fully rated. */
export function RatersDialog({ appraisal, onClose }: { appraisal: Appraisal; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const showError = useApiError();
  const save = useSetRaters();
  const [ids, setIds] = useState(appraisal.raters.map((r) => r.memberId));
  const known = Object.fromEntries(appraisal.raters.map((r) => [r.memberId, r.name]));
  return (
    <Modal
      open
      title={t('rs.appraisal.ratersTitle', { name: appraisal.authorName })}
      onCancel={onClose}
      okText={t('common.save')}
      okButtonProps={{ disabled: ids.length === 0 }}
      confirmLoading={save.isPending}
      onOk={() =>
        save.mutate(
          { id: appraisal.id, memberIds: ids },
          {
            onSuccess: () => {
              message.success(t('common.saved'));
              onClose();
            },
            onError: (err) => showError(err),
          },
        )
      }
    >
      <Form layout="vertical">
        <Form.Item label={t('rs.appraisal.raters')} extra={t('rs.appraisal.ratersHint')}>
          <MemberMultiSelect value={ids} onChange={setIds} known={known} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
