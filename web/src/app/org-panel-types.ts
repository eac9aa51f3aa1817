// The shapes of what modules contribute to the organisation page (web/src/app/org-panels.ts lists them).
import type { ComponentType } from 'react';
import type { Permission } from '#contracts/identity';
import type { Department, PartyOrg } from '#contracts/org';

export type OrgPanel = {
  key: string;
  /** Shown only to a session holding this permission. */
  permission: Permission;
  Panel: ComponentType<{ org: PartyOrg }>;
};
export type DepartmentBadge = {
  key: string;
  permission: Permission;
  Badge: ComponentType<{ department: Department }>;
};
