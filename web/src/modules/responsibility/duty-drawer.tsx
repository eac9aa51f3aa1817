import { CloseOutlined } from '@ant-design/icons';
import { Divider, Drawer, Result, Skeleton } from 'antd';
import { HttpError } from '../../api/http.ts';
import { QueryError } from '../../components/error-display.tsx';
import { useScreens } from '../../components/use-screens.ts';
import { useT } from '../../i18n/i18n.tsx';
import { DutyDetail } from './duty-detail.tsx';
import { DutyReportForm } from './duty-report-form.tsx';
import { useDutyDetail } from './responsibility-me-api.ts';

/**
 * One duty, over the list: a bottom sheet on a phone (the thumb reaches it, the list stays behind it), a side panel
 * on a desktop. Opened by the address (/duties/<itemId>), so the digest's links and the back button both work.
 */
export function DutyDrawer({
  itemId,
  periodId,
  onClose,
}: {
  itemId: string | undefined;
  periodId: string | null;
  onClose: () => void;
}) {
  const t = useT();
  const screens = useScreens();
  const isMobile = screens.md === false;
  const detail = useDutyDetail(itemId);
  const notFound = detail.error instanceof HttpError && detail.error.status === 404;
  return (
    <Drawer
      open={!!itemId}
      onClose={onClose}
      placement={isMobile ? 'bottom' : 'right'}
      size={isMobile ? '92%' : 560}
      title={t('myDuties.detailTitle')}
      destroyOnHidden
      closeIcon={<CloseOutlined data-testid="duty-drawer-close" />}
      styles={{ body: { padding: isMobile ? 12 : 24 } }}
      data-testid="duty-drawer"
    >
      {notFound ? (
        <Result status="404" subTitle={t('myDuties.notFound')} data-testid="duty-not-found" />
      ) : detail.isError ? (
        <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
      ) : !detail.data ? (
        <Skeleton active />
      ) : (
        <DutyDetail item={detail.data}>
          <Divider titlePlacement="start" plain style={{ marginBlock: 12 }}>
            {t('myDuties.report')}
          </Divider>
          <DutyReportForm key={detail.data.id} item={detail.data} periodId={periodId} />
        </DutyDetail>
      )}
    </Drawer>
  );
}
