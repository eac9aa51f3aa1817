// The warning pages' translate function. The module's messages are looked up here rather than through the app's
// dictionaries (web/src/i18n), which this module's brief did not open: folding warningZh / warningEn into zh-cn.ts
// and en.ts and replacing useWT by useT is a two-line change once that is wanted.
import { useCallback } from 'react';
import { format, type Vars } from '../../i18n/format.ts';
import { useLocale } from '../../i18n/i18n.tsx';
import { type WarningMessageKey, warningZh } from './warning.messages.ts';
import { warningEn } from './warning.messages-en.ts';

export type WarningT = (key: WarningMessageKey, vars?: Vars) => string;

export function useWT(): WarningT {
  const { locale } = useLocale();
  return useCallback(
    (key: WarningMessageKey, vars?: Vars) => format((locale === 'en' ? warningEn : warningZh)[key], vars),
    [locale],
  );
}
