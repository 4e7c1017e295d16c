import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseCharacters } from '../../../src/core/people/characters.ts';

test('characters: the JSON-like list as a person reads it, never brackets or quotes', () => {
  assert.equal(parseCharacters('["Bruce Wayne","Batman"]'), 'Bruce Wayne / Batman');
  assert.equal(parseCharacters('["Self"]'), 'Self');
  assert.equal(parseCharacters('["The Joker"]'), 'The Joker');
  // an unescaped quote inside a name is not valid JSON: split by hand
  assert.equal(parseCharacters('["Maria "Mimi" Rossi","Narrator"]'), 'Maria "Mimi" Rossi / Narrator');
  assert.equal(parseCharacters('["Doctor", "Doctor"]'), 'Doctor');
  assert.equal(parseCharacters('["Jos\\u00e9"]'), 'José');
  for (const empty of [null, undefined, '', '\\N', '[]', '[""]']) assert.equal(parseCharacters(empty), '');
});

/** The full parse alone (what parseCharacters did before its one-plain-name fast path). */
function fullParse(text: string): string {
  let names: string[] | undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    if (Array.isArray(parsed)) names = parsed.filter((x): x is string => typeof x === 'string');
  } catch {
    // as parseCharacters
  }
  names ??= text
    .replace(/^\[|\]$/g, '')
    .split(/"\s*,\s*"/)
    .map((s) => s.replace(/^\s*"|"\s*$/g, ''));
  const seen = new Set<string>();
  for (const name of names) {
    const clean = name.replace(/\s+/g, ' ').trim();
    if (clean) seen.add(clean);
  }
  return [...seen].join(' / ');
}

test('characters: one plain name reads as the full parse would read it', () => {
  const alphabet = fc.constantFrom('a', 'Z', 'é', ' ', '  ', '\t', '\u00a0', '"', '\\', ',', '/', 'u', '0');
  fc.assert(
    fc.property(fc.array(alphabet, { maxLength: 12 }), (chars) => {
      const text = `["${chars.join('')}"]`;
      assert.equal(parseCharacters(text), fullParse(text.trim()), JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
});
