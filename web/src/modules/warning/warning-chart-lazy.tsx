// The chart card, loaded with ECharts only once the page has drawn what it can without them (B5: the overview is
// usable before its charts): a card of the same size with a spinner stands in meanwhile.
import { Card, Spin } from 'antd';
import { type ComponentProps, lazy, Suspense } from 'react';

const Loaded = lazy(async () => ({ default: (await import('./warning-charts.tsx')).ChartCard }));

export function ChartCard(props: ComponentProps<typeof Loaded>) {
  return (
    <Suspense
      fallback={
        <Card size="small" title={props.title} data-testid={`${props.testId}-loading`}>
          <Spin style={{ display: 'block', lineHeight: `${props.height}px` }} />
        </Card>
      }
    >
      <Loaded {...props} />
    </Suspense>
  );
}
