import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MAX_QUERY_TOKENS,
  foldTitle,
  queryTokens,
  tokenize,
  tokenizeUnicode,
} from '../../../src/core/search/normalize.ts';
import { createRandom } from '../../../src/numeric/random.ts';

test('folds case, accents and punctuation the same way on both paths', () => {
  assert.deepEqual(tokenize('Amélie'), ['amelie']);
  assert.deepEqual(tokenize('AMELIE'), ['amelie']);
  assert.equal(
    foldTitle('Star Wars: Episode V - The Empire Strikes Back'),
    'star wars episode v the empire strikes back',
  );
  assert.equal(foldTitle('Léon: The Professional'), 'leon the professional');
  assert.equal(foldTitle('Der Untergang / Straße'), 'der untergang strasse');
  assert.equal(foldTitle('Ærø Øst Łódź'), 'aero ost lodz');
});

test('& reads as "and", apostrophes join words but split French elision', () => {
  assert.equal(foldTitle('Fast & Furious'), 'fast and furious');
  assert.equal(foldTitle("Schindler's List"), 'schindlers list');
  assert.equal(foldTitle('Schindler’s List'), 'schindlers list');
  assert.equal(foldTitle("L'Avventura"), 'l avventura');
  assert.equal(foldTitle("Le fabuleux destin d'Amélie Poulain"), 'le fabuleux destin d amelie poulain');
});

test('non-Latin letters and digits are kept as words', () => {
  assert.deepEqual(tokenize('千と千尋の神隠し'), ['千と千尋の神隠し']);
  assert.deepEqual(tokenize('Брат 2'), ['брат', '2']);
  assert.deepEqual(tokenize('2001: A Space Odyssey'), ['2001', 'a', 'space', 'odyssey']);
});

test('only punctuation, emoji or marks give no words', () => {
  assert.deepEqual(tokenize('?!… — 😀 \u0301\u200f'), []);
  assert.deepEqual(tokenize(''), []);
});

test('queries are clipped in length and word count', () => {
  assert.ok(queryTokens('ab '.repeat(5000)).length <= MAX_QUERY_TOKENS);
  const long = queryTokens('x'.repeat(10_000));
  assert.equal(long.length, 1);
  assert.ok(long[0]!.length <= 256);
});

test('the char loop gives the words of the full Unicode folding on Latin text, marks and all', () => {
  const rng = createRandom(11);
  // ASCII, Latin-1 and Extended letters, decomposed marks, symbols, and a few non-Latin letters
  const alphabet = [
    ...'abcXYZ019 -:,.!?&/()«»×÷½²',
    ...'àéîõüçñøßæœÆŒÅåĳŁłđðþıİǅǲŉſ',
    '\u0301',
    '\u0308',
    '\u00ad',
    '\u00a0',
    ...'Бσςя千',
  ];
  for (let n = 0; n < 5000; n++) {
    const length = 1 + Math.floor(rng.next() * 14);
    let text = '';
    for (let i = 0; i < length; i++) text += alphabet[Math.floor(rng.next() * alphabet.length)];
    assert.deepEqual(tokenize(text), tokenizeUnicode(text), JSON.stringify(text));
  }
  for (const name of ['Penélope Cruz', 'Zoë Kravitz', 'Björk', 'Sławomir Idziak', 'Jean-Luc Godard']) {
    assert.deepEqual(tokenize(name), tokenizeUnicode(name), name);
  }
  assert.deepEqual(tokenize('Ǆoković'), ['dzokovic']);
});
