// What every part of the demo plan shares while it is built: the year's clock, the ids of the organ's organisations
// and people, the cast, and the growing lists of rows; `add` turns a duty and its story into a planned item.
import type { MemberImportRow } from '#contracts/member';
import type { TemplateItem } from '#contracts/responsibility';
import type {
  PlanExemption,
  PlanHandover,
  PlanItem,
  PlanLiaison,
  PlanList,
} from '../responsibility/index.ts';
import type { DemoOrgan } from './demo.generator.ts';
import type { DemoRandom } from './demo.random.ts';
import { type DemoCast, demoCast } from './demo.responsibility-cast.ts';
import { history, type Story, type Who, type YearClock, yearClock } from './demo.responsibility-story.ts';

export type DemoIds = {
  unitId: string;
  org(code: string): string;
  member(row: MemberImportRow): string;
  /** The account linked to the member, if any (reports name the account that wrote them). */
  account(row: MemberImportRow): string | null;
};

export type DemoResponsibilityInput = {
  seed: number;
  /** YYYY-MM-DD: the year is today's, and periods run up to today. */
  today: string;
  template: { id: string; items: readonly TemplateItem[] };
  ids: DemoIds;
};

export type ItemSpec = Partial<Omit<PlanItem, 'ownerMemberId' | 'periods'>> &
  Pick<PlanItem, 'ref' | 'listRef' | 'domain' | 'category' | 'title' | 'ownerOrgId' | 'recurrence'> & {
    owner: MemberImportRow | null;
  };

export type PlanBuilder = ReturnType<typeof planBuilder>;

export function planBuilder(organ: DemoOrgan, input: DemoResponsibilityInput) {
  const cast: DemoCast = demoCast(organ);
  const { ids, template } = input;
  const clock: YearClock = yearClock(input.today);
  const whoIs =
    (row: MemberImportRow): Who =>
    () => ({ byUserId: ids.account(row), byName: row.name });
  /** Who reports on, and approves for, what has no owner: the 机关党委 officer, else the 党组书记. */
  const fallback = cast.officer ?? cast.chiefs[0] ?? cast.approver;
  const lists: PlanList[] = [];
  const items: PlanItem[] = [];
  const exemptions: PlanExemption[] = [];
  const liaisons: PlanLiaison[] = [];
  const handovers: PlanHandover[] = [];

  /** `story` null: the duty's periods are left open for records to meet (a duty with a record kind). */
  const add = (spec: ItemSpec, story: Story | null, rng: DemoRandom, who?: Who): PlanItem => {
    const { owner, ...fields } = spec;
    const base = {
      parentRef: null,
      workPointSeq: null,
      templateKey: null,
      issued: false,
      detail: null,
      weight: 1,
      deadline: spec.recurrence === 'none' ? clock.YE : null,
      recordKind: null,
      effectiveFrom: clock.Y0,
      ...fields,
      ownerMemberId: owner ? ids.member(owner) : null,
    };
    const periods = story
      ? history(base, story, clock.year, clock.today, rng, who ?? whoIs(owner ?? fallback))
      : {};
    const item: PlanItem = { ...base, periods };
    items.push(item);
    return item;
  };
  const fromTemplate = (
    t: TemplateItem,
    listRef: string,
    ownerOrgId: string,
    owner: MemberImportRow | null,
  ): ItemSpec => ({
    ref: `${listRef}:${t.key}`,
    listRef,
    templateKey: t.key,
    domain: t.domain,
    category: t.category,
    title: t.title,
    detail: t.detail ?? null,
    ownerOrgId,
    owner,
    recurrence: t.recurrence,
    recordKind: t.recordKind ?? null,
  });
  const ofLevel = (level: TemplateItem['level']) => template.items.filter((t) => t.level === level);

  return {
    organ,
    cast,
    ids,
    seed: input.seed,
    templateId: template.id,
    clock,
    root: ids.org(cast.rootCode),
    fallback,
    /** The i-th 党组 member (关长 first), round the 党组 again when it is small. */
    chief: (i: number) => cast.chiefs[i % Math.max(1, cast.chiefs.length)] ?? fallback,
    whoIs,
    add,
    fromTemplate,
    ofLevel,
    lists,
    items,
    exemptions,
    liaisons,
    handovers,
  };
}
