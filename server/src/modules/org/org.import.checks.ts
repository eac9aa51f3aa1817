// Every rule an organisations import must pass, checked on the whole state it would leave behind, so that a
// problem is found whichever row causes it. Each problem names sheet, Excel row, Chinese header and what to do.
import type { ImportIssue } from '#contracts/transfer';
import {
  codeMaps,
  departmentChanged,
  type FinalOrg,
  type FinalUnit,
  type ImportRows,
  type ImportScope,
  type Model,
  orgChanges,
  type Snapshot,
  unitChanged,
} from './org.import.model.ts';
import {
  departmentParentAllowed,
  isWithin,
  kindAllowedUnder,
  kindLabel,
  kindRuleMessage,
} from './org.policy.ts';
import {
  DEPARTMENT_HEADERS as DH,
  type Located,
  ORG_HEADERS as OH,
  UNIT_HEADERS as UH,
} from './org.sheets.ts';

const OUT_OF_SCOPE = '不在您的管理范围内，请联系上级党组织办理';

export function checkModel(
  rows: ImportRows,
  model: Model,
  snap: Snapshot,
  scope: ImportScope,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const at = (sheet: string, loc: Located<unknown>, column: string, value: string | null, reason: string) =>
    issues.push({ sheet, row: loc.row, column, value, reason });
  const maps = codeMaps(snap);

  // Scope of a unit: writable through its root organisation (both the old and the new one), visible through any
  // organisation of it the actor may import into.
  const rootPath = (u: FinalUnit) => (u.rootOrgCode ? (model.orgs.get(u.rootOrgCode)?.path ?? null) : null);
  const unitWritable = (u: FinalUnit | undefined) => {
    if (scope.all) return true;
    if (!u) return false;
    const path = rootPath(u);
    const oldRoot = u.db?.rootPartyOrgId ? snap.orgs.find((o) => o.id === u.db?.rootPartyOrgId) : undefined;
    return !!path && scope.inScope(path) && (!oldRoot || scope.inScope(oldRoot.path));
  };
  const visibleUnits = new Set<string>();
  for (const o of model.orgs.values()) {
    const path = o.db?.path ?? o.path;
    if (o.unitCode && path && scope.inScope(path)) visibleUnits.add(o.unitCode);
  }
  const unitVisible = (u: FinalUnit | undefined) =>
    scope.all || (!!u && (visibleUnits.has(u.code) || unitWritable(u)));

  // Units ---------------------------------------------------------------------------------------------------
  const US = rows.sheets.units;
  for (const loc of rows.units) {
    const u = model.units.get(loc.data.code) as FinalUnit;
    if (u.rootOrgCode) {
      const root = model.orgs.get(u.rootOrgCode);
      if (!root) {
        if (!rows.broken.orgs.has(u.rootOrgCode)) {
          at(
            US,
            loc,
            UH.rootOrgCode,
            u.rootOrgCode,
            `党组织编码“${u.rootOrgCode}”不存在（本文件和系统中都没有）`,
          );
        }
      } else if (root.unitCode !== u.code) {
        at(
          US,
          loc,
          UH.rootOrgCode,
          u.rootOrgCode,
          `党组织“${root.name}”不属于本单位，请在“党组织”表中把它的所属单位编码填为“${u.code}”`,
        );
      }
    }
    const ok = unitChanged(u, maps.org) ? unitWritable(u) : unitVisible(u);
    if (!ok) at(US, loc, UH.code, u.code, `单位“${u.name}”${OUT_OF_SCOPE}`);
  }

  // Departments ----------------------------------------------------------------------------------------------
  const DS = rows.sheets.departments;
  for (const loc of rows.departments) {
    const d = model.departments.get(loc.data.code);
    if (!d) continue;
    const unit = d.unitCode ? model.units.get(d.unitCode) : undefined;
    if (!unit && d.unitCode && !rows.broken.units.has(d.unitCode)) {
      at(DS, loc, DH.unitCode, d.unitCode, `单位编码“${d.unitCode}”不存在，请先在“单位”表中填写该单位`);
    }
    if (d.db && maps.unit.get(d.db.unitId) !== d.unitCode) {
      at(DS, loc, DH.unitCode, d.unitCode, '已有部门不能改属其他单位');
    }
    if (d.parentCode) {
      const p = model.departments.get(d.parentCode);
      if (!p) {
        if (!rows.broken.departments.has(d.parentCode)) {
          at(
            DS,
            loc,
            DH.parentCode,
            d.parentCode,
            `上级部门编码“${d.parentCode}”不存在（本文件和系统中都没有）`,
          );
        }
      } else {
        if (p.unitCode !== d.unitCode)
          at(DS, loc, DH.parentCode, d.parentCode, `上级部门“${p.name}”属于其他单位`);
        if (!departmentParentAllowed(p.kind, d.kind))
          at(DS, loc, DH.kind, loc.data.kind, '处室不能设在科室之下');
      }
    }
    if (model.cyclicDepartments.has(d.code)) {
      at(DS, loc, DH.parentCode, d.parentCode, '上级部门形成循环：不能把部门设在它自己的下级部门之下');
    }
    const ok = departmentChanged(d, maps.department, maps.unit) ? unitWritable(unit) : unitVisible(unit);
    if (!ok) at(DS, loc, DH.code, d.code, `部门“${d.name}”${OUT_OF_SCOPE}`);
  }
  for (const d of model.departments.values()) {
    const p = d.parentCode ? model.departments.get(d.parentCode) : undefined;
    if (!d.loc && p?.loc && !departmentParentAllowed(p.kind, d.kind)) {
      at(DS, p.loc, DH.kind, p.loc.data.kind, `其下级部门“${d.name}”是处室，本部门不能为科室`);
    }
  }

  // Party organisations --------------------------------------------------------------------------------------
  const OS = rows.sheets.orgs;
  const membersUnder = (o: FinalOrg) => {
    let n = 0;
    const prefix = o.path;
    if (!prefix) return 0;
    for (const x of model.orgs.values())
      if (x.path && isWithin(x.path, prefix)) n += snap.activeMembers.get(x.id) ?? 0;
    return n;
  };
  for (const loc of rows.orgs) {
    const o = model.orgs.get(loc.data.code);
    if (!o) continue;
    const parent = o.parentCode ? model.orgs.get(o.parentCode) : undefined;
    if (o.parentCode === null) {
      if (!kindAllowedUnder(null, o.kind)) at(OS, loc, OH.parentCode, null, kindRuleMessage(null, o.kind));
    } else if (!parent) {
      if (!rows.broken.orgs.has(o.parentCode)) {
        at(
          OS,
          loc,
          OH.parentCode,
          o.parentCode,
          `上级组织编码“${o.parentCode}”不存在（本文件和系统中都没有）`,
        );
      }
    } else if (!kindAllowedUnder(parent.kind, o.kind)) {
      at(OS, loc, OH.kind, kindLabel(o.kind), kindRuleMessage(parent.kind, o.kind));
    }
    if (model.cyclicOrgs.has(o.code)) {
      at(OS, loc, OH.parentCode, o.parentCode, '上级组织形成循环：不能把组织设在它自己的下级组织之下');
    }

    const explicit = loc.data.unitCode;
    if (explicit !== null && !model.units.has(explicit)) {
      if (!rows.broken.units.has(explicit)) {
        at(OS, loc, OH.unitCode, explicit, `单位编码“${explicit}”不存在，请先在“单位”表中填写该单位`);
      }
    } else if (explicit !== null && parent?.unitCode && parent.unitCode !== explicit) {
      at(OS, loc, OH.unitCode, explicit, `与上级组织“${parent.name}”的所属单位“${parent.unitCode}”不一致`);
    }
    if (o.before?.unitCode && o.before.unitCode !== o.unitCode) {
      at(OS, loc, OH.unitCode, o.unitCode, `已有党组织不能改属其他单位（现属“${o.before.unitCode}”）`);
    }
    for (const code of o.departmentCodes) {
      const d = model.departments.get(code);
      if (!d) {
        if (!rows.broken.departments.has(code))
          at(OS, loc, OH.departmentCodes, code, `业务部门编码“${code}”不存在`);
      } else if (!o.unitCode) {
        at(OS, loc, OH.departmentCodes, code, '本组织不属于任何单位，不能关联业务部门');
      } else if (d.unitCode !== o.unitCode) {
        at(OS, loc, OH.departmentCodes, code, `业务部门“${d.name}”不属于本组织所在单位“${o.unitCode}”`);
      }
    }

    if (o.isTemporary && !o.tempStartOn) at(OS, loc, OH.tempStartOn, null, '临时党组织须填写开始日期');
    if (o.tempStartOn && o.tempEndOn && o.tempEndOn < o.tempStartOn) {
      at(OS, loc, OH.tempEndOn, o.tempEndOn, '结束日期不能早于开始日期');
    }
    if (o.status === 'closed' && !o.closedOn)
      at(OS, loc, OH.closedOn, null, '状态为“已撤销”时须填写撤销日期');
    if (o.status === 'active' && o.closedOn)
      at(OS, loc, OH.closedOn, o.closedOn, '状态为“正常”时不能填写撤销日期');
    if (o.status === 'active' && parent?.status === 'closed') {
      at(OS, loc, OH.status, '正常', `上级组织“${parent.name}”已撤销，本组织不能为正常状态`);
    }
    if (o.status === 'closed' && o.before?.status === 'active') {
      const members = membersUnder(o);
      if (members > 0) {
        at(
          OS,
          loc,
          OH.status,
          '已撤销',
          `该组织及其下级组织还有 ${members} 名党员，请先将党员转接到其他党组织后再撤销`,
        );
      }
    }

    const changed = Object.keys(orgChanges(o)).length > 0 || !o.db;
    if (o.db && !scope.inScope(o.db.path)) {
      at(OS, loc, OH.code, o.code, `党组织“${o.db.name}”${OUT_OF_SCOPE}`);
    } else if (changed && o.path && !scope.inScope(o.path)) {
      at(
        OS,
        loc,
        OH.parentCode,
        o.parentCode,
        o.parentCode ? `上级组织“${o.parentCode}”${OUT_OF_SCOPE}` : `新建最高一级党组织${OUT_OF_SCOPE}`,
      );
    }
  }
  // Organisations not in the file that the file's rows would break (a parent's kind or status changed).
  for (const o of model.orgs.values()) {
    if (o.loc) continue;
    const p = o.parentCode ? model.orgs.get(o.parentCode) : undefined;
    if (!p?.loc) continue;
    if (!kindAllowedUnder(p.kind, o.kind)) {
      at(
        OS,
        p.loc,
        OH.kind,
        kindLabel(p.kind),
        `其下级组织“${o.name}”（${kindLabel(o.kind)}）不能设在“${kindLabel(p.kind)}”之下`,
      );
    }
    if (p.status === 'closed' && o.status === 'active') {
      at(OS, p.loc, OH.status, '已撤销', `下级组织“${o.name}”未撤销，请先撤销或移走下级组织`);
    }
  }
  return issues;
}
