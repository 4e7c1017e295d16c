import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildFilmography } from '../../../src/core/people/filmography.ts';
import { blankStrings } from '../../../src/core/columns.ts';
import type { Csr, People } from '../../../src/core/model-people.ts';

/** Per movie lists of person ids as a CSR. */
function csr(lists: number[][]): Csr {
  const offsets = [0];
  for (const l of lists) offsets.push(offsets.at(-1)! + l.length);
  return { offsets: Int32Array.from(offsets), items: Int32Array.from(lists.flat()) };
}

function people(
  persons: number,
  lists: { directors: number[][]; writers: number[][]; cast: number[][] },
): People {
  return {
    id: blankStrings(persons),
    name: blankStrings(persons),
    ...lists,
    directors: csr(lists.directors),
    writers: csr(lists.writers),
    cast: csr(lists.cast),
  };
}

test('filmography: each person once per movie, oldest first, same-year films in row order', () => {
  const year = [2001, 1999, 2001, 1990];
  const p = people(3, {
    directors: [[0], [0], [], [1]],
    writers: [[0], [], [1], []],
    cast: [[2], [2, 0], [2], [2]],
  });
  const f = buildFilmography(p, { size: 4, year: Int16Array.from(year) });
  const of = (person: number) => Array.from(f.movies.subarray(f.offsets[person], f.offsets[person + 1]));
  assert.deepEqual(of(0), [1, 0]);
  assert.deepEqual(of(1), [3, 2]);
  assert.deepEqual(of(2), [3, 1, 0, 2]);
});

test('filmography: a long career sorts the same way', () => {
  const size = 100;
  const year = Array.from({ length: size }, (_, m) => 2000 - (m % 7));
  const p = people(1, {
    directors: Array.from({ length: size }, () => [0]),
    writers: Array.from({ length: size }, () => []),
    cast: Array.from({ length: size }, () => []),
  });
  const f = buildFilmography(p, { size, year: Int16Array.from(year) });
  const expected = Array.from({ length: size }, (_, m) => m).sort((a, b) => year[a]! - year[b]! || a - b);
  assert.deepEqual(Array.from(f.movies), expected);
});
