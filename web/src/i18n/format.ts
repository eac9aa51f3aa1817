export type Locale = 'zh-CN' | 'en';
export type Vars = Record<string, string | number>;

/** Fills "{name}" placeholders; an unknown placeholder stays visible so a missing value is noticed. */
export function format(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = vars[name];
    return value === undefined ? whole : String(value);
  });
}

/** The placeholder names a template uses, sorted: both languages of a message must use the same ones. */
export function placeholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();
}

/** Chinese first: only an explicit, remembered choice of English switches away from it. */
export function parseLocale(value: string | null | undefined): Locale {
  return value === 'en' ? 'en' : 'zh-CN';
}
