import type { followUpZh } from './follow-up.messages.ts';

// English for follow-up.messages.ts.
export const followUpEn: Record<keyof typeof followUpZh, string> = {
  'assessment.followUp.column': 'Rectification',
  'assessment.followUp.open': 'In progress',
  'assessment.followUp.overdue': 'Overdue',
  'assessment.followUp.closed': 'Rectified',
  'assessment.followUp.due': 'Due {date}',
  'assessment.followUp.closedOn': 'Rectified on {date}',
  'assessment.followUp.button': 'Rectification line',
  'assessment.followUp.title': 'Rectification line and deadline',
  'assessment.followUp.intro':
    'A subject scoring below the line gets a rectification duty on its own responsibility list, owned by its secretary, reminded before the deadline and closed by reporting it done with evidence. Subjects shown as a range (too few raters) or without a score are not judged.',
  'assessment.followUp.threshold': 'Line (scores below it)',
  'assessment.followUp.thresholdRequired': 'Enter the line, e.g. 60',
  'assessment.followUp.days': 'Days given',
  'assessment.followUp.daysRequired': 'Enter the days given, e.g. 30',
  'assessment.followUp.kind': 'Opened as',
  'assessment.followUp.save': 'Save the line',
  'assessment.followUp.saved': 'The line was saved',
  'assessment.followUp.notSaved':
    'No line set yet: previewed below at {threshold}; save it before opening rectification duties.',
  'assessment.followUp.preview': 'Below the line ({n} to open)',
  'assessment.followUp.none': 'Nobody falls below the line.',
  'assessment.followUp.band': 'Range, not judged',
  'assessment.followUp.noScore': 'No score, not judged',
  'assessment.followUp.openNow': 'Open rectification duties ({n})',
  'assessment.followUp.opened': '{n} rectification duties opened',
  'assessment.followUp.openedNone': 'Nothing new to open',
  'assessment.followUp.saveFirst': 'Save the line before opening rectification duties',
  'assessment.followUp.closeCycle': 'Close the assessment',
  'assessment.followUp.closeConfirm':
    'Once closed, results are no longer recomputed; with a line set, rectification duties open for those below it. Close it?',
  'assessment.followUp.cycleClosed': 'The assessment is closed',
  'assessment.followUp.notComputed':
    'This assessment has no results yet: compute it under "Assessments" first.',
};
