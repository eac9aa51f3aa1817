import type { ReactNode } from 'react';
import type { BranchRecordKind, Grade } from '#contracts/branch';
import { GRADE_LABELS } from '#contracts/branch';
import { DEVELOPMENT_STAGE_LABELS } from '#contracts/branch-development';
import { yuan } from '#contracts/branch-dues';
import type { BranchLedger, LedgerRecord } from '#contracts/branch-files';
import { useLabel, useT } from '../../i18n/i18n.tsx';
import type { MessageKey } from '../../i18n/zh-cn.ts';
import { KIND_LABEL } from './records-labels.ts';

// The 支部工作记录 as a page to read and print: the same sections and wording as the Word document
// (server/src/modules/branch/branch.ledger-docx.ts), from the same answer. Plain tables, so that print keeps them.

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十', '十一', '十二', '十三'];
const GRADES: Grade[] = ['excellent', 'qualified', 'basically_qualified', 'unqualified'];
const MEETINGS: { kind: BranchRecordKind; host: MessageKey; topic: MessageKey; held: MessageKey }[] = [
  { kind: 'general_meeting', host: 'ledger.f.host', topic: 'ledger.f.topic', held: 'ledger.held' },
  { kind: 'committee_meeting', host: 'ledger.f.host', topic: 'ledger.f.topic', held: 'ledger.held' },
  { kind: 'cell_meeting', host: 'ledger.f.host', topic: 'ledger.f.topic', held: 'ledger.held' },
  { kind: 'party_lecture', host: 'ledger.f.lecturer', topic: 'ledger.f.lectureTopic', held: 'ledger.given' },
  { kind: 'theme_day', host: 'ledger.f.host', topic: 'ledger.f.themeTopic', held: 'ledger.done' },
  { kind: 'org_life_meeting', host: 'ledger.f.host', topic: 'ledger.f.topic', held: 'ledger.held' },
];
const PARTS: { key: 'theory' | 'bulletin' | 'exchange' | 'microLecture'; label: MessageKey }[] = [
  { key: 'theory', label: 'record.part.theory' },
  { key: 'bulletin', label: 'record.part.bulletin' },
  { key: 'exchange', label: 'record.part.exchange' },
  { key: 'microLecture', label: 'record.part.microLecture' },
];

function Table({ head, rows }: { head: string[]; rows: ReactNode[][] }) {
  return (
    <table className="ledger-table">
      <thead>
        <tr>
          {head.map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((cells, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows of a printed table, never reordered
          <tr key={i}>
            {cells.map((c, k) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: cells of a printed row
              <td key={k}>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Card({ lines }: { lines: [string, ReactNode][] }) {
  return (
    <table className="ledger-table ledger-card">
      <tbody>
        {lines.map(([label, value]) => (
          <tr key={label}>
            <th>{label}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function LedgerDocument({ ledger }: { ledger: BranchLedger }) {
  const t = useT();
  const label = useLabel();
  let n = 0;
  const heading = (title: string) => <h2>{t('ledger.section', { n: NUMERALS[n++] ?? String(n), title })}</h2>;
  const none = t('ledger.nobody');
  const orNone = (v: string | null | undefined) => (v?.trim() ? v : none);
  const list = (names: readonly string[]) => (names.length ? names.join('、') : none);
  const attendance = (r: LedgerRecord) =>
    t('ledger.attendance', { expected: r.expected, present: r.present }) +
    (r.guests > 0 ? t('ledger.guests', { n: r.guests }) : '');
  const excused = (r: LedgerRecord) =>
    list(r.excused.map((e) => (e.reason ? `${e.name}（${e.reason}）` : e.name)));
  const of = (kind: BranchRecordKind) => ledger.records.filter((r) => r.kind === kind);
  const b = ledger.basics;
  const d = ledger.dues;
  const moves = [
    ...b.joined.map((m) => ({ ...m, what: t('ledger.in', { how: m.how }) })),
    ...b.left.map((m) => ({ ...m, what: t('ledger.out', { how: m.how }) })),
  ].sort((x, y) => x.on.localeCompare(y.on));

  return (
    <article className="ledger-sheet" data-testid="ledger-sheet">
      <h1>{t('ledger.title')}</h1>
      <p className="ledger-centre">{t('ledger.yearOf', { year: ledger.year })}</p>
      <p>
        <b>{t('ledger.org')}：</b>
        {ledger.partyOrgName}
      </p>
      <p>
        <b>{t('ledger.recordYear')}：</b>
        {t('ledger.yearValue', { year: ledger.year })}
      </p>

      <section data-testid="ledger-basics">
        {heading(t('ledger.section.basics'))}
        <p>
          <b>{t('ledger.org')}：</b>
          {ledger.partyOrgName}（{b.partyOrgKind}）
        </p>
        {b.parentName && (
          <p>
            <b>{t('ledger.parent')}：</b>
            {b.parentName}
          </p>
        )}
        <p>
          <b>{t('ledger.secretary')}：</b>
          {list(b.secretaries)}
          {b.deputySecretaries.length > 0 && (
            <>
              　<b>{t('ledger.deputy')}：</b>
              {list(b.deputySecretaries)}
            </>
          )}
          　<b>{t('ledger.committee')}：</b>
          {list(b.committeeMembers)}
        </p>
        <p className="ledger-prose">
          {t('ledger.rosterSummary', {
            start: b.startOn,
            startCount: b.startCount,
            end: b.endOn,
            endCount: b.endCount,
            joined: b.joined.length,
            left: b.left.length,
          })}
        </p>
        <h3>{t('ledger.roster', { date: b.endOn })}</h3>
        <Table
          head={[t('ledger.col.seq'), t('ledger.col.name'), t('ledger.col.post'), t('ledger.col.org')]}
          rows={b.members.map((m, i) => [i + 1, m.name, m.partyPost ?? '', m.partyOrgName])}
        />
        {moves.length > 0 && (
          <>
            <h3>{t('ledger.moves')}</h3>
            <Table
              head={[t('ledger.col.date'), t('ledger.col.name'), t('ledger.col.org'), t('ledger.col.what')]}
              rows={moves.map((m) => [m.on, m.name, m.partyOrgName, m.what])}
            />
          </>
        )}
      </section>

      {MEETINGS.map(({ kind, host, topic, held }) => {
        const rows = of(kind);
        const kindName = t(KIND_LABEL[kind]);
        return (
          <section key={kind} data-testid={`ledger-${kind}`}>
            {heading(kindName)}
            <p className="ledger-prose">
              {rows.length
                ? t(held, { kind: kindName, n: rows.length })
                : t('ledger.noneOf', { kind: kindName })}
            </p>
            {rows.map((r, i) => (
              <div key={r.id}>
                <h3>
                  （{i + 1}）{r.heldOn}　{r.topic}
                </h3>
                <Card
                  lines={[
                    [t('ledger.f.time'), r.heldOn],
                    ...(r.partyOrgName !== ledger.partyOrgName
                      ? ([[t('ledger.f.org'), r.partyOrgName]] as [string, string][])
                      : []),
                    [t('ledger.f.place'), orNone(r.place)],
                    [t(host), orNone(r.hostName)],
                    [t('ledger.f.recorder'), orNone(r.recorderName)],
                    [t(topic), r.topic],
                    [t('ledger.f.attendance'), attendance(r)],
                    [t('ledger.f.excused'), excused(r)],
                    [t('ledger.f.absent'), list(r.absent)],
                    ...(r.parts
                      ? PARTS.map((p): [string, string] => [t(p.label), orNone(r.parts?.[p.key])])
                      : []),
                    [
                      t('ledger.f.resolutions'),
                      <span key="resolutions" className="ledger-pre">
                        {orNone(r.resolutions)}
                      </span>,
                    ],
                  ]}
                />
              </div>
            ))}
          </section>
        );
      })}

      <section data-testid="ledger-appraisal">
        {heading(t('ledger.section.appraisal'))}
        <p className="ledger-prose">
          {of('member_appraisal').length
            ? t('ledger.appraisals', { n: of('member_appraisal').length })
            : t('ledger.appraisalsNone')}
        </p>
        {of('member_appraisal').map((r, i) => {
          const counts = GRADES.map((g) =>
            t('ledger.gradeCount', { grade: label(GRADE_LABELS[g]), n: r.gradeCounts?.[g] ?? 0 }),
          ).join('，');
          return (
            <div key={r.id}>
              <h3>
                （{i + 1}）{r.heldOn}　{r.topic}
              </h3>
              <Card
                lines={[
                  [t('ledger.f.time'), r.heldOn],
                  [t('ledger.f.place'), orNone(r.place)],
                  [t('ledger.f.host'), orNone(r.hostName)],
                  [t('ledger.f.attendance'), attendance(r)],
                  [t('ledger.f.result'), t('ledger.gradeSummary', { n: r.grades.length, counts })],
                ]}
              />
              <Table
                head={[
                  t('ledger.col.seq'),
                  t('ledger.col.name'),
                  t('ledger.col.grade'),
                  t('ledger.col.note'),
                ]}
                rows={r.grades.map((g, k) => [k + 1, g.name, label(GRADE_LABELS[g.grade]), g.note ?? ''])}
              />
            </div>
          );
        })}
      </section>

      <section data-testid="ledger-talk">
        {heading(t('ledger.section.talk'))}
        <p className="ledger-prose">{t('ledger.talks', { n: ledger.talks.length })}</p>
        {ledger.talks.length > 0 && (
          <Table
            head={[
              t('ledger.col.seq'),
              t('ledger.col.date'),
              t('ledger.col.talker'),
              t('ledger.col.talkedTo'),
            ]}
            rows={ledger.talks.map((x, i) => [i + 1, x.heldOn, x.hostName ?? '', list(x.participants)])}
          />
        )}
      </section>

      <section data-testid="ledger-study">
        {heading(t('ledger.section.study'))}
        <p className="ledger-prose">
          {of('study').length ? t('ledger.studies', { n: of('study').length }) : t('ledger.studiesNone')}
        </p>
        {of('study').map((r, i) => (
          <div key={r.id}>
            <h3>
              （{i + 1}）{r.heldOn}　{r.topic}
            </h3>
            <Card
              lines={[
                [t('ledger.f.time'), r.heldOn],
                [t('ledger.f.attendance'), attendance(r)],
                [t('ledger.f.studied'), orNone(r.studied)],
                [t('ledger.f.appliedTo'), orNone(r.appliedTo)],
                [t('ledger.f.outcome'), orNone(r.outcome)],
              ]}
            />
          </div>
        ))}
      </section>

      <section data-testid="ledger-away">
        {heading(t('ledger.section.away'))}
        <p className="ledger-prose">
          {ledger.away.length ? t('ledger.away', { n: ledger.away.length }) : t('ledger.awayNone')}
        </p>
        {ledger.away.length > 0 && (
          <Table
            head={[
              t('ledger.col.seq'),
              t('ledger.col.date'),
              t('ledger.col.temporaryOrg'),
              t('ledger.col.activity'),
              t('ledger.col.ourMembers'),
            ]}
            rows={ledger.away.map((x, i) => [
              i + 1,
              x.heldOn,
              x.partyOrgName,
              x.topic ? `${t(KIND_LABEL[x.kind])}：${x.topic}` : t(KIND_LABEL[x.kind]),
              list(x.members),
            ])}
          />
        )}
      </section>

      <section data-testid="ledger-dues">
        {heading(t('ledger.section.dues'))}
        <p className="ledger-prose">
          {t('ledger.dues', {
            month: d.currentMonth,
            members: d.totals.members,
            due: d.totals.dueMonths,
            paid: d.totals.paidMonths,
            arrearsMembers: d.totals.arrearsMembers,
            arrearsMonths: d.totals.arrearsMonths,
          })}
          {d.showsAmounts
            ? t('ledger.duesMoney', {
                due: yuan(d.totals.dueFen ?? 0),
                paid: yuan(d.totals.paidFen ?? 0),
                arrears: yuan(d.totals.arrearsFen ?? 0),
              })
            : t('ledger.duesHidden')}
        </p>
        {d.members.length > 0 && (
          <Table
            head={[
              t('ledger.col.seq'),
              t('ledger.col.name'),
              t('ledger.col.org'),
              t('ledger.col.dueMonths'),
              t('ledger.col.paidMonths'),
              t('ledger.col.arrearsMonths'),
              ...(d.showsAmounts ? [t('ledger.col.due'), t('ledger.col.paid')] : []),
            ]}
            rows={d.members.map((m, i) => [
              i + 1,
              m.name,
              m.partyOrgName,
              m.dueMonths,
              m.paidMonths,
              m.arrearsMonths,
              ...(d.showsAmounts ? [yuan(m.dueFen ?? 0), yuan(m.paidFen ?? 0)] : []),
            ])}
          />
        )}
      </section>

      <section data-testid="ledger-development">
        {heading(t('ledger.section.development'))}
        <p className="ledger-prose">
          {ledger.development.length
            ? t('ledger.development', { n: ledger.development.length })
            : t('ledger.developmentNone')}
        </p>
        {ledger.development.length > 0 && (
          <Table
            head={[
              t('ledger.col.seq'),
              t('ledger.col.name'),
              t('ledger.col.steps'),
              t('ledger.col.stage'),
              t('ledger.col.introducers'),
            ]}
            rows={ledger.development.map((p, i) => [
              i + 1,
              p.name,
              <span key="steps" className="ledger-pre">
                {p.steps.map((s) => `${s.on} ${label(DEVELOPMENT_STAGE_LABELS[s.stage])}`).join('\n')}
              </span>,
              label(DEVELOPMENT_STAGE_LABELS[p.stage]),
              list(p.introducers),
            ])}
          />
        )}
      </section>
      <p className="ledger-centre ledger-small">{t('ledger.generated', { date: ledger.generatedOn })}</p>
    </article>
  );
}
