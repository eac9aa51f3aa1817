// The assessment module's pages in the app's one route table (web/src/app/routes.tsx spreads them in menu order):
// indicator systems and their designer, cycles, results and a result explained, under one menu group.
import { CalculatorOutlined, FundProjectionScreenOutlined, NodeIndexOutlined } from '@ant-design/icons';
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
];
