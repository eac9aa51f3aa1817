// The fusion module's pages in the app's one route table (web/src/app/routes.tsx spreads them in menu order): needs,
// resources, the board, projects, brands, cases, the showcase and pairings, under one menu group.
import {
  AppstoreOutlined,
  DeploymentUnitOutlined,
  FileSearchOutlined,
  LinkOutlined,
  PictureOutlined,
  ProjectOutlined,
  ReadOutlined,
  ToolOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import { lazyPage as page } from '../../app/lazy-page.tsx';
import type { AppRoute, MenuGroup } from '../../app/nav.tsx';

const FUSION: MenuGroup = {
  key: 'fusion',
  title: { zh: '融合项目', en: 'Fusion projects' },
  icon: DeploymentUnitOutlined,
};

export const FUSION_ROUTES: readonly AppRoute[] = [
  // Fusion work (issue 11): needs and resources, the matching board, projects; read organ-wide with fusion.read,
  // the writes offered on the pages to fusion.manage (needs, partners, the board's pairs, approval and acceptance)
  // and fusion.project (resources, a project's team, milestones, KPIs and records).
  {
    path: '/fusion/needs',
    title: { zh: '需求清单', en: 'Needs' },
    icon: FileSearchOutlined,
    access: 'fusion.read',
    menu: true,
    group: FUSION,
    ...page(() => import('./needs-page.tsx'), 'NeedsPage'),
  },
  {
    path: '/fusion/resources',
    title: { zh: '资源清单', en: 'Resources' },
    icon: ToolOutlined,
    access: 'fusion.read',
    menu: true,
    group: FUSION,
    ...page(() => import('./resources-page.tsx'), 'ResourcesPage'),
  },
  {
    path: '/fusion/board',
    title: { zh: '匹配看板', en: 'Matching board' },
    icon: AppstoreOutlined,
    access: 'fusion.read',
    menu: true,
    group: FUSION,
    ...page(() => import('./board-page.tsx'), 'BoardPage'),
  },
  {
    path: '/fusion/projects',
    title: { zh: '项目清单', en: 'Projects' },
    icon: ProjectOutlined,
    access: 'fusion.read',
    menu: true,
    group: FUSION,
    ...page(() => import('./projects-page.tsx'), 'ProjectsPage'),
  },
  {
    path: '/fusion/projects/:id',
    title: { zh: '融合项目', en: 'Fusion project' },
    icon: ProjectOutlined,
    access: 'fusion.read',
    menu: false,
    group: FUSION,
    ...page(() => import('./project-detail-page.tsx'), 'ProjectDetailPage'),
  },
  // Brands (六有, evidence, the annual review), typical cases and their showcase, pairings: read organ-wide with
  // fusion.read; the pages offer the writes by the `can` flags the server sends (fusion.project, fusion.manage,
  // fusion.select).
  {
    path: '/fusion/brands',
    title: { zh: '支部品牌', en: 'Branch brands' },
    icon: TrophyOutlined,
    access: 'fusion.read',
    menu: true,
    group: FUSION,
    ...page(() => import('./brands-page.tsx'), 'BrandsPage'),
  },
  {
    path: '/fusion/brands/:id',
    title: { zh: '支部品牌', en: 'Branch brand' },
    icon: TrophyOutlined,
    access: 'fusion.read',
    menu: false,
    group: FUSION,
    ...page(() => import('./brand-detail-page.tsx'), 'BrandDetailPage'),
  },
  {
    path: '/fusion/cases',
    title: { zh: '典型案例', en: 'Typical cases' },
    icon: ReadOutlined,
    access: 'fusion.read',
    menu: true,
    group: FUSION,
    ...page(() => import('./cases-page.tsx'), 'CasesPage'),
  },
  {
    path: '/fusion/showcase',
    title: { zh: '案例展示', en: 'Case showcase' },
    icon: PictureOutlined,
    access: 'fusion.read',
    menu: true,
    group: FUSION,
    ...page(() => import('./showcase-page.tsx'), 'ShowcasePage'),
  },
  {
    path: '/fusion/pairings',
    title: { zh: '结对共建', en: 'Pairings' },
    icon: LinkOutlined,
    access: 'fusion.read',
    menu: true,
    group: FUSION,
    ...page(() => import('./pairings-page.tsx'), 'PairingsPage'),
  },
  {
    path: '/fusion/pairings/:id',
    title: { zh: '结对共建', en: 'Pairing' },
    icon: LinkOutlined,
    access: 'fusion.read',
    menu: false,
    group: FUSION,
    ...page(() => import('./pairing-detail-page.tsx'), 'PairingDetailPage'),
  },
];
