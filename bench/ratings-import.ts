/**
 * Taste from an imported rating export (issue 17): a 1,000-row IMDb export and the same films as a
 * Letterboxd export (title/year pairs, matched through the search resolver), parsed and matched, then
 * the taste request they make, beside the anchor of a five-film hand-picked taste. The exports are
 * written from the real IMDb sample's catalog (its 1,000 most-voted films, 100 of them TV titles
 * absent from the catalog, ratings from a seeded generator), so every id and title is a real one.
 *
 *   node --import tsx bench/ratings-import.ts [--model DIR]
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel } from '../src/core/model-load.ts';
import { csvLine } from '../src/core/csv.ts';
import { createRecommender } from '../src/core/recommend/index.ts';
import { readExportFile } from '../src/core/ratings/export-file.ts';
import { modelCatalogue, tasteFromRows } from '../src/core/ratings/taste-from-export.ts';
import { createTitleSearch } from '../src/core/search/index.ts';
import { createRandom } from '../src/numeric/random.ts';
import { fileModelReader } from '../src/runtime/files.ts';
import { buildRealSample, noRealSample } from '../test/helpers/real-sample.ts';

const args = process.argv.slice(2);
const given = args.indexOf('--model') >= 0 ? args[args.indexOf('--model') + 1] : undefined;

let modelDir = given;
if (!modelDir) {
  if (noRealSample) throw new Error(`${noRealSample}: pass --model DIR`);
  modelDir = await buildRealSample(mkdtempSync(join(tmpdir(), 'kinema-bench-import-')));
}
const model = await loadModel(fileModelReader(modelDir));
const search = createTitleSearch(model.catalog, { index: model.titleIndex?.() });
const recommender = createRecommender(model);
const c = model.catalog;

const rows = [...Array(c.size).keys()].sort((a, b) => c.votes[b]! - c.votes[a]!).slice(0, 900);
const random = createRandom(17);
const rating = () => 1 + random.int(10);
let imdb = csvLine(['Const', 'Your Rating', 'Date Rated', 'Title', 'URL', 'Title Type', 'Year']);
let letterboxd = csvLine(['Date', 'Name', 'Year', 'Letterboxd URI', 'Rating']);
for (const r of rows) {
  const id = c.id.get(r);
  const stars = rating();
  imdb += csvLine([
    id,
    stars,
    '2024-01-01',
    c.title.get(r),
    `https://www.imdb.com/title/${id}/`,
    'Movie',
    c.year[r]!,
  ]);
  letterboxd += csvLine([
    '2024-01-01',
    c.title.get(r),
    c.year[r]!,
    `https://boxd.it/${id}`,
    Math.max(0.5, stars / 2),
  ]);
}
// 100 TV titles: in an IMDb export, never in a movie catalog
for (let i = 0; i < 100; i++) {
  imdb += csvLine([
    `tt9${String(i).padStart(8, '0')}`,
    rating(),
    '2024-01-01',
    `Series ${i}`,
    '',
    'TV Series',
    2010,
  ]);
}
const bytes = { imdb: new TextEncoder().encode(imdb), letterboxd: new TextEncoder().encode(letterboxd) };

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.99)]!;
function time<T>(repeats: number, fn: () => T): { ms: number[]; last: T } {
  const ms: number[] = [];
  let last!: T;
  for (let i = 0; i < repeats; i++) {
    const t = performance.now();
    last = fn();
    ms.push(performance.now() - t);
  }
  return { ms, last };
}

const catalogue = modelCatalogue(model, search);
const PROFILE_LIKES = 50;
const out: string[] = [];
for (const format of ['imdb', 'letterboxd'] as const) {
  const run = time(21, () => tasteFromRows(readExportFile(bytes[format], format).rows, catalogue));
  const taste = run.last;
  const request = time(201, () =>
    recommender.taste({ liked: taste.liked, disliked: taste.disliked, seen: taste.seen }, { limit: 12 }),
  );
  const capped = time(201, () =>
    recommender.taste(
      {
        liked: taste.liked.slice(0, PROFILE_LIKES),
        disliked: taste.disliked.slice(0, PROFILE_LIKES),
        seen: taste.seen,
      },
      { limit: 12 },
    ),
  );
  out.push(
    `| ${format}, the ${PROFILE_LIKES} best-rated likes and dislikes | ${taste.rows} | ${taste.rows - taste.unmatched.length} | ${PROFILE_LIKES} / ${PROFILE_LIKES} | – | ${median(capped.ms).toFixed(1)} | ${p99(capped.ms).toFixed(1)} |`,
  );
  out.push(
    `| ${format} | ${taste.rows} | ${taste.rows - taste.unmatched.length} | ${taste.liked.length} / ${taste.disliked.length} | ${median(run.ms).toFixed(1)} | ${median(request.ms).toFixed(1)} | ${p99(request.ms).toFixed(1)} |`,
  );
}
const five = rows.slice(0, 5);
const anchor = time(201, () => recommender.taste({ liked: five }, { limit: 12 }));
out.push(
  `| anchor: 5 liked, no file | – | – | 5 / 0 | – | ${median(anchor.ms).toFixed(1)} | ${p99(anchor.ms).toFixed(1)} |`,
);
process.stdout.write(
  `catalog ${c.size} movies (${modelDir})\n| export | rows | matched | liked / disliked | parse + match ms (median of 21) | taste ms median (201) | taste ms p99 |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n${out.join('\n')}\n`,
);
