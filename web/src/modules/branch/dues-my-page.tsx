import { Alert, Card, Descriptions, Flex, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { DUES_CATEGORY_LABELS, yuan } from '#contracts/branch-dues';
import { QueryError } from '../../components/error-display.tsx';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import { chinaMonth, useMyDues } from './dues-api.ts';
import { PaymentList } from './dues-member-drawer.tsx';
import { MonthCell, yearChoices } from './dues-parts.tsx';

// 我的党费, phone first: one column of cards — what is owed (or a thank-you), the base and the monthly amount, the
// twelve months as a grid of coloured tiles, the payments. The base is the member's own personal data.

export function MyDuesPage() {
  const t = useT();
  const label = useLabel();
  const currentYear = Number(chinaMonth().slice(0, 4));
  const [year, setYear] = useState(currentYear);
  const dues = useMyDues(year);
  const d = dues.data;
  const base = d?.currentBase;
  return (
    <Flex vertical gap={12} style={{ maxWidth: 640 }}>
      <Flex justify="space-between" align="center" gap={8}>
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t('myDues.title')}
        </Typography.Title>
        <Select
          value={year}
          onChange={setYear}
          options={yearChoices(currentYear).map((y) => ({
            value: y,
            label: t('dues.yearOption', { year: y }),
          }))}
          style={{ width: 100 }}
          data-testid="my-dues-year"
        />
      </Flex>
      {dues.isLoading && <Skeleton active />}
      {dues.error && <QueryError error={dues.error} onRetry={() => dues.refetch()} />}
      {d && (
        <>
          {d.arrearsMonths > 0 ? (
            <Alert
              type="warning"
              showIcon
              title={t('myDues.arrears', { months: d.arrearsMonths, amount: yuan(d.arrearsFen) })}
              data-testid="my-dues-arrears"
            />
          ) : (
            base && <Alert type="success" showIcon title={t('myDues.clear')} />
          )}
          <Card size="small" title={t('myDues.base')}>
            {base ? (
              <Descriptions size="small" column={1}>
                <Descriptions.Item label={t('dues.base.category')}>
                  {label(DUES_CATEGORY_LABELS[base.category])}
                </Descriptions.Item>
                {base.incomeFen !== null && (
                  <Descriptions.Item
                    label={base.category === 'retired' ? t('dues.base.pension') : t('dues.base.income')}
                  >
                    ¥{yuan(base.incomeFen)}
                    {base.rateBp > 0 ? `（${base.rateBp / 100}%）` : ''}
                  </Descriptions.Item>
                )}
                <Descriptions.Item label={t('myDues.monthly')}>
                  <Typography.Text strong data-testid="my-dues-monthly">
                    ¥{yuan(base.monthlyFen)}
                  </Typography.Text>
                </Descriptions.Item>
                <Descriptions.Item label={t('dues.base.from')}>{base.effectiveFrom}</Descriptions.Item>
              </Descriptions>
            ) : (
              <Typography.Text type="secondary">{t('myDues.noBase')}</Typography.Text>
            )}
            <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0', fontSize: 12 }}>
              {t('myDues.privacy')}
            </Typography.Paragraph>
          </Card>
          <Card size="small" title={t('myDues.months', { year: d.year })} data-testid="my-dues-months">
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, minmax(0, 1fr))', gap: 8 }}>
              {d.months.map((m) => (
                <Flex key={m.month} vertical align="center" gap={2}>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {t('dues.col.month', { n: Number(m.month.slice(5)) })}
                  </Typography.Text>
                  <MonthCell month={m} />
                </Flex>
              ))}
            </div>
          </Card>
          <Card size="small" title={t('myDues.payments')}>
            <PaymentList dues={d} canVoid={false} />
          </Card>
        </>
      )}
    </Flex>
  );
}
