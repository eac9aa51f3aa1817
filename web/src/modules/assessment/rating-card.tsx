import { FormOutlined } from '@ant-design/icons';
import { Card, Space } from 'antd';
import { Link } from 'react-router-dom';
import { useT } from '../../i18n/i18n.tsx';
import { MyRatingsCard } from './rating-mine-list.tsx';

// The workbench card "我的待评价": the ratings still to give, any account's (an invitation needs no role).
export function RatingCard() {
  const t = useT();
  return (
    <Card
      data-testid="workbench-rating"
      title={
        <Space>
          <FormOutlined />
          {t('assessment.rating.mine')}
        </Space>
      }
      extra={<Link to="/assessment/my-ratings">{t('assessment.rating.view')}</Link>}
    >
      <MyRatingsCard />
    </Card>
  );
}
