import { SolutionOutlined } from '@ant-design/icons';
import { Card, Flex, Space, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Session } from '#contracts/identity';
import { useSession } from '../../app/session.tsx';
import { chinaToday } from '../../components/dates.ts';
import { useT } from '../../i18n/i18n.tsx';
import { useBranchReviews } from './review-api.ts';
import { halfYearLabel, lastEndedHalfYear } from './review-logic.ts';

// The workbench card "待签字的述评": for a branch secretary, the last ended half-year's dossiers of their branch
// waiting for the signature (submitted), still drafts, and not yet assembled — each a link to the branch's list.

/** The branches the session is secretary of. */
export const secretaryBranches = (session: Session) =>
  session.roles.flatMap((r) =>
    r.role === 'branch_secretary' && r.partyOrgId ? [{ id: r.partyOrgId, name: r.partyOrgName ?? '' }] : [],
  );

function BranchLine({ branch, halfYear }: { branch: { id: string; name: string }; halfYear: string }) {
  const t = useT();
  const list = useBranchReviews(branch.id, halfYear);
  const reviews = list.data?.reviews ?? [];
  const waiting = reviews.filter((r) => r.status === 'submitted').length;
  const drafts = reviews.filter((r) => r.status === 'draft').length;
  const missing = list.data?.missing.length ?? 0;
  return (
    <Flex justify="space-between" wrap gap={8}>
      <Link to={`/assessment/reviews?branchId=${branch.id}&halfYear=${halfYear}`}>{branch.name}</Link>
      <Typography.Text type={waiting ? 'warning' : 'secondary'}>
        {list.isLoading ? '…' : t('assessment.reviews.cardLine', { waiting, drafts, missing })}
      </Typography.Text>
    </Flex>
  );
}

export function ReviewCard() {
  const t = useT();
  const halfYear = lastEndedHalfYear(chinaToday());
  const branches = secretaryBranches(useSession());
  return (
    <Card
      data-testid="workbench-review"
      title={
        <Space>
          <SolutionOutlined />
          {t('assessment.reviews.cardTitle')}
        </Space>
      }
    >
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {halfYearLabel(halfYear)}
      </Typography.Paragraph>
      <Flex vertical gap={6}>
        {branches.map((b) => (
          <BranchLine key={b.id} branch={b} halfYear={halfYear} />
        ))}
      </Flex>
    </Card>
  );
}
