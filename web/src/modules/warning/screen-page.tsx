// 大屏 (issue 13 point 5): the overview for a meeting room's display — dark, large, no menu (the page covers the app's
// frame, and "全屏显示" hands it the whole screen), asking for the data again every 60 s and saying how old it is.
// The charts are made once and given new options on each refresh (the shared wrapper disposes them on leaving), so
// a display left on for days does not pile up chart instances.
import { CompressOutlined, ExpandOutlined, RollbackOutlined } from '@ant-design/icons';
import { Button, Col, Row, Space, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { LEVEL_LABELS } from '#contracts/warning';
import { formatDateTime } from '../../components/dates.ts';
import { QueryError } from '../../components/error-display.tsx';
import { useLabel, useLocale } from '../../i18n/i18n.tsx';
import { useOverview } from './warning-api.ts';
import { ChartCard } from './warning-chart-lazy.tsx';
import { useRankingOption, useTreemapOption, useTrendOption } from './warning-chart-options.ts';
import { useWT } from './warning-i18n.ts';
import { LEVEL_COLOUR, levelCounts, openTotal, periodLabel, ranking } from './warning-logic.ts';

const REFRESH_MS = 60_000;
const BACKGROUND = '#0b1a33';
const TEXT = '#e8eefc';

export function ScreenPage() {
  const t = useWT();
  const label = useLabel();
  const { locale } = useLocale();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const unit = params.get('unit');
  const overview = useOverview(unit, REFRESH_MS);
  const frame = useRef<HTMLDivElement>(null);
  const [full, setFull] = useState(false);
  const orgs = overview.data?.orgs ?? [];
  const treemap = useTreemapOption(orgs, true);
  const trend = useTrendOption(orgs, true);
  const rank = useRankingOption(orgs, t('warning.chart.lowest'), true);

  useEffect(() => {
    const onChange = () => setFull(document.fullscreenElement === frame.current);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  const toggleFull = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    else void frame.current?.requestFullscreen?.().catch(() => undefined);
  };
  const leave = () => {
    if (document.fullscreenElement) void document.exitFullscreen();
    navigate(`/warnings${unit ? `?unit=${unit}` : ''}`);
  };

  const o = overview.data;
  const hasIndex = ranking(orgs).length > 0;
  return (
    <div
      ref={frame}
      data-testid="warning-screen"
      style={{
        position: 'fixed',
        inset: 0,
        zIndex: 1000,
        overflow: 'auto',
        background: BACKGROUND,
        color: TEXT,
        padding: '16px 24px',
      }}
    >
      <Space wrap style={{ justifyContent: 'space-between', width: '100%', marginBottom: 16 }}>
        <div style={{ fontSize: 32, fontWeight: 600, letterSpacing: 2 }}>
          {t('warning.screen.title')}
          {o && (
            <span style={{ fontSize: 20, fontWeight: 400, marginInlineStart: 16, opacity: 0.8 }}>
              {periodLabel(o.periodKey, locale)}
            </span>
          )}
        </div>
        <Space wrap>
          <span style={{ fontSize: 16, opacity: 0.85 }} data-testid="warning-screen-time">
            {overview.dataUpdatedAt > 0 &&
              t('warning.screen.dataAt', {
                at: formatDateTime(new Date(overview.dataUpdatedAt).toISOString()),
              })}
            {' · '}
            {t('warning.screen.refresh')}
          </span>
          <Button ghost icon={full ? <CompressOutlined /> : <ExpandOutlined />} onClick={toggleFull}>
            {t('warning.screen.fullscreen')}
          </Button>
          <Button ghost icon={<RollbackOutlined />} onClick={leave} data-testid="warning-screen-exit">
            {t('warning.screen.exit')}
          </Button>
        </Space>
      </Space>
      {overview.isError && !o ? (
        <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
      ) : !o ? (
        <Spin size="large" style={{ display: 'block', margin: 96 }} />
      ) : (
        <>
          <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
            {levelCounts(o.counts).map(({ level, count }) => (
              <Col xs={12} lg={6} key={level}>
                <div
                  data-testid={`warning-screen-count-${level}`}
                  style={{
                    background: '#10254a',
                    border: `1px solid ${LEVEL_COLOUR[level]}`,
                    borderTop: `6px solid ${LEVEL_COLOUR[level]}`,
                    borderRadius: 8,
                    padding: '12px 20px',
                  }}
                >
                  <div style={{ fontSize: 22, opacity: 0.85 }}>{label(LEVEL_LABELS[level])}</div>
                  <div
                    style={{ fontSize: 56, fontWeight: 700, color: LEVEL_COLOUR[level], lineHeight: 1.1 }}
                    data-testid={`warning-screen-count-${level}-value`}
                  >
                    {count}
                  </div>
                </div>
              </Col>
            ))}
          </Row>
          <div style={{ fontSize: 20, marginBottom: 12 }} data-testid="warning-screen-open">
            {t('warning.screen.open', { n: openTotal(o.orgs) })}
          </div>
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={12}>
              <ChartCard
                dark
                title={t('warning.chart.map')}
                option={treemap}
                height={420}
                testId="warning-screen-treemap"
              />
            </Col>
            <Col xs={24} xl={12}>
              <ChartCard
                dark
                title={t('warning.chart.ranking')}
                option={rank}
                height={420}
                testId="warning-screen-ranking"
                empty={hasIndex ? null : t('warning.chart.noIndex')}
              />
            </Col>
            <Col xs={24}>
              <ChartCard
                dark
                title={t('warning.chart.trend')}
                option={trend}
                height={320}
                testId="warning-screen-trend"
                empty={hasIndex ? null : t('warning.chart.noIndex')}
              />
            </Col>
          </Row>
        </>
      )}
    </div>
  );
}
