/**
 * Search fuzzing at catalog scale (issue 8): random unicode queries against 50,000 generated titles
 * (Latin, accented, Cyrillic, CJK words; Zipf-like word reuse, so common words have long posting lists).
 * No query may throw or return a malformed hit, and none may take long: the budget is CPU time per query
 * (not wall time, which a loaded machine stretches), 250 ms, where typed queries take well under 1 ms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { figures, reportFigures } from '../helpers/figures.ts';
import { createTitleSearch } from '../../src/core/search/index.ts';
import { createRandom } from '../../src/numeric/random.ts';
import { catalogOf } from '../core/search/catalog.ts';

const SIZE = 50_000;
const BUDGET_MS = 250;

function titles(): { title: string; originalTitle: string; votes: number }[] {
  const rng = createRandom(5);
  const syllables = [
    'ka',
    'ro',
    'mi',
    'the',
    'lo',
    'vé',
    'dar',
    'стар',
    'ин',
    '千',
    '尋',
    'ñu',
    'ß',
    'ö',
    'an',
  ];
  const vocab = Array.from({ length: 3000 }, () =>
    Array.from({ length: 1 + rng.int(3) }, () => syllables[rng.int(syllables.length)]).join(''),
  );
  // word i is drawn with weight ~ 1 / (i + 1): a few words occur in thousands of titles
  const word = () => vocab[Math.floor(vocab.length ** rng.next()) - 1]!;
  return Array.from({ length: SIZE }, () => {
    const title = Array.from({ length: 1 + rng.int(5) }, word).join(' ');
    return {
      title,
      originalTitle: rng.next() < 0.2 ? `${word()} ${title}` : '',
      votes: Math.floor(10 ** (1 + 5 * rng.next() ** 3)),
    };
  });
}

test('fuzz: random unicode searches over 50,000 titles never throw and stay within a CPU budget', () => {
  const search = createTitleSearch(catalogOf(titles()));
  const queries = [
    ...fc.sample(fc.string({ unit: 'grapheme', maxLength: 120 }), { numRuns: 1500, seed: 21 }),
    ...fc.sample(fc.string({ unit: 'binary', maxLength: 200 }), { numRuns: 500, seed: 22 }),
    // common words and one-letter prefixes: the longest candidate lists
    ...fc
      .sample(
        fc.array(fc.constantFrom('ka', 'the', 'a', 'k', 'ro', 'mi', '千', 'с', 'ö'), {
          minLength: 1,
          maxLength: 40,
        }),
        { numRuns: 500, seed: 23 },
      )
      .map((words) => words.join(' ')),
    'the '.repeat(2500),
    'k'.repeat(10_000),
    '千'.repeat(5000),
  ];
  let worst = { ms: 0, query: '' };
  for (const q of queries) {
    const before = process.cpuUsage();
    const hits = search.search(q, 10);
    const used = process.cpuUsage(before);
    const ms = (used.user + used.system) / 1000;
    if (ms > worst.ms) worst = { ms, query: q };
    assert.ok(hits.length <= 10);
    for (const h of hits)
      assert.ok(h.index >= 0 && h.index < SIZE && Number.isFinite(h.score), JSON.stringify(q));
  }
  // a throw fails the test before this line: bench/faults.ts counts a failed test file as well
  reportFigures('search: random unicode queries', { ...figures(), tried: queries.length });
  assert.ok(
    worst.ms < BUDGET_MS,
    `slowest query used ${worst.ms.toFixed(0)} ms of CPU: ${JSON.stringify(worst.query.slice(0, 80))}…`,
  );
});
