/**
 * Every page and API route that reads neighbour lists fetches its rows first when the lists are remote
 * (Lambda with its model on S3, issue 18): each answers exactly as with the lists in memory, and the
 * rows it reads are only the ones it needs.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryLogger } from '../../src/core/log.ts';
import type { Model } from '../../src/core/model.ts';
import { encodeNeighbours, neighboursInMemory, type RemoteFile } from '../../src/core/neighbour-lists.ts';
import { computeNeighbours } from '../../src/core/recommend/neighbours.ts';
import { remoteNeighbours } from '../../src/core/remote-neighbours.ts';
import { createApp } from '../../src/server/app.ts';
import { prepareModel } from '../../src/server/loaded-model.ts';
import { fixtureModel } from '../helpers/fixture-model.ts';

const N = 6;
const base = fixtureModel();
const { index, score } = computeNeighbours(base, { n: N });
const bytes = encodeNeighbours(N, index, score);

function app(model: Model) {
  const served = prepareModel(model);
  return createApp({ getModel: () => served, log: memoryLogger(), config: { accessLog: false } });
}

/** An app over the lists read by ranges, with the rows it read (adjacent rows are one read). */
function remoteApp() {
  const reads: number[] = [];
  const file: RemoteFile = {
    size: bytes.length,
    async read(offset, length) {
      for (let at = offset; at < offset + length; at += N * 8) reads.push(at / (N * 8));
      return bytes.slice(offset, offset + length);
    },
  };
  const neighbours = remoteNeighbours(N, base.catalog.size, file, { gapBytes: 0 });
  return { app: app({ ...base, neighbours }), reads };
}
const inMemory = app({ ...base, neighbours: neighboursInMemory(N, index, score) });
const row = (id: string) => base.byId.get(id)!;

const routes: [string, RequestInit | undefined, string[]][] = [
  ['/api/movies/tt0068646/similar?limit=5', undefined, ['tt0068646']],
  ['/movie/tt0076759', undefined, ['tt0076759']],
  ['/movie/tt0080684/similar', undefined, ['tt0080684']],
  ['/person/nm0000001', undefined, []],
  ['/api/people/nm0000001/similar', undefined, []],
  ['/taste?liked=tt0075148&liked=tt0211915', undefined, ['tt0075148', 'tt0211915']],
  [
    '/api/recommend',
    {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ liked: ['tt0099685', 'tt0079817'], limit: 5 }),
    },
    ['tt0099685', 'tt0079817'],
  ],
];

for (const [path, init, rows] of routes) {
  test(`${init?.method ?? 'GET'} ${path}: the same answer from remote lists`, async () => {
    const { app: remote, reads } = remoteApp();
    const [a, b] = [await remote.request(path, init), await inMemory.request(path, init)];
    assert.equal(a.status, 200, await a.clone().text());
    assert.equal(await a.text(), await b.text());
    for (const id of rows) assert.ok(reads.includes(row(id)), `${id}'s row was not fetched`);
  });
}

test("a person's lists fetch the rows of their best-known films, no others", async () => {
  const { app: remote, reads } = remoteApp();
  await remote.request('/api/people/nm0000001/similar');
  // Coppola's films in the fixture: the two Godfathers
  assert.deepEqual(reads.sort(), [row('tt0068646'), row('tt0071562')].sort());
});
