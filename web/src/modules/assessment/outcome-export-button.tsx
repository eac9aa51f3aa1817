import { DownloadOutlined } from '@ant-design/icons';
import { Button, Tooltip } from 'antd';
import { useState } from 'react';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { downloadAppraisal } from './outcome-api.ts';

// 导出年度考核结果: the cycle's results as the appraisal workbook. Offered to every reader of the page; the server
// answers it only to those who read the whole cycle, and the refusal shows.

export function AppraisalButton({ cycleId }: { cycleId: string }) {
  const t = useT();
  const showError = useApiError();
  const [busy, setBusy] = useState(false);
  const go = async () => {
    setBusy(true);
    try {
      await downloadAppraisal(cycleId);
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip title={t('assessment.outcome.exportHelp')}>
      <Button
        icon={<DownloadOutlined />}
        loading={busy}
        onClick={() => void go()}
        data-testid="results-appraisal"
      >
        {t('assessment.outcome.export')}
      </Button>
    </Tooltip>
  );
}
