import { PARTY_ORG_KIND_LABELS, type PartyOrgKind } from '#contracts/org';

type Label = { zh: string; en: string };

const KEY_LABELS: Record<string, Label> = {
  code: { zh: '编码', en: 'Code' },
  name: { zh: '名称', en: 'Name' },
  kind: { zh: '类型', en: 'Kind' },
  from: { zh: '原名称', en: 'From' },
  to: { zh: '新名称', en: 'To' },
  parentId: { zh: '上级', en: 'Parent' },
  parentName: { zh: '上级', en: 'Parent' },
  fromParentName: { zh: '原上级', en: 'Former parent' },
  toParentName: { zh: '新上级', en: 'New parent' },
  subtreeSize: { zh: '涉及组织数', en: 'Organisations moved' },
  parentCode: { zh: '上级编码', en: 'Parent code' },
  fromParentId: { zh: '原上级', en: 'Former parent' },
  toParentId: { zh: '新上级', en: 'New parent' },
  fromParentCode: { zh: '原上级编码', en: 'Former parent code' },
  toParentCode: { zh: '新上级编码', en: 'New parent code' },
  closedOn: { zh: '撤销日期', en: 'Closed on' },
  reason: { zh: '原因', en: 'Reason' },
  previousClosedOn: { zh: '原撤销日期', en: 'Was closed on' },
  previousReason: { zh: '原撤销原因', en: 'Closing reason' },
  changes: { zh: '变更', en: 'Changes' },
  source: { zh: '来源', en: 'Source' },
};

const SOURCE_LABELS: Record<string, Label> = {
  import: { zh: 'Excel 导入', en: 'Excel import' },
  temporary_end: { zh: '临时党组织到期自动撤销', en: 'Closed at the end of its temporary period' },
};

function valueText(key: string, value: unknown, pick: (l: Label) => string): string {
  if (key === 'kind' && typeof value === 'string' && value in PARTY_ORG_KIND_LABELS) {
    return pick(PARTY_ORG_KIND_LABELS[value as PartyOrgKind]);
  }
  if (key === 'source' && typeof value === 'string' && SOURCE_LABELS[value])
    return pick(SOURCE_LABELS[value]);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${pick(KEY_LABELS[k] ?? { zh: k, en: k })} ${valueText(k, v, pick)}`)
      .join('，');
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/**
 * Event details as short "label: value" text in the reader's language, kinds by their Chinese names; ids of
 * related records are left out when a readable code stands beside them. Values are never rendered as markup.
 */
export function describeEventDetails(details: Record<string, unknown>, pick: (l: Label) => string): string {
  return (
    Object.entries(details)
      // An id is left out when a readable code or name stands beside it; it is never shown on its own.
      .filter(
        ([key]) =>
          !(
            key.endsWith('Id') &&
            (`${key.slice(0, -2)}Code` in details || `${key.slice(0, -2)}Name` in details)
          ),
      )
      .map(
        ([key, value]) => `${pick(KEY_LABELS[key] ?? { zh: key, en: key })}: ${valueText(key, value, pick)}`,
      )
      .join('；')
  );
}
