import { NotificationOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { Cycle } from '#contracts/assessment';
import { HttpError } from '../../api/http.ts';
import { useApiError } from '../../components/error-display.tsx';
import { useT } from '../../i18n/i18n.tsx';
import { stopRowClick } from '../responsibility/lists-responsive.tsx';
import { useCreateBulletin } from './bulletin-api.ts';

// "生成通报" on a computed cycle (the 考核 page): drafts the cycle's bulletin and opens it; when one exists already
// (a draft, or the published one), opens that instead. Offered to every reader; the server refuses unless
// assessment.run at the organ's root, and the refusal shows.

export function BulletinButton({ cycle }: { cycle: Cycle }) {
  const t = useT();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const create = useCreateBulletin();
  const showError = useApiError();
  const go = () =>
    create.mutate(cycle.id, {
      onSuccess: (b) => {
        message.success(t('assessment.bulletin.generated'));
        navigate(`/assessment/bulletins/${b.id}`);
      },
      onError: (err) => {
        const existing =
          err instanceof HttpError && err.code === 'assessment.bulletin_exists'
            ? (err.details as { bulletinId?: string } | undefined)?.bulletinId
            : undefined;
        if (existing) navigate(`/assessment/bulletins/${existing}`);
        else showError(err);
      },
    });
  return (
    <Button
      size="small"
      icon={<NotificationOutlined />}
      loading={create.isPending}
      onClick={(e) => {
        stopRowClick(e);
        go();
      }}
      data-testid="cycle-bulletin"
    >
      {t('assessment.bulletin.generate')}
    </Button>
  );
}
