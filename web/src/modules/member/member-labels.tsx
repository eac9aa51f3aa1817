import { Tag } from 'antd';
import { GENDER_LABELS, MEMBER_CATEGORY_LABELS, type Member, PARTY_POST_LABELS } from '#contracts/member';
import { useLabel, useT } from '../../i18n/i18n.tsx';

export function CategoryTag({ category }: { category: Member['category'] }) {
  const label = useLabel();
  return <Tag color={category === 'full' ? 'red' : 'orange'}>{label(MEMBER_CATEGORY_LABELS[category])}</Tag>;
}

export function StatusTag({ status }: { status: Member['status'] }) {
  const t = useT();
  return status === 'active' ? (
    <Tag color="green">{t('member.statusActive')}</Tag>
  ) : (
    <Tag>{t('member.statusLeft')}</Tag>
  );
}

export function useMemberLabels() {
  const label = useLabel();
  return {
    gender: (g: Member['gender']) => label(GENDER_LABELS[g]),
    post: (p: Member['partyPost']) => (p ? label(PARTY_POST_LABELS[p]) : '—'),
  };
}
