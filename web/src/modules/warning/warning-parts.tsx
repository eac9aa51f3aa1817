// Small pieces the warning pages share: a level's tag, what is being done about a warning, where it stands on the
// ladder, the steps back to green (links where the server gave one), and clearing the server's field errors.
import { type FormInstance, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Level, ReturnStep, Warning } from '#contracts/warning';
import { LEVEL_LABELS } from '#contracts/warning';
import { useLabel } from '../../i18n/i18n.tsx';
import { useWT } from './warning-i18n.ts';
import { handling, isAppPath, LEVEL_TAG } from './warning-logic.ts';

export function LevelTag({ level, testId }: { level: Level; testId?: string }) {
  const label = useLabel();
  return (
    <Tag color={LEVEL_TAG[level]} data-testid={testId} data-level={level} style={{ marginInlineEnd: 0 }}>
      {label(LEVEL_LABELS[level])}
    </Tag>
  );
}

export function HandlingText({ warning }: { warning: Pick<Warning, 'answer'> }) {
  const t = useWT();
  const h = handling(warning);
  if (h.kind === 'none') return <Typography.Text type="danger">{t('warning.handling.none')}</Typography.Text>;
  if (h.kind === 'note') return <Typography.Text>{t('warning.handling.note')}</Typography.Text>;
  const text = t(h.kind === 'plan' ? 'warning.handling.plan' : 'warning.handling.rectification', {
    due: h.due ?? '—',
  });
  return h.lapsed ? (
    <Typography.Text type="warning">
      {text}（{t('warning.handling.lapsed')}）
    </Typography.Text>
  ) : (
    <Typography.Text type="success">{text}</Typography.Text>
  );
}

export function StepText({ warning }: { warning: Pick<Warning, 'stepLabel' | 'nextStepOn'> }) {
  const t = useWT();
  return (
    <span>
      {t('warning.step.told', { label: warning.stepLabel })}
      {warning.nextStepOn && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {t('warning.step.next', { date: warning.nextStepOn })}
        </Typography.Text>
      )}
    </span>
  );
}

/** The steps back to green: a heading step (no link) reads as a lead-in, the ones with a link open the record. */
export function ReturnSteps({ steps }: { steps: readonly ReturnStep[] }) {
  return (
    <ul style={{ margin: 0, paddingInlineStart: 20 }} data-testid="warning-returns">
      {steps.map((s) => (
        // Steps have no ids; the server never repeats a step's words with the same link.
        <li key={`${s.text}|${s.href ?? ''}`} style={{ overflowWrap: 'anywhere', marginBottom: 4 }}>
          {s.href ? (
            isAppPath(s.href) ? (
              <Link to={s.href} data-testid="warning-return-link">
                {s.text}
              </Link>
            ) : (
              <a href={s.href} data-testid="warning-return-link">
                {s.text}
              </a>
            )
          ) : (
            s.text
          )}
        </li>
      ))}
    </ul>
  );
}

/**
 * The server's field errors stay on their fields until the next save unless cleared: these fields have no rules of
 * their own to re-check on change, so any edit clears them (the next save checks everything again).
 */
export function clearServerErrors(form: FormInstance): void {
  const stale = form.getFieldsError().filter((f) => f.errors.length > 0);
  if (stale.length > 0) form.setFields(stale.map((f) => ({ name: f.name, errors: [] })));
}
