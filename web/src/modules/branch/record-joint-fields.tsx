import { Select } from 'antd';
import { useT } from '../../i18n/i18n.tsx';
import { useOrganOrgs, usePartners } from '../fusion/fusion-api.ts';
import { usePartyOrgs } from '../org/org-api.ts';
import { isJointKind, type RecordFormValues } from './record-form-logic.ts';
import { Field } from './record-kind-fields.tsx';

// 联学联建: a theme day, a lecture or a study held together with other organisations of the organ and with partner
// organisations (a community, an enterprise), or with a paired organ's branch; it then counts for each of them. Chosen here, sent only once touched.

const JOINT_ORG_KINDS: readonly string[] = ['organ_committee', 'sub_committee', 'general_branch', 'branch'];

function firstError(errors: Partial<Record<string, string>>, field: string): string | undefined {
  const key = Object.keys(errors).find((k) => k === field || k.startsWith(`${field}.`));
  return key ? errors[key] : undefined;
}

export function JointFields({
  values,
  patch,
  errors,
}: {
  values: RecordFormValues;
  patch: (patch: Partial<RecordFormValues>) => void;
  errors: Partial<Record<string, string>>;
}) {
  const t = useT();
  const orgs = usePartyOrgs(true);
  const host = orgs.data?.find((o) => o.id === values.partyOrgId);
  const unitId = host?.unitId ?? null;
  const partners = usePartners(isJointKind(values.kind) ? unitId : null);
  // The organ's other branches (though a secretary's own roles reach only their branch), then the organisations of
  // other organs paired with it (结对共建), named with their organ.
  const organOrgs = useOrganOrgs(isJointKind(values.kind) ? unitId : null);
  if (!isJointKind(values.kind)) return null;
  const chosenPartners = new Set(values.joint.partnerIds);
  // Closed organisations and archived partners stay listed only when already chosen (an older record keeps them).
  const orgOptions = (organOrgs.data ?? [])
    .filter((o) => o.id !== values.partyOrgId && JOINT_ORG_KINDS.includes(o.kind))
    .map((o) => ({
      value: o.id,
      label: o.organName ? t('record.jointOrgOfOrgan', { name: o.name, organ: o.organName }) : o.name,
      disabled: false,
    }));
  const partnerOptions = (partners.data ?? [])
    .filter((p) => p.status === 'active' || chosenPartners.has(p.id))
    .map((p) => ({ value: p.id, label: p.name, disabled: p.status !== 'active' }));
  // What a saved record holds but the lists do not offer (not loaded yet, or out of the reader's sight) keeps its name.
  const withKnown = (
    options: { value: string; label: string; disabled: boolean }[],
    chosen: readonly string[],
  ) => [
    ...options,
    ...values.joint.known
      .filter((k) => chosen.includes(k.id) && !options.some((o) => o.value === k.id))
      .map((k) => ({ value: k.id, label: k.name, disabled: true })),
  ];
  const set = (change: Partial<RecordFormValues['joint']>) =>
    patch({ joint: { ...values.joint, ...change, touched: true } });
  return (
    <>
      <Field
        label={t('record.jointOrgs')}
        extra={t('record.jointOrgsHint')}
        error={firstError(errors, 'jointOrgIds')}
      >
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={values.joint.orgIds}
          options={withKnown(orgOptions, values.joint.orgIds)}
          loading={organOrgs.isPending}
          disabled={!values.partyOrgId}
          notFoundContent={t('record.jointOrgsNone')}
          data-testid="record-joint-orgs"
          onChange={(orgIds: string[]) => set({ orgIds })}
        />
      </Field>
      <Field
        label={t('record.partners')}
        extra={t('record.partnersHint')}
        error={firstError(errors, 'partnerOrgIds')}
      >
        <Select
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          value={values.joint.partnerIds}
          options={withKnown(partnerOptions, values.joint.partnerIds)}
          loading={partners.isFetching}
          disabled={!unitId}
          notFoundContent={t('record.partnersNone')}
          data-testid="record-partners"
          onChange={(partnerIds: string[]) => set({ partnerIds })}
        />
      </Field>
    </>
  );
}
