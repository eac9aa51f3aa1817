// A standing branch's records of the year, kind by kind (pure, seeded through the branch's scene): 主题党日 on the
// organ's day each month, 支委会 monthly, 党员大会, 党课 and 学用融 study each quarter, talks each half-year, and the
// 组织生活会 with the 民主评议党员 early in the year (for the year before). Periods the profile says were missed or
// exempted have none; what falls today or later is planned when it is near, as branches plan ahead.
import type { BranchRecordKind, Grade } from '#contracts/branch';
import type { MemberImportRow } from '#contracts/member';
import type { PeriodSpan } from '../responsibility/index.ts';
import {
  attendance,
  type Draft,
  dayOfMonth,
  draft,
  figures,
  fill,
  fromPlan,
  presentCount,
  rosterOn,
  type Scene,
  speakers,
  workdayForward,
  workdayNear,
} from './demo.branch-draft.ts';
import { type BranchProfile, spansOf } from './demo.branch-profile.ts';
import {
  BASICALLY_QUALIFIED_NOTES,
  BULLETINS,
  COMMITTEE_AGENDAS,
  COMMITTEE_OPENINGS,
  GENERAL_MEETINGS,
  LECTURES,
  MICRO_LECTURES,
  TALK_PLACES,
  THEME_CLOSINGS,
  THEME_DAYS,
} from './demo.branch-texts.ts';
import {
  APPRAISAL,
  LECTURE_CONTENT,
  ORG_LIFE,
  STUDIES,
  STUDY_CONTENT,
  TALK_CONTENTS,
  TALK_TOPICS,
} from './demo.branch-texts-work.ts';
import { addDays } from './demo.random.ts';

/** How far ahead a branch has planned its next meetings. */
const PLANNED_AHEAD = 40;

const skipped = (p: BranchProfile, kind: BranchRecordKind, key: string) =>
  !!p.missed.get(kind)?.has(key) || (p.exemption?.kind === kind && p.exemption.period.key === key);

/** Held (before today), or planned when near and the branch plans ahead; null when neither. */
function when(scene: Scene, p: BranchProfile, day: string): string | null {
  if (day < scene.today) return day;
  return p.habit !== 'lagging' && day <= addDays(scene.today, PLANNED_AHEAD) ? day : null;
}

const between = (scene: Scene, from: string, to: string) =>
  workdayNear(from < to ? scene.r.dateBetween(from, to) : from);

export function themeDay(scene: Scene, p: BranchProfile, month: string): Draft | null {
  const { r } = scene;
  const moved = r.chance(p.habit === 'regular' ? 0.03 : 0.2);
  const day = when(
    scene,
    p,
    moved ? workdayNear(dayOfMonth(month, r.int(12, 26))) : workdayForward(dayOfMonth(month, scene.themeDay)),
  );
  if (!day) return null;
  const text = THEME_DAYS[Number(month.slice(5, 7)) - 1] ?? THEME_DAYS[0];
  if (!text) return null;
  const host = scene.secretaryOn(day);
  const people = rosterOn(scene, day);
  const held = day < scene.today;
  const attendees = held
    ? attendance(scene, people, [host, scene.recorder], p.habit === 'lagging' ? 0.1 : 0.06)
    : [];
  const f = figures(r);
  const bulletin = r
    .shuffle(BULLETINS)
    .slice(0, r.int(1, 2))
    .map((b) => fill(b, f))
    .join('；');
  const said = speakers(scene, attendees, people, r.int(2, 3));
  const lecturer = r.pick(people.length ? people : [host]);
  const full = p.habit !== 'lagging' || r.chance(0.5);
  const d = draft(scene, 'theme_day', day, {
    topic: fill(text.theme, { n: Number(month.slice(0, 4)) - 1921 }),
    hostMemberId: scene.ids.member(host),
    attendees,
    place: text.outing && r.chance(0.4) ? text.outing : scene.room,
    parts: held
      ? {
          theory: text.theory,
          bulletin: `通报${Number(month.slice(5, 7))}月份科室工作：${bulletin}`,
          ...(full
            ? {
                exchange: `围绕本月主题，${said.join('、')}等${said.length}名党员结合岗位工作交流发言`,
                microLecture: `${lecturer.name}同志讲微党课《${r.pick(MICRO_LECTURES)}》`,
              }
            : {}),
        }
      : null,
    content: held
      ? `活动由${host.name}主持，应到${people.length}人，实到${presentCount(attendees)}人。按“五个一”程序开展。${r.pick(THEME_CLOSINGS)}`
      : null,
  });
  return held && r.chance(p.habit === 'regular' ? 0.5 : 0.2) ? fromPlan(scene, d) : d;
}

export function committeeMeeting(scene: Scene, month: string): Draft | null {
  const { r } = scene;
  const day = workdayNear(dayOfMonth(month, r.int(5, 22)));
  if (day >= scene.today) return null;
  const host = scene.secretaryOn(day);
  const people = scene.committee.filter((m) => (m.joinedOn ?? '') <= day);
  const attendees = attendance(scene, people, [host, scene.recorder], 0.05);
  const agenda = COMMITTEE_AGENDAS[Number(month.slice(5, 7)) - 1] ?? COMMITTEE_AGENDAS[0];
  if (!agenda) return null;
  return draft(scene, 'committee_meeting', day, {
    topic: agenda.topic,
    hostMemberId: scene.ids.member(host),
    attendees,
    content: `支委会由${host.name}主持，应到${people.length}人，实到${presentCount(attendees)}人。${r.pick(COMMITTEE_OPENINGS)}研究了“${agenda.topic}”。`,
    resolutions: agenda.resolutions,
  });
}

function quarterly(
  scene: Scene,
  p: BranchProfile,
  kind: BranchRecordKind,
  q: PeriodSpan,
  guests: readonly MemberImportRow[],
) {
  const { r, ids } = scene;
  const index = Number(q.key.slice(-1)) - 1;
  const secondHalfOfJune = kind === 'party_lecture' && index === 1;
  const day = when(
    scene,
    p,
    secondHalfOfJune
      ? between(scene, q.dueOn.replace(/-\d\d$/, '-15'), addDays(q.dueOn, -2))
      : between(scene, addDays(q.startsOn, 20), addDays(q.dueOn, -3)),
  );
  if (!day) return null;
  const held = day < scene.today;
  const secretary = scene.secretaryOn(day);
  const people = rosterOn(scene, day);
  // 七一 is the secretary's lecture; otherwise a committee member, or a 党组 member visiting the branch, may give it.
  const x = r.next();
  const host =
    kind !== 'party_lecture' || secondHalfOfJune || x < 0.5
      ? secretary
      : x < 0.8 || guests.length === 0
        ? (scene.committee.find((m) => m !== secretary) ?? secretary)
        : r.pick(guests);
  const attendees = held ? attendance(scene, people, [secretary, scene.recorder]) : [];
  const base = { hostMemberId: ids.member(host), attendees };
  let d: Draft;
  if (kind === 'general_meeting') {
    const m = GENERAL_MEETINGS[index] ?? GENERAL_MEETINGS[0];
    if (!m) return null;
    const away = people.length - presentCount(attendees);
    d = draft(scene, kind, day, {
      ...base,
      topic: m.topic,
      content: held
        ? `会议由${host.name}主持，应到${people.length}人，实到${presentCount(attendees)}人${away ? `，${away}人请假或缺席` : ''}，到会人数符合规定。会议${m.topic}。`
        : null,
      resolutions: held ? m.resolutions : null,
    });
  } else if (kind === 'party_lecture') {
    const title = r.pick(LECTURES);
    d = draft(scene, kind, day, {
      ...base,
      topic: host === secretary ? `书记讲党课：${title}` : `党课：${title}`,
      content: held
        ? fill(LECTURE_CONTENT, {
            host: host.name,
            title,
            work: scene.work,
            n: presentCount(attendees),
            k: r.int(2, 4),
          })
        : null,
    });
  } else {
    const s = STUDIES[(scene.roster.length + index * 5) % STUDIES.length] ?? STUDIES[0];
    if (!s) return null;
    const f = figures(r);
    d = draft(scene, kind, day, {
      ...base,
      topic: s.topic,
      studied: s.studied,
      appliedTo: s.appliedTo,
      outcome: held ? fill(s.outcome, f) : null,
      content: held ? fill(STUDY_CONTENT, { host: host.name }) : null,
    });
  }
  return held && kind !== 'study' && r.chance(p.habit === 'regular' ? 0.6 : 0.3) ? fromPlan(scene, d) : d;
}

function talks(scene: Scene, p: BranchProfile, half: PeriodSpan): Draft[] {
  const { r, ids } = scene;
  const n = p.habit === 'regular' ? r.int(3, 5) : p.habit === 'slipping' ? r.int(2, 4) : r.int(1, 2);
  // Spread over the half-year, not in the New Year holiday, not at a weekend; those still ahead are not held yet.
  const first = half.startsOn.endsWith('-01-01') ? addDays(half.startsOn, 4) : half.startsOn;
  const days = Array.from({ length: n }, () => {
    const drawn = r.dateBetween(first, half.dueOn);
    const near = workdayNear(drawn);
    return near < first ? drawn : near;
  }).filter((d) => d < scene.today);
  const talkedTo = new Set<string>();
  const out: Draft[] = [];
  for (const day of days) {
    const secretary = scene.secretaryOn(day);
    const host = r.chance(0.8) ? secretary : (scene.committee.find((m) => m !== secretary) ?? secretary);
    const candidates = rosterOn(scene, day).filter((m) => m !== host && !talkedTo.has(m.idNumber));
    if (candidates.length === 0) break;
    const member = r.pick(candidates);
    talkedTo.add(member.idNumber);
    out.push(
      draft(scene, 'talk', day, {
        topic: r.pick(TALK_TOPICS),
        hostMemberId: ids.member(host),
        attendees: [{ memberId: ids.member(member), attendance: 'present', reason: null }],
        place: r.pick(TALK_PLACES),
        content: fill(r.pick(TALK_CONTENTS), { name: member.name }),
        enteredBy: host,
      }),
    );
  }
  return out;
}

/** The 组织生活会 and the 民主评议党员 of last year, held early this year (or still to come when the branch is late). */
function yearEnd(scene: Scene, p: BranchProfile, year: number): Draft[] {
  const { r, ids } = scene;
  const planned = addDays(scene.today, r.int(7, PLANNED_AHEAD));
  const onTime = between(scene, `${year}-01-10`, `${year}-02-27`);
  const day = p.yearlyLate
    ? planned <= `${year}-12-31` && p.habit !== 'lagging'
      ? planned
      : null
    : when(scene, p, onTime);
  if (!day) return [];
  const held = day < scene.today;
  const host = scene.secretaryOn(day);
  const people = rosterOn(scene, day);
  const attendees = held ? attendance(scene, people, [host, scene.recorder]) : [];
  const k = r.int(5, 12);
  const vars = { y: year - 1, host: host.name, k };
  const life = draft(scene, 'org_life_meeting', day, {
    topic: fill(ORG_LIFE.topic, vars),
    hostMemberId: ids.member(host),
    attendees,
    content: held ? fill(ORG_LIFE.content, vars) : null,
    resolutions: held ? fill(ORG_LIFE.resolutions, vars) : null,
  });
  const appraisalDay = held
    ? ([addDays(day, r.int(0, 2)), addDays(scene.today, -1)].sort()[0] as string)
    : day;
  const grades = held
    ? people.map((m) => {
        const x = r.next();
        const grade: Grade = x < 0.18 ? 'excellent' : x < 0.2 ? 'basically_qualified' : 'qualified';
        return {
          memberId: ids.member(m),
          grade,
          note: grade === 'basically_qualified' ? r.pick(BASICALLY_QUALIFIED_NOTES) : null,
        };
      })
    : [];
  const count = (g: Grade) => grades.filter((x) => x.grade === g).length;
  const basically = count('basically_qualified');
  const appraisal = draft(scene, 'member_appraisal', appraisalDay, {
    topic: fill(APPRAISAL.topic, vars),
    hostMemberId: ids.member(host),
    attendees: held ? attendance(scene, people, [host, scene.recorder]) : [],
    grades,
    content: held
      ? fill(APPRAISAL.content, {
          e: count('excellent'),
          q: count('qualified'),
          b: basically ? `、基本合格${basically}名` : '',
        })
      : null,
  });
  return held ? [fromPlan(scene, life), appraisal] : [life, appraisal];
}

/** The branch's records of the year up to today, and its plans for the weeks ahead. */
export function branchYear(scene: Scene, p: BranchProfile, guests: readonly MemberImportRow[]): Draft[] {
  const year = Number(scene.today.slice(0, 4));
  const out: (Draft | null)[] = [];
  const months = spansOf('monthly', scene.today).map((s) => s.key);
  const next = addDays(`${months[months.length - 1]}-28`, 7).slice(0, 7);
  for (const month of [...months, next]) {
    if (!skipped(p, 'theme_day', month)) out.push(themeDay(scene, p, month));
    if (months.includes(month) && !skipped(p, 'committee_meeting', month))
      out.push(committeeMeeting(scene, month));
  }
  for (const q of spansOf('quarterly', scene.today))
    for (const kind of ['general_meeting', 'party_lecture', 'study'] as const)
      if (!skipped(p, kind, q.key)) out.push(quarterly(scene, p, kind, q, guests));
  for (const half of spansOf('half_yearly', scene.today))
    if (!skipped(p, 'talk', half.key)) out.push(...talks(scene, p, half));
  out.push(...yearEnd(scene, p, year));
  return out.filter((d): d is Draft => d !== null);
}
