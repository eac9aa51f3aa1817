import type { reviewZh } from './review.messages.ts';

// English of the dossiers' messages; the Chinese (review.messages.ts) is the source of truth.
export const reviewEn: Record<keyof typeof reviewZh, string> = {
  'assessment.reviews.title': 'Member reviews',
  'assessment.reviews.intro':
    'The half-yearly review is assembled from the records the platform already holds (business results, Party life, study, appraisal, duties, projects); the member types nothing. The branch secretary writes the comment and grade and signs it off; a signed review is frozen and can be shown to the member.',
  'assessment.reviews.branch': 'Branch',
  'assessment.reviews.pickBranch': 'Choose a branch',
  'assessment.reviews.halfYear': 'Half-year',
  'assessment.reviews.assemble': 'Assemble reviews',
  'assessment.reviews.assembled':
    'Assembled from the latest records: unsigned reviews refreshed, signed ones unchanged',
  'assessment.reviews.export': 'Export Excel',
  'assessment.reviews.member': 'Member',
  'assessment.reviews.status': 'Status',
  'assessment.reviews.grade': 'Grade',
  'assessment.reviews.statement': 'Statement',
  'assessment.reviews.signedAt': 'Signed',
  'assessment.reviews.empty':
    'No reviews for this half-year yet. Click “Assemble reviews” to draft one for every member of the branch from the records.',
  'assessment.reviews.noBranch': 'Choose a branch first.',
  'assessment.reviews.missing':
    '{count} more members have no review yet: {names}. Assemble again to add them.',
  'assessment.reviews.cardTitle': 'Reviews to sign',
  'assessment.reviews.cardLine': '{waiting} to sign · {drafts} drafts · {missing} not assembled',
  'assessment.review.back': 'Back to the reviews',
  'assessment.review.sheetTitle': 'Member half-year review',
  'assessment.review.department': 'Department',
  'assessment.review.noDepartment': 'Not recorded',
  'assessment.review.assembledAt': 'Assembled {at}',
  'assessment.review.frozen': 'Signed off by {by} on {at}; frozen — later records do not change it.',
  'assessment.review.draftHint':
    'A draft shows the records as they were when assembled; assemble again from the list to refresh it.',
  'assessment.review.statementTitle': 'Member’s statement',
  'assessment.review.noStatement': '(none)',
  'assessment.review.commentTitle': 'Branch comment',
  'assessment.review.commentHint': 'From the records above: main strengths, shortcomings and what to work on',
  'assessment.review.noComment': '(not written)',
  'assessment.review.gradeTitle': 'Grade',
  'assessment.review.noGrade': '(not graded)',
  'assessment.review.save': 'Save',
  'assessment.review.saved': 'Saved',
  'assessment.review.submit': 'Submit to the branch',
  'assessment.review.submitConfirm':
    'After submission the member can no longer change their statement. Submit?',
  'assessment.review.sign': 'Sign off',
  'assessment.review.signConfirm':
    'Once signed, the review is frozen and its comment and grade cannot change. Sign?',
  'assessment.review.signed': 'Signed off',
  'assessment.review.show': 'Show to the member',
  'assessment.review.shown': 'Shown: the member can read it on their phone',
  'assessment.review.print': 'Print',
  'assessment.review.docx': 'Download Word',
  'assessment.review.signature': 'Signed off',
  'assessment.review.notSigned': '(not signed yet)',
  'myReviews.title': 'My reviews',
  'myReviews.intro':
    'Your review is assembled by the branch from the records the platform holds; you type nothing. While it is a draft you may add a short statement (optional); once signed you can read it here.',
  'myReviews.empty': 'No review of yours yet. It shows here once the branch assembles it.',
  'myReviews.statementPlaceholder': 'Optional: a word on your half-year (up to 500 characters)',
  'myReviews.saveStatement': 'Save statement',
  'myReviews.waiting': 'The branch is completing it; you can read it once signed',
  'myReviews.open': 'Read the review',
  'myReviews.back': 'Back to my reviews',
};
