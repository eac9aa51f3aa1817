import { workbookOf, ORG_HEADER_ROW } from './org.test-helpers.ts';
import { parseOrganisationWorkbook } from './org.import.ts';
import { organisationTemplate } from './org.export.ts';
const bufs = [
  await workbookOf({ 党组织: [ORG_HEADER_ROW, ['I4S1B1', '通关科党支部', 'branch', 'I4S1', null, '否', null, null, null, 1, 'I4D1S1', '已撤销', '2026-06-30']] }),
  await organisationTemplate(),
];
let fails = 0; const errs = new Map<string, number>();
for (let i = 0; i < 300; i++) {
  for (const buf of bufs) {
    try { await parseOrganisationWorkbook(buf); } catch (e) { fails++; const m = String((e as Error).message); errs.set(m, (errs.get(m) ?? 0) + 1); }
  }
}
console.log('fails', fails, [...errs]);
