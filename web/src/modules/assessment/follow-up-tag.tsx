import { Tag, Tooltip } from 'antd';
import { Link } from 'react-router-dom';
import type { FollowUpState } from '#contracts/assessment-follow-up';
import { useT } from '../../i18n/i18n.tsx';
import { stopRowClick } from '../responsibility/lists-responsive.tsx';
import { STATE_COLOR } from './follow-up-logic.ts';

// A result's follow-up as it stands (整改中 / 已逾期 / 已整改), linking to the item where it is worked and closed; a
// closed one stays, as history. Nothing when none was opened.

export function FollowUpTag({ followUp }: { followUp: FollowUpState | null | undefined }) {
  const t = useT();
  if (!followUp) return null;
  const tag = (
    <Tag color={STATE_COLOR[followUp.state]} data-testid="follow-up-tag">
      {t(`assessment.followUp.${followUp.state}`)}
    </Tag>
  );
  const tip = `${followUp.kindLabel}：${followUp.title}；${
    followUp.closedOn
      ? t('assessment.followUp.closedOn', { date: followUp.closedOn })
      : t('assessment.followUp.due', { date: followUp.deadline })
  }`;
  return (
    <Tooltip title={tip}>
      {followUp.href ? (
        <Link to={followUp.href} onClick={stopRowClick} data-testid="follow-up-link">
          {tag}
        </Link>
      ) : (
        tag
      )}
    </Tooltip>
  );
}
