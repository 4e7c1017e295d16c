/**
 * title.principals `characters` is a JSON-like list (`["Bruce Wayne","Batman"]`, `\N` when none):
 * people read the names, never the brackets and quotes. The build parses it once per cast entry.
 */

/** What the fast path must leave to the full parse: quotes, escapes and any whitespace to normalise. */
const PLAIN_NAME_UNSAFE = /["\\]|\s\s|^\s|\s$|[^\S ]/;

/** The characters of one cast entry as a person reads them: "Bruce Wayne / Batman", or "". */
export function parseCharacters(raw: string | null | undefined): string {
  if (!raw) return '';
  const text = raw.trim();
  if (!text || text === '\\N') return '';
  // the usual entry, one plain name: no JSON.parse, no splitting (half a million of them at build)
  if (text.length > 4 && text.startsWith('["') && text.endsWith('"]')) {
    const inner = text.slice(2, -2);
    if (!PLAIN_NAME_UNSAFE.test(inner)) return inner;
  }
  let names: string[] | undefined;
  if (text.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (Array.isArray(parsed)) names = parsed.filter((x): x is string => typeof x === 'string');
    } catch {
      // not valid JSON (an unescaped quote inside a name): split it by hand below
    }
    names ??= text
      .replace(/^\[|\]$/g, '')
      .split(/"\s*,\s*"/)
      .map((s) => s.replace(/^\s*"|"\s*$/g, ''));
  } else {
    names = [text];
  }
  const seen = new Set<string>();
  for (const name of names) {
    const clean = name.replace(/\s+/g, ' ').trim();
    if (clean) seen.add(clean);
  }
  return [...seen].join(' / ');
}
