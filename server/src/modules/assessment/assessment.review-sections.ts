// The registry of 述评 dossier sections (issue 12 point 4). The dossier is assembled from what the platform already
// holds, and each module knows its own records: branch its Party records, study and dues, fusion its projects,
// responsibility the lists people hold and their 述职评议, assessment the departments' business KPIs. Like the
// catalogue of measures, the dependency points from the producers to assessment (registrations.ts lists them), so
// the dossier reads no producer's tables.
//
// The member cycle's result (the lead's part of issue 12) joins the same way: a section with key
// MEMBER_RESULT_SECTION registered beside the others — nothing in the dossier changes when it arrives.
//
// 不增负担: a section states facts of records (attended, done on time, graded); it never counts logins, time online,
// clicks or check-ins, and one whose key or title names them is refused at start-up.
import type { ReviewLine } from '#contracts/assessment-review';
import type { Ctx } from '../../core/context.ts';

export type ReviewSectionQuery = {
  unitId: string;
  memberIds: readonly string[];
  /** The half-year's window, inclusive ('2026-01-01' … '2026-06-30'). */
  from: string;
  to: string;
  halfYear: string;
};

export type ReviewSectionDef = {
  key: string;
  module: string;
  /** Chinese, as the dossier prints it. */
  title: string;
  /** Where the section stands on the page (business results first). */
  order: number;
  /** Lines per member, for all members at once (set-based); a member without lines gets the section's `empty` text. */
  assemble: (ctx: Ctx, q: ReviewSectionQuery) => Promise<Map<string, ReviewLine[]>>;
  /** What the section says for a member it has nothing on ('本半年度未参与融合项目'). */
  empty: string;
};

/** The seam for the member cycle's result (registered by whoever builds member cycles). */
export const MEMBER_RESULT_SECTION = 'assessment.member_result';

const PRESENCE =
  /登录|登陆|在线|时长|点击|浏览|打卡|签到|活跃|积分|login|online|session|click|page.?view|check.?in/i;

export class ReviewSectionRefused extends Error {}

const sections = new Map<string, ReviewSectionDef>();

export function registerReviewSections(list: readonly ReviewSectionDef[]): void {
  for (const s of list) {
    const hit = `${s.key} ${s.title}`.match(PRESENCE);
    if (hit)
      throw new ReviewSectionRefused(
        `述评栏目“${s.title}”涉及“${hit[0]}”：登录、在线时长、点击、打卡签到不得写入述评`,
      );
    const known = sections.get(s.key);
    if (known && known !== s) throw new Error(`review section ${s.key} registered twice`);
    sections.set(s.key, s);
  }
}

export function reviewSections(): ReviewSectionDef[] {
  return [...sections.values()].sort((a, b) => a.order - b.order || a.key.localeCompare(b.key));
}

/** Tests register a section of their own and take it back. */
export function unregisterReviewSection(key: string): void {
  sections.delete(key);
}

/** A line as the dossier keeps it. */
export const line = (text: string, value: number | null = null, href: string | null = null): ReviewLine => ({
  text,
  value,
  href,
});
