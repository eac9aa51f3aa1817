// The roster out: the import template, and exports in the very same layout, so that an export edited in Excel
// imports straight back. Personal numbers are masked unless the export asks for them in full (ADR 14), which only
// a holder of member.sensitive may, for the members in that permission's scope.
import {
  GENDER_LABELS,
  MEMBER_CATEGORY_LABELS,
  type MemberExportQuery,
  PARTY_POST_LABELS,
} from '#contracts/member';
import type { Ctx } from '../../core/context.ts';
import { forbidden } from '../../core/errors.ts';
import { writeTemplate, writeWorkbook } from '../../core/spreadsheet/write.ts';
import { recordAudit } from '../audit/index.ts';
import { hasPermission } from '../identity/index.ts';
import { auditFilter } from './member.numbers.ts';
import { todayIso } from './member.policy.ts';
import * as repo from './member.repository.ts';
import { ROSTER_COLUMNS, ROSTER_SHEET, type RosterKey } from './member.roster.ts';
import { memberWhere } from './member.service.ts';
import { exportNumbers, memberFor, requireActor } from './member.view.ts';

export function memberTemplate(): Promise<Buffer> {
  return writeTemplate([{ name: ROSTER_SHEET, columns: ROSTER_COLUMNS }]);
}

const zh = (labels: Readonly<Record<string, { zh: string }>>, key: string | null) =>
  key ? (labels[key]?.zh ?? key) : null;

/**
 * Every member matching the filter within the actor's member.export scope (a partyOrgId outside it is a 404), as a
 * roster workbook; large rosters go through the streaming writer. Records one 'member.export' audit entry with the
 * row count and whether the numbers were in full.
 */
export async function exportMemberWorkbook(
  ctx: Ctx,
  query: MemberExportQuery,
): Promise<{ buffer: Buffer; rows: number }> {
  const { full: fullAsked, ...filter } = query;
  const full = fullAsked === true;
  if (full && !hasPermission(requireActor(ctx), 'member.sensitive')) {
    throw forbidden(
      'member.full_export_forbidden',
      '您无权导出完整的身份证号和手机号；请取消“导出完整号码”后再导出（号码将脱敏显示）',
    );
  }
  const where = await memberWhere(ctx, 'member.export', filter);
  const records: Record<RosterKey, string | null>[] = [];
  for await (const page of repo.streamMembers(ctx.db, where, filter.sort, undefined, filter.order)) {
    for (const row of page) {
      const m = memberFor(ctx, row);
      const numbers = exportNumbers(ctx, row, full);
      records.push({
        name: m.name,
        gender: zh(GENDER_LABELS, m.gender),
        idNumber: numbers.idNumber,
        ethnicity: m.ethnicity,
        education: m.education,
        phone: numbers.phone,
        category: zh(MEMBER_CATEGORY_LABELS, m.category),
        joinedOn: m.joinedOn,
        fullOn: m.fullOn,
        partyOrgCode: row.partyOrgCode,
        partyOrgName: row.partyOrgName,
        partyPost: zh(PARTY_POST_LABELS, m.partyPost),
        departmentCode: row.departmentCode ?? null,
        businessPost: m.businessPost,
      });
    }
  }
  const buffer = await writeWorkbook([
    {
      name: ROSTER_SHEET,
      columns: ROSTER_COLUMNS,
      rows: records,
      intro:
        `党员名册，导出于 ${todayIso()}，共 ${records.length} 人。带 * 的列为必填项；修改后可直接导入。` +
        '脱敏显示（含 *）的身份证号、手机号在导入时表示保留系统中已登记的号码。',
    },
  ]);
  await recordAudit(ctx, {
    action: 'member.export',
    entityType: 'member',
    details: { filter: auditFilter(filter), rows: records.length, full },
  });
  return { buffer, rows: records.length };
}
