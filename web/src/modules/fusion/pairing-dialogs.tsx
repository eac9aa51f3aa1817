import { App, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { PairingDetail } from '#contracts/fusion-brand';
import type { PartyOrg } from '#contracts/org';
import { isStaleVersion } from '../../api/http.ts';
import { useSession } from '../../app/session.tsx';
import { fromIsoDate, today, toIsoDate } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { defaultBranchId } from '../branch/record-form-logic.ts';
import { usePartyOrgs } from '../org/org-api.ts';
import { renewalValid } from './brand-logic.ts';
import { usePartners } from './fusion-api.ts';
import { useCreatePairing, useEndPairing, usePatchPairing } from './fusion-brand-api.ts';

// 结对共建: a new pairing of one of the organ's Party organisations with a partner organisation, or — for whoever sees
// Party organisations of other organs (the work committee) — with one of theirs; its renewal and its end.

const PAIRING_KINDS: readonly string[] = ['organ_committee', 'sub_committee', 'general_branch', 'branch'];

type Values = {
  partyOrgId: string | null;
  side: 'partner' | 'counterpart';
  partnerOrgId: string | null;
  counterpartOrgId: string | null;
  title: string;
  agreement: string;
  startsOn: Dayjs | null;
  endsOn: Dayjs | null;
};

export function PairingCreateDialog({ unitId, onClose }: { unitId: string; onClose: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const session = useSession();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [side, setSide] = useState<Values['side']>('partner');
  const partners = usePartners(unitId);
  const orgs = usePartyOrgs();
  const create = useCreatePairing();
  const showError = useApiError();
  // Party organisations of other organs are offered only to those who see them (the tree lists what one may read).
  const reachesOthers = (orgs.data ?? []).some((o) => o.unitId !== null && o.unitId !== unitId);
  const own = (o: PartyOrg) => o.unitId === unitId && o.status === 'active' && PAIRING_KINDS.includes(o.kind);
  const other = (o: PartyOrg) =>
    o.unitId !== null && o.unitId !== unitId && o.status === 'active' && PAIRING_KINDS.includes(o.kind);
  return (
    <Modal
      open
      title={t('fusion.pairing.newTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'pairing-save' }}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          partyOrgId: defaultBranchId(session.roles),
          side: 'partner',
          partnerOrgId: null,
          counterpartOrgId: null,
          title: '',
          agreement: '',
          startsOn: today(),
          endsOn: today().add(1, 'year').subtract(1, 'day'),
        }}
        onValuesChange={(change: Partial<Values>) => change.side && setSide(change.side)}
        onFinish={(v) => {
          if (!v.partyOrgId) return;
          create.mutate(
            {
              partyOrgId: v.partyOrgId,
              partnerOrgId: v.side === 'partner' ? v.partnerOrgId : null,
              counterpartOrgId: v.side === 'counterpart' ? v.counterpartOrgId : null,
              title: v.title,
              agreement: v.agreement.trim() || null,
              startsOn: toIsoDate(v.startsOn) ?? '',
              endsOn: toIsoDate(v.endsOn) ?? '',
            },
            {
              onSuccess: (p) => {
                message.success(t('common.saved'));
                onClose();
                navigate(`/fusion/pairings/${p.id}`);
              },
              onError: (err) => showError(err, form),
            },
          );
        }}
      >
        <Form.Item
          name="partyOrgId"
          label={t('fusion.pairing.org')}
          rules={[{ required: true, message: t('fusion.pairing.orgRequired') }]}
        >
          <OrgTreeSelect selectable={own} data-testid="pairing-org" />
        </Form.Item>
        {reachesOthers && (
          <Form.Item name="side" label={t('fusion.pairing.side')}>
            <Radio.Group
              options={[
                { value: 'partner', label: t('fusion.pairing.withPartner') },
                { value: 'counterpart', label: t('fusion.pairing.withOrgan') },
              ]}
            />
          </Form.Item>
        )}
        {side === 'partner' ? (
          <Form.Item
            name="partnerOrgId"
            label={t('fusion.pairing.partner')}
            extra={t('fusion.pairing.partnerHint')}
            rules={[{ required: true, message: t('fusion.pairing.partnerRequired') }]}
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={partners.isPending}
              options={(partners.data ?? [])
                .filter((p) => p.status === 'active')
                .map((p) => ({ value: p.id, label: p.name }))}
              data-testid="pairing-partner"
            />
          </Form.Item>
        ) : (
          <Form.Item
            name="counterpartOrgId"
            label={t('fusion.pairing.counterpart')}
            rules={[{ required: true, message: t('fusion.pairing.counterpartRequired') }]}
          >
            <OrgTreeSelect selectable={other} data-testid="pairing-counterpart" />
          </Form.Item>
        )}
        <Form.Item
          name="title"
          label={t('fusion.pairing.titleField')}
          rules={[{ required: true, whitespace: true, message: t('fusion.pairing.titleRequired') }]}
        >
          <Input maxLength={100} placeholder={t('fusion.pairing.titleHint')} data-testid="pairing-title" />
        </Form.Item>
        <div
          style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(160px, 1fr))', gap: 12 }}
        >
          <Form.Item
            name="startsOn"
            label={t('fusion.pairing.startsOn')}
            rules={[{ required: true, message: t('fusion.pairing.datesRequired') }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={t('fusion.pairing.endsOn')}
            rules={[{ required: true, message: t('fusion.pairing.datesRequired') }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="agreement" label={t('fusion.pairing.agreement')}>
          <Input.TextArea
            rows={4}
            maxLength={5000}
            showCount
            placeholder={t('fusion.pairing.agreementHint')}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PairingRenewDialog({ pairing, onClose }: { pairing: PairingDetail; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [endsOn, setEndsOn] = useState<Dayjs | null>(fromIsoDate(pairing.endsOn)?.add(1, 'year') ?? null);
  const [agreement, setAgreement] = useState(pairing.agreement ?? '');
  const patch = usePatchPairing();
  const showError = useApiError();
  const next = toIsoDate(endsOn);
  return (
    <Modal
      open
      title={t('fusion.pairing.renewTitle', { title: pairing.title })}
      onCancel={onClose}
      okText={t('fusion.pairing.renew')}
      okButtonProps={{ disabled: !renewalValid(pairing.endsOn, next), 'data-testid': 'pairing-renew-save' }}
      confirmLoading={patch.isPending}
      onOk={() =>
        next &&
        patch.mutate(
          {
            id: pairing.id,
            body: {
              endsOn: next,
              ...(agreement.trim() !== (pairing.agreement ?? '')
                ? { agreement: agreement.trim() || null }
                : {}),
              version: pairing.version,
            },
          },
          {
            onSuccess: () => {
              message.success(t('fusion.pairing.renewed'));
              onClose();
            },
            onError: (err) => {
              showError(err);
              if (isStaleVersion(err)) onClose();
            },
          },
        )
      }
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        {t('fusion.pairing.renewHint', { date: pairing.endsOn })}
      </Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label={t('fusion.pairing.endsOn')}>
          <DatePicker
            style={{ width: '100%' }}
            value={endsOn}
            onChange={setEndsOn}
            disabledDate={(d) => !renewalValid(pairing.endsOn, toIsoDate(d))}
          />
        </Form.Item>
        <Form.Item label={t('fusion.pairing.agreement')}>
          <Input.TextArea
            rows={4}
            maxLength={5000}
            value={agreement}
            onChange={(e) => setAgreement(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function PairingEndDialog({ pairing, onClose }: { pairing: PairingDetail; onClose: () => void }) {
  const t = useT();
  const { message } = App.useApp();
  const [reason, setReason] = useState('');
  const [on, setOn] = useState<Dayjs | null>(today());
  const end = useEndPairing();
  const showError = useApiError();
  return (
    <Modal
      open
      title={t('fusion.pairing.endTitle', { title: pairing.title })}
      onCancel={onClose}
      okText={t('fusion.pairing.end')}
      okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'pairing-end-save' }}
      confirmLoading={end.isPending}
      onOk={() =>
        end.mutate(
          {
            id: pairing.id,
            body: { reason: reason.trim(), on: toIsoDate(on) ?? undefined, version: pairing.version },
          },
          {
            onSuccess: () => {
              message.success(t('fusion.pairing.ended'));
              onClose();
            },
            onError: (err) => showError(err),
          },
        )
      }
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('fusion.pairing.endReason')} required>
          <Input
            maxLength={200}
            value={reason}
            placeholder={t('fusion.pairing.endReasonHint')}
            onChange={(e) => setReason(e.target.value)}
            data-testid="pairing-end-reason"
          />
        </Form.Item>
        <Form.Item label={t('fusion.pairing.endOn')}>
          <DatePicker
            style={{ width: '100%' }}
            value={on}
            onChange={setOn}
            disabledDate={(d) => d.isAfter(today(), 'day') || (toIsoDate(d) ?? '') < pairing.startsOn}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
