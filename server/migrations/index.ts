import type { Migration } from 'kysely/migration';
import * as m0001 from './2026-11-22-0300-create-foundation.ts';
import * as m0410 from './2026-11-22-0410-add-member-lookups.ts';
import * as m1202_0100 from './2026-12-02-0100-identity-hardening.ts';
import * as m1202b from './2026-12-02-0200-key-audit-chain.ts';
import * as m1202c from './2026-12-02-0300-mask-numbers.ts';
import * as m1202d from './2026-12-02-0400-import-mapping-and-stage.ts';
import * as m1202e from './2026-12-02-0500-standard-code-lists.ts';
import * as m1202f from './2026-12-02-0510-member-self-service.ts';
import * as m1202g from './2026-12-02-0520-member-name-sort-key.ts';
import * as m1202h from './2026-12-02-0530-department-kinds.ts';
import * as m1206a from './2026-12-06-0100-transfer-files.ts';
import * as m1206b from './2026-12-06-0200-import-publishing.ts';
import * as m1206c from './2026-12-06-0300-tenant-keys-first-step.ts';
import * as m1206d from './2026-12-06-0400-tenant-keys-work-committee-unit.ts';
import * as m1206e from './2026-12-06-0500-tenant-keys-organ-in-every-key.ts';
import * as m1206f from './2026-12-06-0600-drop-indexes-the-keys-cover.ts';
import * as m1206g from './2026-12-06-0700-index-ids-alone.ts';
import * as m1206h from './2026-12-06-0800-audit-append-in-fewer-round-trips.ts';
import * as m1206i from './2026-12-06-0900-scheduled-job-runs.ts';
import * as m1206j from './2026-12-06-1000-responsibility.ts';
import * as m1206k from './2026-12-06-1010-notifications.ts';
import * as m1206l from './2026-12-06-1100-branch-records.ts';
import * as m1206m from './2026-12-06-1110-attachments.ts';
import * as m1206n from './2026-12-06-1120-dues-development.ts';
import * as m1207a from './2026-12-07-0100-attachment-client-key.ts';
import * as m1207b from './2026-12-07-0200-fusion.ts';
import * as m1207c from './2026-12-07-0300-brands-cases.ts';
import * as m1207d from './2026-12-07-0400-joint-building.ts';
import * as m1207e from './2026-12-07-0500-cross-organ-joint.ts';
import * as m1207f from './2026-12-07-0600-assessment.ts';
import * as m1207kpi from './2026-12-07-0700-business-kpi.ts';
import * as m1207bulletin from './2026-12-07-0800-assessment-bulletin.ts';
import * as m1207rating from './2026-12-07-0900-assessment-rating.ts';
import * as m1207outcome from './2026-12-07-1000-assessment-outcome.ts';
import * as m1207rectify from './2026-12-07-1100-rectification.ts';
import * as m1207review from './2026-12-07-1200-performance-review.ts';
import * as m1207member from './2026-12-07-1300-member-assessment.ts';
import * as m1208delivery from './2026-12-08-0100-delivery.ts';
import * as m1208warning from './2026-12-08-0200-warning.ts';
import * as m1208dirty from './2026-12-08-0300-warning-dirty.ts';
import * as m1208indicator from './2026-12-08-0400-warning-indicator.ts';

// Every migration, in order. A static list rather than a folder scan: nothing is picked up by accident, and the
// list survives bundling. Names are never changed once committed.
export const migrations: Record<string, Migration> = {
  '2026-11-22-0300-create-foundation': m0001,
  '2026-11-22-0410-add-member-lookups': m0410,
  '2026-12-02-0100-identity-hardening': m1202_0100,
  '2026-12-02-0200-key-audit-chain': m1202b,
  '2026-12-02-0300-mask-numbers': m1202c,
  '2026-12-02-0400-import-mapping-and-stage': m1202d,
  '2026-12-02-0500-standard-code-lists': m1202e,
  '2026-12-02-0510-member-self-service': m1202f,
  '2026-12-02-0520-member-name-sort-key': m1202g,
  '2026-12-02-0530-department-kinds': m1202h,
  '2026-12-06-0100-transfer-files': m1206a,
  '2026-12-06-0200-import-publishing': m1206b,
  '2026-12-06-0300-tenant-keys-first-step': m1206c,
  '2026-12-06-0400-tenant-keys-work-committee-unit': m1206d,
  '2026-12-06-0500-tenant-keys-organ-in-every-key': m1206e,
  '2026-12-06-0600-drop-indexes-the-keys-cover': m1206f,
  '2026-12-06-0700-index-ids-alone': m1206g,
  '2026-12-06-0800-audit-append-in-fewer-round-trips': m1206h,
  '2026-12-06-0900-scheduled-job-runs': m1206i,
  '2026-12-06-1000-responsibility': m1206j,
  '2026-12-06-1010-notifications': m1206k,
  '2026-12-06-1100-branch-records': m1206l,
  '2026-12-06-1110-attachments': m1206m,
  '2026-12-06-1120-dues-development': m1206n,
  '2026-12-07-0100-attachment-client-key': m1207a,
  '2026-12-07-0200-fusion': m1207b,
  '2026-12-07-0300-brands-cases': m1207c,
  '2026-12-07-0400-joint-building': m1207d,
  '2026-12-07-0500-cross-organ-joint': m1207e,
  '2026-12-07-0600-assessment': m1207f,
  '2026-12-07-0700-business-kpi': m1207kpi,
  '2026-12-07-0800-assessment-bulletin': m1207bulletin,
  '2026-12-07-0900-assessment-rating': m1207rating,
  '2026-12-07-1000-assessment-outcome': m1207outcome,
  '2026-12-07-1100-rectification': m1207rectify,
  '2026-12-07-1200-performance-review': m1207review,
  '2026-12-07-1300-member-assessment': m1207member,
  '2026-12-08-0100-delivery': m1208delivery,
  '2026-12-08-0200-warning': m1208warning,
  '2026-12-08-0300-warning-dirty': m1208dirty,
  '2026-12-08-0400-warning-indicator': m1208indicator,
};
