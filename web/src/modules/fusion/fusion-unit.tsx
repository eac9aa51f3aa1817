import { Select } from 'antd';
import { useSearchParams } from 'react-router-dom';
import type { Unit } from '#contracts/org';
import { useT } from '../../i18n/i18n.tsx';
import { useUnits } from '../org/org-api.ts';
import { pickUnit } from './fusion-logic.ts';

// The organ (unit) the fusion pages show: needs, resources, the board and projects are an organ's. Kept in the
// address (?unit=…) so that a link and a reload open the same organ, and for the tab's session so that moving
// between the fusion pages by the menu stays with it; a reader of one organ never sees a picker.

const REMEMBERED = 'ronghe.fusion.unit';

function remembered(): string | null {
  try {
    return sessionStorage.getItem(REMEMBERED);
  } catch {
    return null;
  }
}

export function useFusionUnit(): {
  unitId: string | null;
  units: readonly Unit[];
  setUnit: (unitId: string) => void;
  loading: boolean;
} {
  const units = useUnits();
  const [params, setParams] = useSearchParams();
  const list = units.data ?? [];
  const unitId = pickUnit(list, params.get('unit') ?? remembered());
  const setUnit = (next: string) => {
    try {
      sessionStorage.setItem(REMEMBERED, next);
    } catch {
      // private mode: the choice holds for this page only
    }
    setParams(
      (current) => {
        const p = new URLSearchParams(current);
        p.set('unit', next);
        return p;
      },
      { replace: true },
    );
  };
  return { unitId, units: list, setUnit, loading: units.isPending };
}

export function UnitPicker({
  unitId,
  units,
  onChange,
}: {
  unitId: string | null;
  units: readonly Unit[];
  onChange: (unitId: string) => void;
}) {
  const t = useT();
  if (units.length < 2) return null;
  return (
    <Select
      style={{ minWidth: 200, maxWidth: '100%' }}
      value={unitId ?? undefined}
      onChange={onChange}
      placeholder={t('fusion.pickUnit')}
      options={units.map((u) => ({ value: u.id, label: u.name }))}
      showSearch={{ optionFilterProp: 'label' }}
      data-testid="fusion-unit"
    />
  );
}
