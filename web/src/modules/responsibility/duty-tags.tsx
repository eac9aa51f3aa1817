import { Tag } from 'antd';
import { useCallback } from 'react';
import type { Domain, PeriodState } from '#contracts/responsibility';
import { useT } from '../../i18n/i18n.tsx';
import { DOMAIN_COLOURS, DOMAIN_KEYS, periodLabel, STATE_COLOURS, STATE_KEYS } from './duty-logic.ts';

export function DomainTag({ domain }: { domain: Domain }) {
  const t = useT();
  return (
    <Tag color={DOMAIN_COLOURS[domain]} style={{ marginInlineEnd: 0 }} data-testid="duty-domain">
      {t(DOMAIN_KEYS[domain])}
    </Tag>
  );
}

export function StateTag({ state }: { state: PeriodState }) {
  const t = useT();
  return (
    <Tag
      color={STATE_COLOURS[state]}
      style={{ marginInlineEnd: 0 }}
      data-testid="duty-state"
      data-state={state}
    >
      {t(STATE_KEYS[state])}
    </Tag>
  );
}

/** "2026-Q2" as the reader says it. */
export function usePeriodLabel(): (periodKey: string) => string {
  const t = useT();
  return useCallback(
    (periodKey: string) => {
      const { key, vars } = periodLabel(periodKey);
      return t(key, vars);
    },
    [t],
  );
}
