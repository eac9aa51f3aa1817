import type { memberZh } from './member.messages.ts';

export const memberEn: Record<keyof typeof memberZh, string> = {
  'assessment.member.title': 'My assessments',
  'assessment.member.intro':
    "Members' performance reviews run every half-year, Party and business work with the same weight. Every score comes from records the branch and the business systems already hold: nothing for you to fill in.",
  'assessment.member.empty':
    'No results of yours yet. They appear here once the organ committee has run and computed a member review.',
  'assessment.member.place': 'No. {rank} of {total} in the branch',
  'assessment.member.unranked': 'Not ranked this period: too little data',
  'assessment.member.provisional': 'Provisional',
  'assessment.member.final': 'Final',
  'assessment.member.provisionalHint': 'The assessment is still open: the score follows the records',
  'assessment.member.open': 'How the score was made',
  'assessment.member.back': 'Back to my assessments',
  'assessment.member.noData': 'No data this period: not counted',
  'assessment.member.total': 'Total',
  'assessment.member.branch': 'Branch',
  'assessment.col.group': 'Branch',
  'assessment.member.record': 'Record',
  'assessment.member.recordHelp':
    "Export this member's review results, places within the branch, grades and signed reviews, for cadre selection",
};
