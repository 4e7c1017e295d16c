import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allowedEdits, damerau } from '../../../src/core/search/damerau.ts';
import { buildTypoIndex, typoCandidates } from '../../../src/core/search/typo-index.ts';

test('damerau counts swaps of neighbours as one edit and stops at the bound', () => {
  assert.equal(damerau('godfather', 'godfather', 2), 0);
  assert.equal(damerau('godfahter', 'godfather', 2), 1);
  assert.equal(damerau('redemtion', 'redemption', 2), 1);
  assert.equal(damerau('kitten', 'sitting', 5), 3);
  assert.equal(damerau('kitten', 'sitting', 1), 2); // bound + 1
  assert.equal(damerau('', 'abc', 3), 3);
});

test('allowed edits grow with the word and are zero for numbers', () => {
  assert.equal(allowedEdits('dune'), 1);
  assert.equal(allowedEdits('god'), 0);
  assert.equal(allowedEdits('godfather'), 2);
  assert.equal(allowedEdits('2049'), 0);
});

const word = fc.stringMatching(/^[a-z]{4,12}$/);

test('the typo index finds every vocabulary word within one edit', () => {
  fc.assert(
    fc.property(word, fc.nat(), fc.nat(25), fc.constantFrom('sub', 'del', 'ins', 'swap'), (w, at, c, op) => {
      const i = at % w.length;
      const ch = String.fromCharCode(97 + c);
      const typo =
        op === 'sub'
          ? w.slice(0, i) + ch + w.slice(i + 1)
          : op === 'del'
            ? w.slice(0, i) + w.slice(i + 1)
            : op === 'ins'
              ? w.slice(0, i) + ch + w.slice(i)
              : w.slice(0, i) + (w[i + 1] ?? '') + w[i] + w.slice(i + 2);
      const vocab = [...new Set([w, 'filler', 'another', 'words'])].sort();
      const found = typoCandidates(buildTypoIndex(vocab), vocab, typo);
      const d = damerau(typo, w, 2);
      if (typo === w || allowedEdits(typo) === 0 || d > allowedEdits(typo)) return;
      assert.equal(found.get(vocab.indexOf(w)), d, `${typo} → ${w}`);
    }),
    { seed: 5, numRuns: 400 },
  );
});

test('two edits in long words: found when at most one is not an extra letter', () => {
  const vocab = ['godfather', 'redemption', 'shawshank'];
  const index = buildTypoIndex(vocab);
  assert.equal(typoCandidates(index, vocab, 'redmeption').get(1), 1); // swap
  assert.equal(typoCandidates(index, vocab, 'shawwshenk').get(2), 2); // extra w + wrong e
  assert.equal(typoCandidates(index, vocab, 'redemptioonx').get(1), 2); // two extra letters
  assert.equal(typoCandidates(index, vocab, 'gofdatherr').get(0), 2); // swap + extra r
  // documented gap: two wrong letters (needs two deletions on the indexed side)
  assert.equal(typoCandidates(index, vocab, 'shewshenk').get(2), undefined);
  assert.equal(typoCandidates(index, vocab, 'xyz').size, 0);
});
