// Message keys and colours of the module's enumerations, and a layout detail of its tree tables, shared by its pages.
import type { SystemStatus } from '#contracts/assessment';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import type { PeriodKind } from './assessment-logic.ts';

export const STATUS_LABEL: Record<SystemStatus, MessageKey> = {
  draft: 'assessment.status.draft',
  published: 'assessment.status.published',
  retired: 'assessment.status.retired',
};
export const STATUS_COLOUR: Record<SystemStatus, string> = {
  draft: 'gold',
  published: 'green',
  retired: 'default',
};
export const PERIOD_LABEL: Record<PeriodKind, MessageKey> = {
  month: 'assessment.period.month',
  quarter: 'assessment.period.quarter',
  half: 'assessment.period.half',
  year: 'assessment.period.year',
};
export const DOMAIN_COLOUR = { party: 'red', business: 'blue', fusion: 'purple' } as const;

/**
 * A tree table's name cell beside the row's indent and expander (25 px), not wrapped below them: antd puts them inline
 * before whatever the cell renders, and a wide block would start on a line of its own.
 */
export const besideExpander = (depth: number, indent: number) =>
  ({
    display: 'inline-flex',
    verticalAlign: 'top',
    maxWidth: `calc(100% - ${depth * indent + 27}px)`,
  }) as const;
