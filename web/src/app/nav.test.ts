import { describe, expect, it } from 'vitest';
import { groupMenu, type MenuGroup } from './nav.tsx';

const Icon = () => null;
const fusion: MenuGroup = { key: 'fusion', title: { zh: '融合项目', en: 'Fusion' }, icon: Icon };

describe('groupMenu', () => {
  it('gathers grouped entries where the first one stands and keeps the others in order', () => {
    const entries = [
      { path: '/' },
      { path: '/fusion/needs', group: fusion },
      { path: '/import' },
      { path: '/fusion/board', group: fusion },
    ];
    const nodes = groupMenu(entries);
    expect(
      nodes.map((n) =>
        n.kind === 'entry' ? n.entry.path : `${n.group.key}:${n.entries.map((e) => e.path)}`,
      ),
    ).toEqual(['/', 'fusion:/fusion/needs,/fusion/board', '/import']);
  });

  it('leaves a menu without groups as it is', () => {
    const plain: { path: string; group?: MenuGroup }[] = [{ path: '/a' }, { path: '/b' }];
    expect(groupMenu(plain).map((n) => n.kind)).toEqual(['entry', 'entry']);
  });
});
