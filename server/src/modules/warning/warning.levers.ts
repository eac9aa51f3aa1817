// What would raise the index (issue 13 point 2: "what returns it to green"), pure. For each part the facts can move
// concretely — records to link to a project, study sessions to hold — the fewest such steps that lift the index to
// the line, each alternative worked out with the formula itself (so doing exactly that clears the warning).
import type { IndexPart, IndexPartValue, ReturnStep } from '#contracts/warning';
import { composeIndex, valuePart } from './warning.index-formula.ts';

/** How one part can be moved by concrete work. */
export type Lever =
  /** A share k / n that rises by turning candidates into counted ones (records linked to a project). */
  | { kind: 'share'; counted: number; of: number; candidates: readonly ReturnStep[]; verb: string }
  /** A count that rises by one per piece of work (a study session applied to business). */
  | { kind: 'count'; counted: number; unit: string; href: string | null };

const LIMIT = 50;

/**
 * The alternatives that lift the index from its parts to at least `to`, fewest steps first; each alternative is a
 * header step and, for a share, the very candidates to act on.
 */
export function raiseIndex(
  parts: readonly IndexPart[],
  values: readonly IndexPartValue[],
  levers: ReadonlyMap<string, Lever>,
  to: number,
): ReturnStep[] {
  const options: { cost: number; steps: ReturnStep[] }[] = [];
  for (const part of parts) {
    const lever = levers.get(part.key);
    if (!lever) continue;
    const max = lever.kind === 'share' ? Math.min(lever.candidates.length, LIMIT) : LIMIT;
    for (let extra = 1; extra <= max; extra++) {
      const raw =
        lever.kind === 'share'
          ? lever.of > 0
            ? (lever.counted + extra) / lever.of
            : null
          : lever.counted + extra;
      const moved = values.map((v) => (v.key === part.key ? valuePart(part, raw, v.detail, v.href) : v));
      const index = composeIndex(moved);
      if (index === null || index < to) continue;
      options.push({
        cost: extra,
        steps:
          lever.kind === 'share'
            ? [
                { text: `${lever.verb} ${extra} 条（${part.label}）：`, href: null },
                ...lever.candidates.slice(0, extra),
              ]
            : [{ text: `再${lever.unit.replace('{n}', String(extra))}（${part.label}）`, href: lever.href }],
      });
      break;
    }
  }
  options.sort((a, b) => a.cost - b.cost);
  return options
    .slice(0, 2)
    .flatMap((o, i) => (i === 0 ? o.steps : [{ text: '或者：', href: null }, ...o.steps]));
}
