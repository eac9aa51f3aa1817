import { Select } from 'antd';
import { useMemo } from 'react';
import { CODE_LISTS, type CodeListName } from '#contracts/code-lists';
import { useLocale } from '../i18n/i18n.tsx';

type Props = {
  list: CodeListName;
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  allowClear?: boolean;
  'data-testid'?: string;
};

/**
 * Picks a value of a standard code list (民族, 学历, reasons). Searching matches the name, the code and the common
 * variants ('大专' finds 大学专科), so that people type what they are used to and the standard name is stored.
 */
export function CodeSelect({
  list,
  value,
  onChange,
  placeholder,
  allowClear = true,
  'data-testid': testId,
}: Props) {
  const { locale } = useLocale();
  const options = useMemo(
    () =>
      CODE_LISTS[list].map((e) => ({
        value: e.name,
        label: locale === 'en' ? `${e.name} ${e.en}` : e.name,
        search: [e.name, e.code, e.en, ...(e.variants ?? [])].join(' ').toLowerCase(),
      })),
    [list, locale],
  );
  return (
    <Select
      value={value || undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      options={options}
      showSearch={{ filterOption: (input, option) => !!option?.search.includes(input.trim().toLowerCase()) }}
      allowClear={allowClear}
      placeholder={placeholder}
      style={{ width: '100%' }}
      data-testid={testId}
    />
  );
}
