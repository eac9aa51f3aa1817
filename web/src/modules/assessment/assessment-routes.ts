// The assessment module's pages in the app's one route table (web/src/app/routes.tsx spreads them in menu order):
// indicator systems and their designer, cycles, results and a result explained, under one menu group.
import {
  BarChartOutlined,
  CalculatorOutlined,
  FormOutlined,
  FundProjectionScreenOutlined,
  NodeIndexOutlined,
  NotificationOutlined,
  SolutionOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { lazyPage as page } from '../../app/lazy-page.tsx';
import type { AppRoute, MenuGroup } from '../../app/nav.tsx';

const ASSESSMENT: MenuGroup = {
  key: 'assessment',
  title: { zh: '考核评价', en: 'Assessment' },
  icon: FundProjectionScreenOutlined,
};

export const ASSESSMENT_ROUTES: readonly AppRoute[] = [
  // Assessment (issue 12): indicator systems and cycles, read with assessment.read; the pages offer the writes (the
  // designer by the system's `can` flags, creating systems and cycles to every reader, refused by the server unless
  // assessment.design / assessment.run).
  {
    path: '/assessment/systems',
    title: { zh: '指标体系', en: 'Indicator systems' },
    icon: NodeIndexOutlined,
    access: 'assessment.read',
    menu: true,
    group: ASSESSMENT,
    ...page(() => import('./systems-page.tsx'), 'SystemsPage'),
  },
  {
    path: '/assessment/systems/:id',
    title: { zh: '指标体系', en: 'Indicator system' },
    icon: NodeIndexOutlined,
    access: 'assessment.read',
    menu: false,
    group: ASSESSMENT,
    ...page(() => import('./system-designer-page.tsx'), 'SystemDesignerPage'),
  },
  {
    path: '/assessment/cycles',
    title: { zh: '考核', en: 'Assessments' },
    icon: CalculatorOutlined,
    access: 'assessment.read',
    menu: true,
    group: ASSESSMENT,
    ...page(() => import('./cycles-page.tsx'), 'CyclesPage'),
  },
  {
    path: '/assessment/cycles/:id',
    title: { zh: '考核结果', en: 'Results' },
    icon: CalculatorOutlined,
    access: 'assessment.read',
    menu: false,
    group: ASSESSMENT,
    ...page(() => import('./cycle-results-page.tsx'), 'CycleResultsPage'),
  },
  {
    path: '/assessment/cycles/:id/results/:subjectId',
    title: { zh: '得分说明', en: 'Score explained' },
    icon: CalculatorOutlined,
    access: 'assessment.read',
    menu: false,
    group: ASSESSMENT,
    ...page(() => import('./result-page.tsx'), 'ResultPage'),
  },
  // Grade scales (issue 12 points 5 and 7): read with assessment.read; saved by whoever runs the assessments (the
  // server refuses others). Calibration and the appraisal export live on the results page.
  {
    path: '/assessment/grades',
    title: { zh: '考核等次', en: 'Grades' },
    icon: TrophyOutlined,
    access: 'assessment.read',
    menu: true,
    group: ASSESSMENT,
    ...page(() => import('./outcome-grades-page.tsx'), 'OutcomeGradesPage'),
  },
  // Business KPIs (issue 12 point 2): read with assessment.read; the import and the push tokens are offered to those
  // holding assessment.run (the organ's committee), and refused by the server to others.
  {
    path: '/assessment/kpi',
    title: { zh: '业务指标', en: 'Business KPIs' },
    icon: BarChartOutlined,
    access: 'assessment.read',
    menu: true,
    group: ASSESSMENT,
    ...page(() => import('./kpi-page.tsx'), 'KpiPage'),
  },
  // Quarterly bulletins (issue 12 point 6): read with assessment.read; a share link opens for any account of the organ
  // (signed in; the server answers 404 outside the organ), a member's phone first.
  {
    path: '/assessment/bulletins',
    title: { zh: '考核通报', en: 'Bulletins' },
    icon: NotificationOutlined,
    access: 'assessment.read',
    menu: true,
    group: ASSESSMENT,
    ...page(() => import('./bulletins-page.tsx'), 'BulletinsPage'),
  },
  {
    path: '/assessment/bulletins/:id',
    title: { zh: '考核通报', en: 'Bulletin' },
    icon: NotificationOutlined,
    access: 'assessment.read',
    menu: false,
    group: ASSESSMENT,
    ...page(() => import('./bulletin-page.tsx'), 'BulletinPage'),
  },
  {
    path: '/assessment/bulletins/shared/:key',
    title: { zh: '考核通报', en: 'Bulletin' },
    icon: NotificationOutlined,
    access: 'signed_in',
    menu: false,
    ...page(() => import('./bulletin-shared-page.tsx'), 'BulletinSharedPage'),
  },
  // Members' 述评 dossiers (issue 12 point 4): a branch's half-year and one dossier for whoever reads the branch's
  // assessment (the server lets only the members' record keepers write); the member's own, a phone first, for an
  // account linked to a member record (the server shows a dossier once signed, and only their own).
  {
    path: '/assessment/reviews',
    title: { zh: '党员述评', en: 'Member reviews' },
    icon: SolutionOutlined,
    access: 'assessment.read',
    menu: true,
    group: ASSESSMENT,
    ...page(() => import('./review-list-page.tsx'), 'ReviewListPage'),
  },
  {
    path: '/assessment/reviews/:id',
    title: { zh: '党员述评', en: 'Member review' },
    icon: SolutionOutlined,
    access: 'assessment.read',
    menu: false,
    group: ASSESSMENT,
    ...page(() => import('./review-page.tsx'), 'ReviewPage'),
  },
  {
    path: '/me/reviews',
    title: { zh: '我的述评', en: 'My reviews' },
    icon: SolutionOutlined,
    access: 'signed_in',
    menu: true,
    needsMember: true,
    ...page(() => import('./review-my-page.tsx'), 'MyReviewsPage'),
  },
  {
    path: '/me/reviews/:id',
    title: { zh: '我的述评', en: 'My review' },
    icon: SolutionOutlined,
    access: 'signed_in',
    menu: false,
    needsMember: true,
    ...page(() => import('./review-my-page.tsx'), 'MyReviewPage'),
  },
  // A member's own results of the half-year 述评 (issue 12 point 4), a phone first: for an account linked to a member.
  {
    path: '/me/assessments',
    title: { zh: '我的考核', en: 'My assessments' },
    icon: TrophyOutlined,
    access: 'signed_in',
    menu: true,
    needsMember: true,
    ...page(() => import('./member-my-page.tsx'), 'MyAssessmentsPage'),
  },
  {
    path: '/me/assessments/:id',
    title: { zh: '我的考核', en: 'My assessment' },
    icon: TrophyOutlined,
    access: 'signed_in',
    menu: false,
    needsMember: true,
    ...page(() => import('./member-my-page.tsx'), 'MyAssessmentPage'),
  },
  // Rated indicators (issue 12 points 2 and 10): the round on a cycle for whoever runs it (assessment.run); a rater's
  // own forms for any signed-in account (the server answers 404 for another's), reached from the workbench card and
  // the reminder, so not in the menu.
  {
    path: '/assessment/cycles/:id/rating',
    title: { zh: '评价活动', en: 'Rating round' },
    icon: FormOutlined,
    access: 'assessment.run',
    menu: false,
    group: ASSESSMENT,
    ...page(() => import('./rating-round-page.tsx'), 'RatingRoundPage'),
  },
  {
    path: '/assessment/my-ratings',
    title: { zh: '我的待评价', en: 'My ratings to give' },
    icon: FormOutlined,
    access: 'signed_in',
    menu: false,
    ...page(() => import('./rating-mine-list.tsx'), 'MyRatingsPage'),
  },
  {
    path: '/assessment/my-ratings/:id',
    title: { zh: '评价表', en: 'Rating form' },
    icon: FormOutlined,
    access: 'signed_in',
    menu: false,
    ...page(() => import('./rating-form-page.tsx'), 'RatingFormPage'),
  },
];
