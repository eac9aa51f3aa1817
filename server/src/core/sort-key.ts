import { pinyin } from 'pinyin-pro';

/**
 * The key names sort by: each Chinese character as its toned pinyin ('zhang1 san1'), surnames read as surnames
 * (单 shan4, 曾 zeng1), other characters lower-cased. Compared byte-wise (collate "C"), it gives dictionary order on
 * PGlite and PostgreSQL alike, whatever their collations: 'li3' < 'lin2' because '3' < 'n'.
 */
export function nameSortKey(name: string): string {
  return pinyin(name, { toneType: 'num', type: 'array', surname: 'head', v: true })
    .map((s) => s.toLowerCase())
    .join(' ');
}
