// Personal numbers on screen (ADR 14): masked for everyone; a role that may see them reveals one member's numbers
// with a click, which the server audits. The revealed numbers live in this component's state only.
import { EyeInvisibleOutlined, EyeOutlined } from '@ant-design/icons';
import { Button, Checkbox, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import type { MemberNumbers } from '#contracts/member';
import { useCan } from '../../app/session.tsx';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { useRevealNumbers } from './member-api.ts';

/** One member's reveal state, shared by the numbers shown on one screen. */
export function useMemberReveal(memberId: string) {
  const reveal = useRevealNumbers();
  const showError = useApiError();
  const [numbers, setNumbers] = useState<MemberNumbers | null>(null);
  return {
    numbers,
    pending: reveal.isPending,
    show: () => reveal.mutate(memberId, { onSuccess: setNumbers, onError: (err) => showError(err) }),
    hide: () => setNumbers(null),
  };
}
export type MemberReveal = ReturnType<typeof useMemberReveal>;

type Props = {
  masked: string | null;
  field: 'idNumber' | 'phone';
  reveal: MemberReveal;
  testId: string;
};

/** A masked number with 显示 / 隐藏 for a role allowed to reveal it (member.sensitive; the phone also member.contact). */
export function MaskedNumber({ masked, field, reveal, testId }: Props) {
  const t = useT();
  const can = useCan();
  if (!masked) return <>—</>;
  const allowed = can('member.sensitive') || (field === 'phone' && can('member.contact'));
  const shown = reveal.numbers?.revealed.includes(field) ? reveal.numbers[field] : null;
  return (
    <Space size={4} wrap>
      <span style={{ fontFamily: 'monospace' }} data-testid={testId}>
        {shown ?? masked}
      </span>
      {allowed && (
        <Button
          type="link"
          size="small"
          icon={shown ? <EyeInvisibleOutlined /> : <EyeOutlined />}
          loading={reveal.pending}
          onClick={(e) => {
            e.stopPropagation();
            if (shown) reveal.hide();
            else reveal.show();
          }}
          data-testid={`${testId}-reveal`}
        >
          {shown ? t('member.hideNumber') : t('member.revealNumber')}
        </Button>
      )}
    </Space>
  );
}

/** A list cell: each row keeps its own reveal state. */
export function MaskedIdCell({ memberId, masked }: { memberId: string; masked: string }) {
  const reveal = useMemberReveal(memberId);
  return <MaskedNumber masked={masked} field="idNumber" reveal={reveal} testId={`member-id-${memberId}`} />;
}

/**
 * The export choice: masked numbers unless the user ticks the full-number box, offered only with member.sensitive.
 * Either way the export is audited; the full one says so.
 */
export function ExportDialog({
  onExport,
  onClose,
}: {
  onExport: (full: boolean) => void;
  onClose: () => void;
}) {
  const t = useT();
  const can = useCan();
  const [full, setFull] = useState(false);
  return (
    <Modal
      open
      title={t('member.exportTitle')}
      okText={t('member.export')}
      onOk={() => onExport(full)}
      onCancel={onClose}
      okButtonProps={{ 'data-testid': 'member-export-confirm' } as Record<`data-${string}`, string>}
    >
      <Space orientation="vertical">
        <Typography.Text>{t('member.exportMaskedNote')}</Typography.Text>
        {can('member.sensitive') && (
          <Checkbox
            checked={full}
            onChange={(e) => setFull(e.target.checked)}
            data-testid="member-export-full"
          >
            {t('member.exportFull')}
          </Checkbox>
        )}
        {full && <Typography.Text type="warning">{t('member.exportFullWarning')}</Typography.Text>}
      </Space>
    </Modal>
  );
}
