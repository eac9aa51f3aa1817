import { DownloadOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { stopRowClick } from '../responsibility/lists-responsive.tsx';
import { downloadMemberRecord } from './member-api.ts';

// 考核记录 on a member's row of a member cycle: their record for cadre selection. Offered to every reader of the page;
// the server answers it only to those who read the organ's assessments whole, and the refusal shows.

export function MemberRecordButton({ memberId, name }: { memberId: string; name: string }) {
  const t = useT();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      await downloadMemberRecord(memberId, name);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={t('assessment.member.recordHelp')}>
      <Button
        size="small"
        icon={<DownloadOutlined />}
        loading={busy}
        onClick={(e) => {
          stopRowClick(e);
          void go();
        }}
        data-testid="member-record"
      >
        {t('assessment.member.record')}
      </Button>
    </Tooltip>
  );
}
