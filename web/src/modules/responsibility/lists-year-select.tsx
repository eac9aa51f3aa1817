import { Select } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { chinaYear } from '../../components/dates.ts';
import { useT } from '../../i18n/i18n.tsx';

/** The year the page shows, kept in the address (?year=) so that a link or a reload lands on the same year. */
export function useYearParam(): [number, (year: number) => void] {
  const [params, setParams] = useSearchParams();
  const current = chinaYear();
  const raw = Number(params.get('year'));
  const year = Number.isInteger(raw) && raw >= 2000 && raw <= 2099 ? raw : current;
  const setYear = (next: number) => {
    const copy = new URLSearchParams(params);
    copy.set('year', String(next));
    setParams(copy, { replace: true });
  };
  return [year, setYear];
}

/** This year, the next, and the five before: the years an officer plans or looks back on. */
export function yearOptions(now = chinaYear()): number[] {
  const years: number[] = [];
  for (let y = now + 1; y >= now - 5; y--) years.push(y);
  return years;
}

export function YearSelect({
  value,
  onChange,
  'data-testid': testId,
}: {
  value: number;
  onChange: (year: number) => void;
  'data-testid'?: string;
}) {
  const t = useT();
  const years = yearOptions();
  if (!years.includes(value)) years.push(value);
  return (
    <Select<number>
      value={value}
      onChange={onChange}
      style={{ width: 120 }}
      data-testid={testId}
      options={years.map((y) => ({ value: y, label: t('rs.yearLabel', { year: y }) }))}
    />
  );
}
