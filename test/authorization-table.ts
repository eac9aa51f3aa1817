import type { Role } from '#contracts/identity';

// WHO MAY DO WHAT, written by hand from the domain (BRIEF.md's "who uses it", the glossary, README's roles table,
// 三员分立, least privilege) and reviewed on its own. It is deliberately NOT computed from ROLE_PERMISSIONS or from
// the routes' config.access: test/authorization-matrix.int.test.ts sends a valid request for every route below as
// every role and checks the answer against this table, so a wrong permission table or a wrong route declaration
// shows up as a difference.
//
// One line per API route (METHOD path, as registered). Either a whole-route rule:
//   public      anyone, signed in or not, gets a 2xx
//   signed-in   any signed-in account gets a 2xx (records of its own only, e.g. its own import report;
//               attachments: the files of records their owner kind lets the account read, ADR 26);
//               without a session: 401
//   token       a business system's push token (Authorization: Bearer) of the organ, without a session, gets a
//               2xx; the same request without the token gets 401; any session (even beside a valid token) is
//               refused, 401 or 403: sessions never use a token route
// or one symbol per role column:
//   S   allowed within the subtree of the organisation the role is held on; records outside answer 404 and are
//       absent from lists and exports, imports naming them are refused with an issue
//   O   allowed only when the role is held on the organ's root organisation (机关党委) or above: organ-level data
//       such as business departments (处室/科室); held lower down (a 二级机关党委, a branch): 403; other organs: 404
//   A   allowed everywhere (the unscoped administrator roles), or on a route that carries no organisation's data
//       (templates, accounts, audit, security policy)
//   .   refused: 403
//
// Adding a route:
//   1. add its line here, deciding each column from the domain (who does this job in an organ?), not from the code;
//   2. add its case to test/authorization-cases-records.ts (organisations, departments, members),
//      test/authorization-cases-accounts.ts (sessions, accounts, security, audit) or a module's own case file
//      (test/authorization-cases-responsibility*.ts, merged in the matrix test): a request that is valid
//      and must succeed for an allowed role, an `ok` check of the success (status and, where cheap, the effect),
//      a `scope` ('org': one organisation's records, 'unit': a whole organ's, 'own': the caller's own, 'none'),
//      and a `hidden` check when out of scope is not simply a 404 (lists, exports, imports);
//   3. a route returning member records also gets a line in FULL_NUMBERS_GRID below.
// The matrix fails while the line or the case is missing, and for a line naming a route that does not exist.

export const ROLE_COLUMNS = {
  sys: 'system_admin',
  sec: 'security_admin',
  aud: 'audit_admin',
  wco: 'work_committee_officer',
  oco: 'organ_committee_officer',
  lgm: 'leading_group_member',
  sup: 'supervisor',
  bs: 'branch_secretary',
  bcm: 'branch_committee_member',
  mem: 'member',
} as const satisfies Record<string, Role>;

const GRID = `
route                                  | sys | sec | aud | wco | oco | lgm | sup | bs  | bcm | mem
GET    /api/health                     | public
POST   /api/auth/login                 | public
POST   /api/auth/logout                | public
GET    /api/auth/session               | signed-in
POST   /api/auth/change-password       | signed-in
GET    /api/import-reports/:token      | signed-in
GET    /api/me/member                  | signed-in
GET    /api/me/member/history          | signed-in
GET    /api/me/corrections             | signed-in
POST   /api/me/corrections             | signed-in
GET    /api/me/notifications           | signed-in
GET    /api/me/notifications/unread-count | signed-in
POST   /api/me/notifications/:id/read  | signed-in
POST   /api/me/notifications/read-all  | signed-in
GET    /api/me/delivery-preferences    | signed-in
PUT    /api/me/delivery-preferences    | signed-in

GET    /api/users                      |  A  |  A  |  A  |  .  |  .  |  .  |  .  |  .  |  .  |  .
GET    /api/users/:id                  |  A  |  A  |  A  |  .  |  .  |  .  |  .  |  .  |  .  |  .
POST   /api/users                      |  A  |  .  |  .  |  .  |  .  |  .  |  .  |  .  |  .  |  .
PATCH  /api/users/:id                  |  A  |  .  |  .  |  .  |  .  |  .  |  .  |  .  |  .  |  .
POST   /api/users/:id/reset-password   |  A  |  .  |  .  |  .  |  .  |  .  |  .  |  .  |  .  |  .
PUT    /api/users/:id/roles            |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .  |  .  |  .
GET    /api/security/policy            |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .  |  .  |  .
GET    /api/security/lockouts          |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .  |  .  |  .
POST   /api/security/unlock            |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .  |  .  |  .
GET    /api/audit                      |  .  |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .  |  .
GET    /api/audit/verify               |  .  |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .  |  .
GET    /api/audit/export               |  .  |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .  |  .

GET    /api/units                      |  .  |  A  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/party-orgs                 |  .  |  A  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/party-orgs/:id             |  .  |  A  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/party-orgs/:id/events      |  .  |  A  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/party-orgs                 |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
PATCH  /api/party-orgs/:id             |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
POST   /api/party-orgs/:id/move        |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
POST   /api/party-orgs/:id/close       |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
POST   /api/party-orgs/:id/reopen      |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
GET    /api/party-orgs/template        |  .  |  .  |  .  |  A  |  A  |  .  |  .  |  .  |  .  |  .
GET    /api/party-orgs/export          |  .  |  .  |  .  |  S  |  S  |  S  |  .  |  .  |  .  |  .
POST   /api/party-orgs/import          |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
POST   /api/party-orgs/import/upload   |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
POST   /api/party-orgs/import/preview  |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
POST   /api/party-orgs/import/confirm  |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
GET    /api/departments                |  .  |  A  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/departments                |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
PATCH  /api/departments/:id            |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .

GET    /api/members                    |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/members/:id                |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/members/:id/history        |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/members/:id/reveal         |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/members                    |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
PATCH  /api/members/:id                |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/members/:id/transfer       |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/members/:id/leave          |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/members/template           |  .  |  .  |  .  |  A  |  A  |  .  |  .  |  A  |  .  |  .
GET    /api/members/export             |  .  |  .  |  .  |  S  |  S  |  S  |  .  |  S  |  .  |  .
POST   /api/members/import             |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/members/import/upload      |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/members/import/preview     |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/members/import/confirm     |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/corrections                |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/corrections/:id/resolve    |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .

GET    /api/statistics                 |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/statistics/export          |  .  |  .  |  .  |  S  |  S  |  S  |  .  |  S  |  .  |  .

GET    /api/responsibility/templates   |  .  |  .  |  .  |  A  |  A  |  A  |  A  |  A  |  A  |  .
GET    /api/responsibility/templates/:id |  .  |  .  |  .  |  A  |  A  |  A  |  A  |  A  |  A  |  .
POST   /api/responsibility/templates   |  .  |  .  |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .
GET    /api/responsibility/work-points |  .  |  .  |  .  |  A  |  A  |  A  |  A  |  A  |  A  |  .
POST   /api/responsibility/work-points |  .  |  .  |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .
PATCH  /api/responsibility/work-points/:id |  .  |  .  |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .
GET    /api/responsibility/record-kinds |  .  |  .  |  .  |  A  |  A  |  A  |  A  |  A  |  A  |  .
GET    /api/responsibility/lists       |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/responsibility/lists       |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/responsibility/lists/:id   |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
PATCH  /api/responsibility/lists/:id   |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/responsibility/lists/:id/template-changes |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/responsibility/lists/:id/candidates |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/responsibility/lists/:id/adopt-template |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/responsibility/lists/:id/items |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/responsibility/items/:id   | signed-in
PATCH  /api/responsibility/items/:id   |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/responsibility/items/:id/exemptions |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/responsibility/exemptions/:id/decide | signed-in
POST   /api/responsibility/periods/:id/reports |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  S  |  .
GET    /api/responsibility/coverage    |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/me/duties                  | signed-in
POST   /api/me/duties/:id/reports      | signed-in
POST   /api/responsibility/reports/:id/files | signed-in
GET    /api/responsibility/files/:id   | signed-in
GET    /api/me/handovers               | signed-in
GET    /api/me/appraisals              | signed-in
GET    /api/handovers                  |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
GET    /api/handovers/preview          |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
POST   /api/handovers                  |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
GET    /api/handovers/:id              | signed-in
POST   /api/handovers/:id/acknowledge  | signed-in
POST   /api/handovers/:id/cancel       |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
GET    /api/liaisons                   |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/liaisons                   |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/liaisons/:id/end           |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/appraisals                 |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/appraisals                 |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
GET    /api/appraisals/:id             | signed-in
PATCH  /api/appraisals/:id             | signed-in
POST   /api/appraisals/:id/submit      | signed-in
PUT    /api/appraisals/:id/raters      |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
POST   /api/appraisals/:id/rate        | signed-in
GET    /api/responsibility/lists/:id/export |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/responsibility/lists/:id/document |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/responsibility/coverage/export |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/appraisals/:id/document    | signed-in
GET    /api/responsibility/items/template |  .  |  .  |  .  |  A  |  A  |  .  |  .  |  A  |  .  |  .
POST   /api/responsibility/lists/:id/import |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/responsibility/work-points/template |  .  |  .  |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .
POST   /api/responsibility/work-points/import |  .  |  .  |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .
POST   /api/attachments                | signed-in
GET    /api/attachments                | signed-in
GET    /api/attachments/:id            | signed-in
GET    /api/attachments/:id/thumbnail  | signed-in
DELETE /api/attachments/:id            | signed-in
GET    /api/branch/records             |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/branch/records/prefill     |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  S  |  .
POST   /api/branch/records             |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  S  |  .
GET    /api/branch/records/:id         |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
PATCH  /api/branch/records/:id         |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  S  |  .
DELETE /api/branch/records/:id         |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  S  |  .
GET    /api/branch/obligations         |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/branch/study-hours         |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/branch/burden              |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/branch/temporary-orgs/:id/members |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
PUT    /api/branch/temporary-orgs/:id/members |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
GET    /api/branch/settings            |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
PUT    /api/branch/settings            |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/branch/dues                |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/branch/dues/arrears        |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/branch/dues/export         |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/branch/dues/members/:id    |  .  |  .  |  .  |  .  |  S  |  .  |  .  |  S  |  S  |  .
POST   /api/branch/dues/bases          |  .  |  .  |  .  |  .  |  S  |  .  |  .  |  S  |  S  |  .
PATCH  /api/branch/dues/bases/:id      |  .  |  .  |  .  |  .  |  S  |  .  |  .  |  S  |  S  |  .
POST   /api/branch/dues/payments       |  .  |  .  |  .  |  .  |  S  |  .  |  .  |  S  |  S  |  .
POST   /api/branch/dues/payments/:id/void |  .  |  .  |  .  |  .  |  S  |  .  |  .  |  S  |  S  |  .
GET    /api/branch/dues/template       |  .  |  .  |  .  |  .  |  A  |  .  |  .  |  A  |  A  |  .
POST   /api/branch/dues/import         |  .  |  .  |  .  |  .  |  S  |  .  |  .  |  S  |  S  |  .
GET    /api/me/dues                    | signed-in
GET    /api/branch/development         |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/branch/development/:id     |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/branch/development         |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
PATCH  /api/branch/development/:id     |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/branch/ledger              |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/branch/ledger/document     |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/branch/records/export      |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/branch/records/template    |  .  |  .  |  .  |  A  |  A  |  .  |  .  |  A  |  A  |  .
POST   /api/branch/records/import      |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  S  |  .
GET    /api/delivery/channels          |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
POST   /api/delivery/channels          |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
PATCH  /api/delivery/channels/:id      |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
DELETE /api/delivery/channels/:id      |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
POST   /api/delivery/channels/:id/test |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
GET    /api/delivery/log               |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
POST   /api/delivery/log/:id/retry     |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
GET    /api/warnings/overview          |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/warnings                   |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/warnings/:id               |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/warnings/:id/answer        |  .  |  .  |  .  |  S  |  S  |  S  |  .  |  S  |  .  |  .
GET    /api/warnings/levels/:orgId     |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/warnings/exceptions        |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/warnings/exceptions        |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
POST   /api/warnings/exceptions/:id/revoke |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  .  |  .  |  .
POST   /api/warnings/evaluate          |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/warnings/config            |  .  |  .  |  .  |  A  |  A  |  A  |  A  |  A  |  A  |  .
PUT    /api/warnings/config            |  .  |  .  |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .
GET    /api/fusion-index/formulas      |  .  |  .  |  .  |  A  |  A  |  A  |  A  |  A  |  A  |  .
POST   /api/fusion-index/formulas/draft |  .  |  .  |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .
PUT    /api/fusion-index/formulas/:id  |  .  |  .  |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .
POST   /api/fusion-index/formulas/:id/publish |  .  |  .  |  .  |  A  |  .  |  .  |  .  |  .  |  .  |  .
GET    /api/fusion-index/:orgId        |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/fusion-index/:orgId/parts/:key |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .

GET    /api/partner-orgs               |  .  |  A  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/partner-orgs               |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
PATCH  /api/partner-orgs/:id           |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/fusion/needs               |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/fusion/needs/export        |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/fusion/needs               |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
PATCH  /api/fusion/needs/:id           |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/fusion/resources           |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/fusion/resources/export    |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/fusion/resources           |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
PATCH  /api/fusion/resources/:id       |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/fusion/board               |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/fusion/board/accept        |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/fusion/board/decline       |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/fusion/projects            |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/fusion/projects/export     |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/fusion/projects            |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/fusion/projects/:id        |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
PATCH  /api/fusion/projects/:id        |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
PUT    /api/fusion/projects/:id/team   |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/fusion/projects/:id/approve |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/fusion/projects/:id/start  |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/fusion/projects/:id/accept |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/fusion/projects/:id/terminate |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/fusion/projects/:id/milestones |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
PATCH  /api/fusion/milestones/:id      |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
DELETE /api/fusion/milestones/:id      |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/fusion/projects/:id/kpis   |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
PATCH  /api/fusion/kpis/:id            |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
DELETE /api/fusion/kpis/:id            |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/fusion/projects/:id/record-candidates |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/fusion/projects/:id/records |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
DELETE /api/fusion/projects/:id/records/:recordId |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/fusion/needs/template      |  .  |  .  |  .  |  A  |  A  |  A  |  A  |  A  |  A  |  .
GET    /api/fusion/resources/template  |  .  |  .  |  .  |  A  |  A  |  A  |  A  |  A  |  A  |  .
POST   /api/fusion/needs/import        |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/fusion/resources/import    |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/fusion/brands              |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/fusion/brands              |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/fusion/brands/:id          |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
PATCH  /api/fusion/brands/:id          |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/fusion/brands/:id/evidence |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
DELETE /api/fusion/brands/:id/evidence/:evidenceId |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/fusion/brands/:id/reviews  |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/fusion/brands/:id/document |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/fusion/projects/:id/document |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/fusion/cases               |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/fusion/showcase            |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/fusion/cases               |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/fusion/cases/:id           |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
PATCH  /api/fusion/cases/:id           |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/fusion/cases/:id/submit    |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/fusion/cases/:id/publish   |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/fusion/cases/:id/return    |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/fusion/cases/:id/select    |  .  |  .  |  .  |  S  |  .  |  .  |  .  |  .  |  .  |  .
GET    /api/fusion/orgs                |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/fusion/pairings            |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/fusion/pairings            |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/fusion/pairings/:id        |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
PATCH  /api/fusion/pairings/:id        |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/fusion/pairings/:id/end    |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/me/fusion                  | signed-in
GET    /api/assessment/measures        |  .  |  .  |  .  |  A  |  A  |  A  |  A  |  A  |  A  |  .
GET    /api/assessment/systems         |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/assessment/systems         |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/assessment/systems/:id     |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
PATCH  /api/assessment/systems/:id     |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/systems/:id/publish |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/systems/:id/derive |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/assessment/cycles          |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/assessment/cycles          |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/assessment/cycles/:id     |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/assessment/cycles/:id/compute |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/assessment/cycles/:id/results |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/assessment/cycles/:id/results/:subjectId |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/assessment/cycles/:id/results/:subjectId/indicators/:key |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
# Business KPIs (helper KPI, issue 12 point 2): read with the organ's assessments, kept at the organ's root.
GET    /api/assessment/kpis            |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/assessment/kpis            |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
PATCH  /api/assessment/kpis/:id        |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/assessment/kpi-values      |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/assessment/kpi-import/template |  .  |  .  |  .  |  A  |  A  |  A  |  A  |  A  |  A  |  .
POST   /api/assessment/kpi-import/preview |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/kpi-import      |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/assessment/kpi-mappings    |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/kpi-mappings    |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
DELETE /api/assessment/kpi-mappings/:id |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/assessment/kpi-tokens      |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/kpi-tokens      |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/kpi-tokens/:id/revoke |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/kpi-push        | token

# Quarterly bulletins (helper BULLETIN, issue 12 point 6): kept by whoever runs the organ's assessments at its root;
# a published one read and exported by the organ's readers, and through its share key by any account of the organ
# (members included), never by the three administrators.
GET    /api/assessment/bulletins       |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/assessment/bulletins       |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/assessment/bulletins/shared/:key |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  S
GET    /api/assessment/bulletins/:id   |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
PATCH  /api/assessment/bulletins/:id   |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/bulletins/:id/publish |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/bulletins/:id/share |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
DELETE /api/assessment/bulletins/:id/share |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/assessment/bulletins/:id/docx |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/assessment/bulletins/:id/xlsx |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .

# Rated indicators (helper RATING, issue 12 point 2): the round is kept by whoever runs the cycle at the organ's root;
# a rater's forms are the account's own, whoever it is (an invitation does not depend on a role).
GET    /api/assessment/cycles/:id/rating |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/cycles/:id/rating |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
PATCH  /api/assessment/rating-rounds/:id |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/rating-rounds/:id/open |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/rating-rounds/:id/close |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/assessment/rating-rounds/:id/candidates |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/rating-rounds/:id/raters |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/assessment/rating-rounds/:id/progress |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/rating-rounds/:id/remind |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/me/ratings                 | signed-in
GET    /api/me/ratings/:id             | signed-in
PUT    /api/me/ratings/:id             | signed-in
POST   /api/me/ratings/:id/submit      | signed-in
# A member's own results of member cycles (述评, ranked within their branch): any account, its own member only; one
# member's record for cadre selection, taken at the organ's top by those who read its assessments whole.
GET    /api/me/assessments             | signed-in
GET    /api/me/assessments/:id         | signed-in
GET    /api/assessment/members/:id/record.xlsx |  .  |  .  |  .  |  O  |  O  |  O  |  O  |  .  |  .  |  .

# Grades and calibration (helper RESULTS, issue 12 points 5 and 7): an organ's grade scales are read by whoever reads
# its assessments and set by whoever runs them at its root; calibrating a score in an open cycle is that officer's
# recorded decision; the appraisal export is the whole cycle, taken at the organ's root by those who read it whole
# (its committee, its Party group, its discipline inspectors) — a branch reads its own row on the results page.
GET    /api/assessment/grade-scales    |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
PUT    /api/assessment/grade-scales    |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
PUT    /api/assessment/cycles/:id/calibrations/:subjectId |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
DELETE /api/assessment/cycles/:id/calibrations/:subjectId |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
GET    /api/assessment/cycles/:id/appraisal.xlsx |  .  |  .  |  .  |  O  |  O  |  O  |  O  |  .  |  .  |  .

# Follow-ups below a cycle's rule (helper RECTIFY, issue 12 point 7): the rule, who falls below it, opening the
# 限期整改 items and closing the cycle are decisions of whoever runs the organ's assessments at its root, like the
# cycle itself. The Party group, the inspectors and the branches see each item's state on the results rows they read,
# and the branch works its item in its own duties.
GET    /api/assessment/cycles/:id/follow-ups |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
PUT    /api/assessment/cycles/:id/follow-up-rule |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/cycles/:id/follow-ups |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .
POST   /api/assessment/cycles/:id/close |  .  |  .  |  .  |  O  |  O  |  .  |  .  |  .  |  .  |  .

# Members' 述评 dossiers (helper DOSSIER, issue 12 point 4): a branch's dossiers are read by whoever reads that
# branch's assessment — the committees above, the Party group, the inspectors, the branch's secretary and committee;
# the 评语, grade and signature are written by whoever keeps the branch's members' records — its secretary, or the
# organ or work committee standing in — not by readers or a committee member. The member reads their own once signed
# and may add a short statement to their own draft.
GET    /api/assessment/reviews         |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
POST   /api/assessment/reviews/assemble |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/assessment/reviews/xlsx    |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/assessment/reviews/:id     |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
PATCH  /api/assessment/reviews/:id     |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/assessment/reviews/:id/submit |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/assessment/reviews/:id/sign |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
POST   /api/assessment/reviews/:id/show |  .  |  .  |  .  |  S  |  S  |  .  |  .  |  S  |  .  |  .
GET    /api/assessment/reviews/:id/docx |  .  |  .  |  .  |  S  |  S  |  S  |  S  |  S  |  S  |  .
GET    /api/me/reviews                 | signed-in
GET    /api/me/reviews/:id             | signed-in
PUT    /api/me/reviews/:id/statement   | signed-in
`;

// WHO SEES FULL 身份证号 AND PHONE NUMBERS. Lists, details, exports and write answers show them masked (ADR 14); a
// full number comes only through the audited reveal of one member (an export with ?full=1 is tested in
// member.masking.int.test.ts, since this table has one line per route). Same columns; in each cell I = the full 身份证号, P = the full phone number
// (IP both), of the members within the role's subtree: they may appear, and on the reading routes for the caller's
// own branch they must; . = never in full. A route that is not listed here never shows a full number to anyone: the
// matrix searches every answer (JSON, and every cell of a downloaded workbook) for the full numbers of every member
// it created.
const FULL_NUMBERS_GRID = `
route                                  | sys | sec | aud | wco | oco | lgm | sup | bs  | bcm | mem
POST   /api/members/:id/reveal         |  .  |  .  |  .  | IP  | IP  |  .  |  .  |  P  |  .  |  .
`;

export type Grant = 'S' | 'O' | 'A';
export type Row =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'token' }
  | { kind: 'roles'; grants: Partial<Record<Role, Grant>> };
export type Numbers = { idNumber: boolean; phone: boolean };

/** Lines of a grid: route → the whole-route rule, or each role's cell as read by `cell` (null for "."). */
function parseGrid<T>(
  text: string,
  cell: (value: string) => T | null,
): Map<string, { whole: 'public' | 'signed-in' | 'token' } | { cells: Partial<Record<Role, T>> }> {
  // Lines starting with '#' are comments naming a block of routes.
  const [header, ...body] = text.split('\n').filter((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  const roles = (header ?? '')
    .split('|')
    .slice(1)
    .map((c) => {
      const role = (ROLE_COLUMNS as Record<string, Role>)[c.trim()];
      if (!role) throw new Error(`authorization table: unknown role column "${c.trim()}"`);
      return role;
    });
  const rows = new Map<
    string,
    { whole: 'public' | 'signed-in' | 'token' } | { cells: Partial<Record<Role, T>> }
  >();
  for (const line of body) {
    const [routeCell, ...values] = line.split('|').map((c) => c.trim());
    const route = (routeCell ?? '').replace(/\s+/, ' ');
    if (rows.has(route)) throw new Error(`authorization table: ${route} appears twice`);
    if (
      values.length === 1 &&
      (values[0] === 'public' || values[0] === 'signed-in' || values[0] === 'token')
    ) {
      rows.set(route, { whole: values[0] });
      continue;
    }
    if (values.length !== roles.length)
      throw new Error(`authorization table: ${route} has ${values.length} cells`);
    const cells: Partial<Record<Role, T>> = {};
    values.forEach((value, i) => {
      const role = roles[i] as Role;
      const read = value === '.' ? null : cell(value);
      if (read === undefined) throw new Error(`authorization table: ${route}: "${value}" for ${role}`);
      if (read !== null) cells[role] = read;
    });
    rows.set(route, { cells });
  }
  return rows;
}

const GRANTS: Record<string, Grant> = { S: 'S', O: 'O', A: 'A' };
const NUMBERS: Record<string, Numbers> = {
  I: { idNumber: true, phone: false },
  P: { idNumber: false, phone: true },
  IP: { idNumber: true, phone: true },
};

export const AUTHORIZATION_TABLE: ReadonlyMap<string, Row> = new Map(
  [...parseGrid(GRID, (v) => GRANTS[v])].map(([route, row]): [string, Row] => [
    route,
    'whole' in row ? { kind: row.whole } : { kind: 'roles', grants: row.cells },
  ]),
);

/** Route → role → which full numbers of the members in its subtree it is shown. */
export const FULL_NUMBERS: ReadonlyMap<string, Partial<Record<Role, Numbers>>> = new Map(
  [...parseGrid(FULL_NUMBERS_GRID, (v) => NUMBERS[v])].map(([route, row]) => {
    if ('whole' in row) throw new Error(`full numbers table: ${route} must list roles`);
    return [route, row.cells];
  }),
);
