// Adds a duty to a list (typed in, or taken up from a higher list's issued item or a work committee work point), or
// edits one. A stale edit (someone changed the duty meanwhile) loads the fresh duty into the form and says so.
import { useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  AutoComplete,
  Button,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Row,
  Select,
  Switch,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { lazy, Suspense, useMemo, useRef, useState } from 'react';
import type { PartyOrg } from '#contracts/org';
import {
  DOMAIN_LABELS,
  DOMAINS,
  type Domain,
  type Item,
  type ListDetail,
  RECURRENCE_LABELS,
  RECURRENCES,
  type Recurrence,
} from '#contracts/responsibility';
import { isStaleVersion, staleCurrent } from '../../api/http.ts';
import { fromIsoDate, toIsoDate } from '../../components/dates.ts';
import { useApiError } from '../../components/error-display.tsx';
import { OrgTreeSelect } from '../../components/org-tree-select.tsx';
import { subtreeIds } from '../../components/tree-utils.ts';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { usePartyOrgs } from '../org/org-api.ts';
import { MemberSelect } from './list-member-select.tsx';
import type { TakeUp } from './list-takeup-picker.tsx';
import { respKeys, useCreateItem, usePatchItem, useRecordKinds } from './responsibility-api.ts';

const TakeUpPicker = lazy(async () => ({ default: (await import('./list-takeup-picker.tsx')).TakeUpPicker }));

type Values = {
  domain: Domain;
  category: string;
  title: string;
  detail: string;
  weight: number;
  ownerOrgId: string | null;
  ownerMemberId: string | null;
  recurrence: Recurrence;
  deadline: Dayjs | null;
  recordKind: string | null;
  effectiveFrom: Dayjs | null;
  issued: boolean;
};

function valuesOf(item: Item): Values {
  return {
    domain: item.domain,
    category: item.category,
    title: item.title,
    detail: item.detail ?? '',
    weight: item.weight,
    ownerOrgId: item.ownerOrgId,
    ownerMemberId: item.ownerMemberId,
    recurrence: item.recurrence,
    deadline: fromIsoDate(item.deadline),
    recordKind: item.recordKind,
    effectiveFrom: fromIsoDate(item.effectiveFrom),
    issued: item.issued,
  };
}

export function ItemDialog({ list, item, onClose }: { list: ListDetail; item?: Item; onClose: () => void }) {
  const t = useT();
  const label = useLabel();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const create = useCreateItem();
  const patch = usePatchItem();
  const showError = useApiError();
  const kinds = useRecordKinds();
  const orgs = usePartyOrgs();
  const [takeUp, setTakeUp] = useState<TakeUp | null>(null);
  const [picking, setPicking] = useState(false);
  const version = useRef(item?.version ?? 0);
  const [ownerName, setOwnerName] = useState<Record<string, string>>(
    item?.ownerMemberId && item.ownerMemberName ? { [item.ownerMemberId]: item.ownerMemberName } : {},
  );
  const recurrence = Form.useWatch('recurrence', form);
  const inList = useMemo(() => subtreeIds(orgs.data ?? [], list.partyOrgId), [orgs.data, list.partyOrgId]);
  const selectable = useMemo(() => (o: PartyOrg) => o.status === 'active' && inList.has(o.id), [inList]);
  const categories = [...new Set(list.items.map((i) => i.category))].map((c) => ({ value: c }));

  const initial: Values = item
    ? valuesOf(item)
    : {
        domain: 'party',
        category: '',
        title: '',
        detail: '',
        weight: 1,
        ownerOrgId: list.partyOrgId,
        ownerMemberId: list.holderMemberId,
        recurrence: 'none',
        deadline: fromIsoDate(`${list.year}-12-31`),
        recordKind: null,
        effectiveFrom: null,
        issued: false,
      };

  const onPicked = (picked: TakeUp) => {
    setPicking(false);
    setTakeUp(picked);
    form.setFieldsValue({
      domain: picked.domain,
      category: picked.category,
      title: picked.title,
      detail: picked.detail ?? '',
      weight: picked.weight,
    });
  };

  const onError = (err: unknown) => {
    showError(err, form);
    const current = staleCurrent<Item>(err);
    if (isStaleVersion(err)) void queryClient.invalidateQueries({ queryKey: respKeys.list(list.id) });
    if (current) {
      version.current = current.version;
      form.setFieldsValue(valuesOf(current));
    }
  };

  const onFinish = (v: Values) => {
    if (!v.ownerOrgId) return;
    const common = {
      domain: v.domain,
      category: v.category.trim(),
      title: v.title.trim(),
      detail: v.detail?.trim() || null,
      weight: v.weight,
      ownerOrgId: v.ownerOrgId,
      ownerMemberId: v.ownerMemberId ?? null,
      deadline: toIsoDate(v.deadline),
      recordKind: v.recordKind ?? null,
      issued: v.issued,
    };
    if (item) {
      patch.mutate(
        { id: item.id, body: { ...common, version: version.current } },
        { onSuccess: onClose, onError },
      );
      return;
    }
    const effectiveFrom = toIsoDate(v.effectiveFrom);
    create.mutate(
      {
        listId: list.id,
        body: {
          ...common,
          recurrence: v.recurrence,
          ...(effectiveFrom ? { effectiveFrom } : {}),
          ...(takeUp?.kind === 'item' ? { parentItemId: takeUp.id } : {}),
          ...(takeUp?.kind === 'work_point' ? { workPointId: takeUp.id } : {}),
        },
      },
      { onSuccess: onClose, onError },
    );
  };

  return (
    <Modal
      open
      width={760}
      title={item ? t('rs.item.editTitle') : t('rs.item.addTitle', { list: list.title })}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.save')}
      okButtonProps={{ 'data-testid': 'item-save' } as Record<string, string>}
      confirmLoading={create.isPending || patch.isPending}
    >
      {!item && (
        <Alert
          style={{ marginBottom: 12 }}
          type={takeUp ? 'success' : 'info'}
          showIcon
          title={
            takeUp
              ? t(takeUp.kind === 'item' ? 'rs.takeUp.chosenItem' : 'rs.takeUp.chosenPoint', {
                  title: takeUp.title,
                })
              : t('rs.takeUp.hint')
          }
          action={
            <Button
              size="small"
              onClick={() => (takeUp ? setTakeUp(null) : setPicking(true))}
              data-testid="item-take-up"
            >
              {takeUp ? t('rs.takeUp.clear') : t('rs.takeUp.open')}
            </Button>
          }
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={initial}
        onFinish={onFinish}
        data-testid="item-form"
      >
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="domain" label={t('rs.item.domain')} rules={[{ required: true }]}>
              <Radio.Group
                optionType="button"
                options={DOMAINS.map((d) => ({ value: d, label: label(DOMAIN_LABELS[d]) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="category"
              label={t('rs.item.category')}
              rules={[{ required: true, whitespace: true, message: t('rs.item.categoryRequired') }]}
            >
              <AutoComplete
                options={categories}
                maxLength={30}
                placeholder={t('rs.item.categoryPlaceholder')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="title"
          label={t('rs.item.name')}
          rules={[{ required: true, whitespace: true, message: t('rs.item.nameRequired') }]}
        >
          <Input maxLength={200} data-testid="item-title" />
        </Form.Item>
        <Form.Item name="detail" label={t('rs.item.detailText')}>
          <Input.TextArea maxLength={2000} autoSize={{ minRows: 2, maxRows: 6 }} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item
              name="ownerOrgId"
              label={t('rs.item.ownerOrg')}
              rules={[{ required: true, message: t('rs.item.ownerOrgRequired') }]}
            >
              <OrgTreeSelect selectable={selectable} allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="ownerMemberId"
              label={t('rs.item.ownerMember')}
              extra={t('rs.item.ownerMemberHint')}
            >
              <MemberSelect
                known={ownerName}
                onChange={(_, m) => m && setOwnerName((k) => ({ ...k, [m.id]: m.name }))}
                data-testid="item-owner-member"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item
              name="recurrence"
              label={t('rs.item.recurrence')}
              extra={item ? t('rs.item.recurrenceFixed') : undefined}
            >
              <Select
                disabled={!!item}
                options={RECURRENCES.map((r) => ({ value: r, label: label(RECURRENCE_LABELS[r]) }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item
              name="deadline"
              label={t('rs.item.deadline')}
              rules={
                recurrence === 'none' ? [{ required: true, message: t('rs.item.deadlineRequired') }] : []
              }
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="weight" label={t('rs.item.weight')} extra={t('rs.item.weightHint')}>
              <InputNumber min={0.01} max={1000} step={0.5} precision={2} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="recordKind" label={t('rs.item.recordKind')} extra={t('rs.item.recordKindHint')}>
              <Select
                allowClear
                loading={kinds.isLoading}
                options={(kinds.data ?? []).map((k) => ({
                  value: k.key,
                  label: label({ zh: k.label, en: k.labelEn }),
                }))}
              />
            </Form.Item>
          </Col>
          {!item && (
            <Col xs={24} md={12}>
              <Form.Item
                name="effectiveFrom"
                label={t('rs.item.effectiveFrom')}
                extra={t('rs.item.effectiveFromHint')}
              >
                <DatePicker style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          )}
        </Row>
        <Form.Item
          name="issued"
          label={t('rs.item.issueDown')}
          valuePropName="checked"
          extra={t('rs.item.issueDownHint')}
        >
          <Switch />
        </Form.Item>
      </Form>
      {picking && (
        <Suspense fallback={null}>
          <TakeUpPicker list={list} onPick={onPicked} onClose={() => setPicking(false)} />
        </Suspense>
      )}
    </Modal>
  );
}
