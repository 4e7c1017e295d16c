import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeCatalog } from '../../src/core/model-decode.ts';
import { diffIsEmpty, diffModels, type DiffSide } from '../../src/core/model-diff.ts';
import { describeDiff } from '../../src/core/model-diff-text.ts';
import { coldOrder } from '../../src/core/recommend/cold-start.ts';

interface Row {
  id: string;
  title: string;
  rating: number;
  votes: number;
  cluster: number;
}

function side(rows: Row[]): DiffSide {
  const catalog = decodeCatalog({
    id: rows.map((r) => r.id),
    title: rows.map((r) => r.title),
    originalTitle: rows.map(() => ''),
    year: rows.map(() => 1990),
    runtime: rows.map(() => 100),
    genres: rows.map(() => 1),
    rating: rows.map((r) => r.rating),
    votes: rows.map((r) => r.votes),
    bayes: rows.map((r) => r.rating),
    cluster: rows.map((r) => r.cluster),
    distance: rows.map(() => 0),
  });
  return {
    catalog,
    orders: { popular: coldOrder(catalog, 'popular'), topRated: coldOrder(catalog, 'topRated', 1) },
  };
}

const before: Row[] = [
  { id: 'tt0000001', title: 'Alpha', rating: 7.0, votes: 1000, cluster: 0 },
  { id: 'tt0000002', title: 'Beta', rating: 6.0, votes: 500, cluster: 1 },
  { id: 'tt0000003', title: 'Gamma', rating: 8.0, votes: 200, cluster: 1 },
];

test('added, removed, rating and vote moves, cluster changes and list entries are found', () => {
  const after: Row[] = [
    { id: 'tt0000001', title: 'Alpha', rating: 7.4, votes: 1300, cluster: 0 },
    { id: 'tt0000003', title: 'Gamma', rating: 8.0, votes: 210, cluster: 0 },
    { id: 'tt0000004', title: 'Delta', rating: 9.0, votes: 5000, cluster: 1 },
  ];
  const d = diffModels('abc', side(before), side(after));
  assert.deepEqual(d.movies, { before: 3, after: 3, added: 1, removed: 1 });
  assert.deepEqual(
    d.added.map((m) => m.title),
    ['Delta'],
  );
  assert.deepEqual(
    d.removed.map((m) => m.title),
    ['Beta'],
  );
  assert.deepEqual(
    d.rating.map((m) => [m.title, m.before, m.after]),
    [['Alpha', 7, 7.4]],
  );
  assert.deepEqual(
    d.votes.map((m) => [m.title, m.after - m.before]),
    [
      ['Alpha', 300],
      ['Gamma', 10],
    ],
  );
  assert.equal(d.clusterChanges, 1);
  assert.deepEqual(
    d.clusterMoves.map((m) => [m.title, m.before, m.after]),
    [['Gamma', 1, 0]],
  );
  // three movies, all in the list heads: Delta entered both, Beta left both
  assert.deepEqual(
    d.lists.popular.entered.map((m) => m.title),
    ['Delta'],
  );
  assert.deepEqual(
    d.lists.topRated.left.map((m) => m.title),
    ['Beta'],
  );
  assert.equal(diffIsEmpty(d), false);
  const text = describeDiff(d).join('\n');
  assert.match(text, /changes against model abc/);
  assert.match(text, /movies: 3 → 3 \(\+1, −1\)/);
  assert.match(text, /Alpha \(1990\) 7\.0 → 7\.4/);
  assert.match(text, /changed cluster: 1 movies, e\.g\. Gamma \(1990\) 1 → 0/);
});

test('the same catalog again is an empty diff', () => {
  const d = diffModels('abc', side(before), side(before));
  assert.ok(diffIsEmpty(d));
  assert.deepEqual(describeDiff(d), ['no changes against model abc']);
});
