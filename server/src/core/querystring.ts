// The query-string parser of the app. Fastify's default (fast-querystring) keeps a value whose percent-encoding is
// not valid UTF-8 as the raw "%ed%a1%82…" text, so a control character sent beside broken bytes slipped past the
// text schemas as harmless-looking percent signs (the fuzz test found it). The WHATWG decoder used here turns each
// broken byte sequence into U+FFFD, as browsers do, and leaves the rest of the value — control characters included —
// for the contracts to judge.

/** Parses `a=1&b=2&b=3` into `{ a: '1', b: ['2', '3'] }`; `+` is a space; a prototype-free object. */
export function parseQueryString(input: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of new URLSearchParams(input)) {
    const seen = out[key];
    if (seen === undefined) out[key] = value;
    else if (Array.isArray(seen)) seen.push(value);
    else out[key] = [seen, value];
  }
  return out;
}
