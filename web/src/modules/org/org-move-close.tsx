import { Alert, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback, useMemo, useState } from 'react';
import { ALLOWED_CHILD_KINDS, type PartyOrg } from '#contracts/org';
import { HttpError, isStaleVersion } from '../../api/http.ts';
import { today, toIsoDate } from '../../components/dates.ts';
import { errorText, setFormIssues } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { subtreeIds } from '../../components/tree-utils.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useCloseOrg, useMoveOrg, usePartyOrgs } from './org-api.ts';
import { useOrgMutationError } from './org-dialogs.tsx';

/** A node may not move under itself or its own descendants, nor under a kind that may not hold it. */
export function canBeNewParent(org: PartyOrg, candidate: PartyOrg, ownSubtree: ReadonlySet<string>): boolean {
  return (
    candidate.status === 'active' &&
    !ownSubtree.has(candidate.id) &&
    candidate.id !== org.parentId &&
    ALLOWED_CHILD_KINDS[candidate.kind].includes(org.kind)
  );
}

export function MoveOrgModal({ org, onClose }: { org: PartyOrg; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<{ newParentId: string | null }>();
  const orgs = usePartyOrgs(false);
  const move = useMoveOrg();
  const onError = useOrgMutationError(onClose);
  const ownSubtree = useMemo(() => subtreeIds(orgs.data ?? [], org.id), [orgs.data, org.id]);
  const selectable = useCallback((c: PartyOrg) => canBeNewParent(org, c, ownSubtree), [org, ownSubtree]);
  return (
    <Modal
      open
      title={t('org.moveOf', { name: org.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('org.move')}
      confirmLoading={move.isPending}
    >
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => {
          if (!v.newParentId) return;
          move.mutate(
            { id: org.id, newParentId: v.newParentId, version: org.version },
            { onSuccess: onClose, onError: (err) => onError(err, form, org.id) },
          );
        }}
      >
        <Form.Item
          name="newParentId"
          label={t('org.newParent')}
          extra={t('org.newParentHelp')}
          rules={[{ required: true, message: t('org.newParentRequired') }]}
        >
          <OrgTreeSelect selectable={selectable} data-testid="org-move-parent" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

type CloseValues = { closedOn: Dayjs | null; reason: string };

export function CloseOrgModal({ org, onClose }: { org: PartyOrg; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<CloseValues>();
  const close = useCloseOrg();
  const onError = useOrgMutationError(onClose);
  // The server's refusal (e.g. members remain) is shown inside the dialog, where the user is looking.
  const [refusal, setRefusal] = useState<string | null>(null);
  return (
    <Modal
      open
      title={t('org.closeOf', { name: org.name })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('org.close')}
      okButtonProps={{ danger: true }}
      confirmLoading={close.isPending}
    >
      {refusal && (
        <Alert
          type="error"
          showIcon
          title={refusal}
          style={{ marginBottom: 16 }}
          data-testid="org-close-error"
        />
      )}
      <Form<CloseValues>
        form={form}
        layout="vertical"
        initialValues={{ closedOn: today(), reason: '' }}
        onFinish={(v) => {
          setRefusal(null);
          close.mutate(
            {
              id: org.id,
              closedOn: toIsoDate(v.closedOn) ?? '',
              reason: v.reason.trim(),
              version: org.version,
            },
            {
              onSuccess: onClose,
              onError: (err) => {
                if (isStaleVersion(err)) onError(err, form, org.id);
                else {
                  if (err instanceof HttpError) setFormIssues(form, err.issues);
                  setRefusal(errorText(err, t('error.unexpected')));
                }
              },
            },
          );
        }}
      >
        <Form.Item
          name="closedOn"
          label={t('org.closedOn')}
          rules={[{ required: true, message: t('org.closedOnRequired') }]}
        >
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('org.closeReason')}
          rules={[{ required: true, whitespace: true, message: t('org.closeReasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid="org-close-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
