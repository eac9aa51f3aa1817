// The demo organ's temporary Party organisations (临时党支部 of field teams, already in the generated tree: some
// ended and closed, some running) with their members and their own records (pure, seeded). Members are drawn from the
// standing branches of the same office, for the organisation's dates, and keep their home membership; the
// organisation holds a founding meeting, a 主题党日 each month on the organ's day, and a 学用融 study every other month,
// from its first day to its last (or to yesterday), its records kept after it closed.
import type { MemberImportRow } from '#contracts/member';
import type { PlanRecord, PlanTemporaryMember } from '../branch/index.ts';
import {
  attendance,
  type DemoBranchInput,
  type Draft,
  dayOfMonth,
  draft,
  figures,
  fill,
  finish,
  presentCount,
  type Scene,
  workdayForward,
  workdayNear,
} from './demo.branch-draft.ts';
import { THEME_DAYS } from './demo.branch-texts.ts';
import { FIELD_TEXTS } from './demo.branch-texts-work.ts';
import type { DemoOrgan } from './demo.generator.ts';
import { addDays, DemoRandom } from './demo.random.ts';
import type { DemoCast } from './demo.responsibility-cast.ts';

const TEMPORARY_STREAM = 0x7ff9_0000;
const LEADING = /处长|科长|主任|局长/;

function drawn(organ: DemoOrgan, cast: DemoCast, parentCode: string, start: string, r: DemoRandom) {
  const homes = cast.branches.filter((b) => b.code.startsWith(`${parentCode}-`));
  const codes = new Set((homes.length ? homes : cast.branches).map((b) => b.code));
  const chiefs = new Set(cast.chiefs.map((c) => c.idNumber));
  const pool = organ.members.filter(
    (m) =>
      codes.has(m.partyOrgCode) &&
      (m.joinedOn ?? '') <= start &&
      m.partyPost !== 'secretary' &&
      !chiefs.has(m.idNumber) &&
      m.idNumber !== cast.leaver?.member.idNumber,
  );
  const team = r.shuffle(pool).slice(0, r.int(6, 9));
  // The team leader (a head of section or division, when one was drawn) leads its branch.
  const leader = team.find((m) => LEADING.test(m.businessPost ?? '')) ?? team[0];
  return leader ? [leader, ...team.filter((m) => m !== leader)] : [];
}

export function temporaryOrganisations(
  organ: DemoOrgan,
  cast: DemoCast,
  input: DemoBranchInput & { themeDay: number },
): { records: PlanRecord[]; members: PlanTemporaryMember[] } {
  const records: PlanRecord[] = [];
  const members: PlanTemporaryMember[] = [];
  organ.orgs
    .filter((o) => o.isTemporary && o.tempStartOn && o.parentCode)
    .forEach((org, ti) => {
      const r = new DemoRandom(input.seed, TEMPORARY_STREAM + ti);
      const start = org.tempStartOn as string;
      const end = org.tempEndOn;
      const team = drawn(organ, cast, org.parentCode as string, start, r);
      const [leader, recorder] = team;
      if (!leader || !recorder || start > input.today) return;
      const orgId = input.ids.org(org.code);
      for (const m of team)
        members.push({ partyOrgId: orgId, memberId: input.ids.member(m), fromOn: start, toOn: end });
      const scene: Scene = {
        orgId,
        work: org.name.replace(/临时党支部$/, ''),
        roster: team,
        secretaryOn: () => leader,
        committee: [leader, recorder],
        recorder,
        room: '任务驻地临时会议室',
        r,
        today: input.today,
        themeDay: input.themeDay,
        ids: input.ids,
      };
      const last = [end ?? input.today, addDays(input.today, -1)].sort()[0] as string;
      records.push(
        ...finish(fieldYear(scene, team, start, last), {
          ...scene,
          // Nobody holds a Party post in a temporary organisation: the form offers no host.
          hostOn: () => null,
        }),
      );
    });
  return { records, members };
}

function fieldYear(scene: Scene, team: readonly MemberImportRow[], start: string, last: string): Draft[] {
  const { r, ids } = scene;
  const leader = team[0] as MemberImportRow;
  const out: Draft[] = [];
  const meeting = (kind: 'general_meeting' | 'theme_day' | 'study', day: string, fields: Partial<Draft>) => {
    const attendees = attendance(scene, team, [leader, scene.recorder], 0.04);
    out.push(
      draft(scene, kind, day, {
        topic: '',
        hostMemberId: ids.member(leader),
        attendees,
        ...fields,
        content:
          fields.content ?? `${leader.name}主持，应到${team.length}人，实到${presentCount(attendees)}人。`,
      }),
    );
  };
  const founded = workdayNear(addDays(start, r.int(0, 3)));
  if (founded <= last)
    meeting('general_meeting', founded, {
      topic: FIELD_TEXTS.founding.topic,
      content: FIELD_TEXTS.founding.content,
      resolutions: FIELD_TEXTS.founding.resolutions,
    });
  let month = start.slice(0, 7);
  for (let i = 0; `${month}-01` <= last; i++, month = addDays(`${month}-28`, 7).slice(0, 7)) {
    const day = workdayForward(dayOfMonth(month, scene.themeDay));
    if (day > founded && day <= last) {
      const text = THEME_DAYS[Number(month.slice(5, 7)) - 1];
      meeting('theme_day', day, {
        topic: FIELD_TEXTS.themes[i % FIELD_TEXTS.themes.length] as string,
        parts: {
          theory: text?.theory,
          bulletin: `通报任务进展：已完成阶段工作量的${r.int(20, 95)}%`,
          exchange: '队员结合驻点工作交流体会，查找作风纪律方面的不足',
        },
      });
    }
    const studyDay = workdayNear(dayOfMonth(month, 20));
    if (i % 2 === 1 && studyDay > founded && studyDay <= last)
      meeting('study', studyDay, {
        topic: FIELD_TEXTS.study.topic,
        studied: FIELD_TEXTS.study.studied,
        appliedTo: FIELD_TEXTS.study.appliedTo,
        outcome: fill(FIELD_TEXTS.study.outcome, figures(r)),
      });
  }
  return out;
}
