/**
 * A mock TMDB on 127.0.0.1 for trying kinema by hand without internet (and without a real key):
 *
 *   node --import tsx bench/tmdb-mock.ts [--rate 50] [--latency 0]   (listens on a free port)
 *
 * Prints its API base and key; movies get their TMDB ids from MovieLens links.csv when
 * ../shared/data has it, else every tt id is "found" with a made-up id. Images are not served.
 */
import { existsSync, readFileSync } from 'node:fs';
import { startMockTmdb } from '../test/server/tmdb/_mock-tmdb.ts';
import { numberArg } from './_run.ts';

const argv = process.argv.slice(2);
const LINKS = '/work/shared/data/movielens/links.csv';
const movies = existsSync(LINKS)
  ? readFileSync(LINKS, 'utf8')
      .split('\n')
      .slice(1)
      .flatMap((line) => {
        const [, imdb, tmdb] = line.trim().split(',');
        return imdb && tmdb && /^\d+$/.test(tmdb)
          ? [{ imdb: `tt${imdb.padStart(7, '0')}`, tmdb: Number(tmdb), poster: `/p${tmdb}.jpg` }]
          : [];
      })
  : [];
const rate = numberArg(argv, 'rate', 50);
const mock = await startMockTmdb({
  movies,
  limit: { budget: rate, windowMs: 1000 },
  latencyMs: numberArg(argv, 'latency', 0),
});
process.stdout.write(`${mock.url} ${mock.key} (${movies.length} movies, ${rate} requests/s)\n`);
setInterval(
  () => process.stderr.write(`requests ${mock.requests.length}, over the limit ${mock.over}\n`),
  10_000,
);
