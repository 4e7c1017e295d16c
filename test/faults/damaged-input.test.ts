/**
 * Damaged input (issue 16, items 1-3), on the real IMDb sample: each damage is applied to a copy of the
 * data and `kinema build` runs over a model built from the clean copy. A build either refuses (exit 2,
 * naming the file, the previous model byte-identical) or succeeds with the bad rows counted and none of
 * their values in the model. Never a crash (exit 70), never a damaged model in place.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { CRASH, ROOT, kinema, snapshot, tempDir } from './_cli.ts';
import { loadModel } from '../../src/core/model-load.ts';
import type { Model } from '../../src/core/model.ts';
import { fileModelReader } from '../../src/runtime/files.ts';
import { figures as none, reportFigures } from '../helpers/figures.ts';

const SAMPLE = join(ROOT, '../shared/data/imdb-sample');
const skip = existsSync(join(SAMPLE, 'title.basics.tsv.gz'))
  ? false
  : `the real IMDb sample is absent (${SAMPLE}); see ../shared/data/README.md`;
if (skip) console.log(`skipping damaged-input faults: ${skip}`);

type Outcome = 'refused' | 'counted';

interface Damage {
  name: string;
  file: string;
  damage: (path: string) => void;
  /** What the build must do: refuse, or build with bad rows counted (no bad value in the model). */
  expect: Outcome;
  /** Repaired without a word (control characters are stripped, not counted). */
  silent?: boolean;
  /** For counted damage: a property of the built model that the bad value would break. */
  check?: (model: Model) => void;
}

const text = (p: string) => gunzipSync(readFileSync(p)).toString('utf8');
const write = (p: string, s: string) => writeFileSync(p, gzipSync(Buffer.from(s, 'utf8')));
/** Edits the data lines of a TSV.gz (header kept) with `edit(line, index)`; null drops the line. */
function editLines(p: string, edit: (line: string, i: number) => string | null): void {
  const [header, ...lines] = text(p).replace(/\n$/, '').split('\n');
  const out = lines.map(edit).filter((l): l is string => l !== null);
  write(p, `${[header, ...out].join('\n')}\n`);
}
/** tconsts of movies (not adult) in the title.basics next to `p`: damage aimed at rows the model serves. */
function movies(p: string): Set<string> {
  const ids = new Set<string>();
  for (const line of text(join(dirname(p), 'title.basics.tsv.gz')).split('\n')) {
    const f = line.split('\t');
    if (f[1] === 'movie' && f[4] === '0') ids.add(f[0]!);
  }
  return ids;
}
/** Edits the first `count` ratings lines of well-voted movies. */
const editRatings =
  (edit: (line: string) => string, count = 3) =>
  (p: string) => {
    const ids = movies(p);
    let left = count;
    editLines(p, (l) => {
      const [id, , votes] = l.split('\t');
      return left > 0 && ids.has(id!) && Number(votes) >= 1000 && left-- > 0 ? edit(l) : l;
    });
  };
const setRating = (value: string) => editRatings((l) => l.replace(/^(tt\d+)\t[^\t]*\t/, `$1\t${value}\t`));
/** Edits the first movie line of title.basics after line 40. */
const editMovie = (edit: (line: string) => string) => (p: string) => {
  let done = false;
  const movie = (l: string) => l.split('\t')[1] === 'movie' && l.split('\t')[4] === '0';
  editLines(p, (l, i) => (!done && i > 40 && movie(l) && (done = true) ? edit(l) : l));
};
const ratingsOk = (m: Model) => {
  for (const r of m.catalog.rating) assert.ok(r >= 1 && r <= 10, `rating ${r} in the model`);
  for (const v of m.catalog.votes) assert.ok(v >= 0, `votes ${v} in the model`);
};
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;
const titlesClean = (m: Model) => {
  for (let i = 0; i < m.catalog.size; i++) {
    assert.ok(!CONTROL.test(m.catalog.title.get(i)), `control character in ${m.catalog.title.get(i)}`);
  }
};

const DAMAGES: Damage[] = [
  {
    name: 'title.basics cut in half (head -c)',
    file: 'title.basics.tsv.gz',
    damage: (p) => writeFileSync(p, readFileSync(p).subarray(0, readFileSync(p).length >> 1)),
    expect: 'refused',
  },
  {
    name: 'title.ratings cut to 30 %',
    file: 'title.ratings.tsv.gz',
    damage: (p) => writeFileSync(p, readFileSync(p).subarray(0, Math.floor(readFileSync(p).length * 0.3))),
    expect: 'refused',
  },
  {
    name: 'title.principals cut in half',
    file: 'title.principals.tsv.gz',
    damage: (p) => writeFileSync(p, readFileSync(p).subarray(0, readFileSync(p).length >> 1)),
    expect: 'refused',
  },
  {
    name: 'title.ratings: the first 30 % of rows only, as a valid gzip',
    file: 'title.ratings.tsv.gz',
    damage: (p) => {
      const n = text(p).split('\n').length;
      editLines(p, (l, i) => (i < n * 0.3 ? l : null));
    },
    expect: 'refused',
  },
  {
    name: 'title.ratings: 71 % malformed rows',
    file: 'title.ratings.tsv.gz',
    damage: (p) => editLines(p, (l, i) => (i % 100 < 71 ? l.replace(/\t\d+$/, '\tmany') : l)),
    expect: 'refused',
  },
  {
    name: 'averageRating nan',
    file: 'title.ratings.tsv.gz',
    damage: setRating('nan'),
    expect: 'counted',
    check: ratingsOk,
  },
  {
    name: 'averageRating inf',
    file: 'title.ratings.tsv.gz',
    damage: setRating('inf'),
    expect: 'counted',
    check: ratingsOk,
  },
  {
    name: 'averageRating 1e300',
    file: 'title.ratings.tsv.gz',
    damage: setRating('1e300'),
    expect: 'counted',
    check: ratingsOk,
  },
  {
    name: 'averageRating 99.5',
    file: 'title.ratings.tsv.gz',
    damage: setRating('99.5'),
    expect: 'counted',
    check: ratingsOk,
  },
  {
    name: 'averageRating -3',
    file: 'title.ratings.tsv.gz',
    damage: setRating('-3'),
    expect: 'counted',
    check: ratingsOk,
  },
  {
    name: 'negative numVotes',
    file: 'title.ratings.tsv.gz',
    damage: editRatings((l) => l.replace(/\t\d+$/, '\t-5000')),
    expect: 'counted',
    check: ratingsOk,
  },
  {
    name: 'a bare \\r inside a title',
    file: 'title.basics.tsv.gz',
    damage: editMovie((l) => l.replace(/\tmovie\t/, '\tmovie\tA\rB ')),
    expect: 'counted',
    check: titlesClean,
  },
  {
    name: 'NUL and other control characters in titles',
    file: 'title.basics.tsv.gz',
    damage: (p) =>
      editLines(p, (l) => (/\tmovie\t/.test(l) ? l.replace(/\tmovie\t/, '\tmovie\tx\u0000\u0007\u001b') : l)),
    expect: 'counted',
    silent: true,
    check: titlesClean,
  },
  {
    name: 'a field over 2 MB',
    file: 'title.basics.tsv.gz',
    damage: (p) => editMovie((l) => l.replace(/\tmovie\t/, `\tmovie\t${'x'.repeat(2_200_000)}`))(p),
    expect: 'counted',
  },
  {
    name: 'a header with two extra columns of the same name',
    file: 'title.basics.tsv.gz',
    damage: (p) => {
      const [header, ...lines] = text(p).replace(/\n$/, '').split('\n');
      write(p, `${[`${header}\tx\tx`, ...lines.map((l) => `${l}\t1\t2`)].join('\n')}\n`);
    },
    expect: 'counted',
  },
  {
    name: 'duplicate tconst rows',
    file: 'title.basics.tsv.gz',
    damage: (p) => {
      const [header, ...lines] = text(p).replace(/\n$/, '').split('\n');
      const ids = movies(p);
      const dupes = lines.filter((l) => ids.has(l.split('\t')[0]!)).slice(0, 76);
      write(p, `${[header, ...lines, ...dupes].join('\n')}\n`);
    },
    expect: 'counted',
    check: (m) =>
      assert.equal(
        new Set(Array.from({ length: m.catalog.size }, (_, i) => m.catalog.id.get(i))).size,
        m.catalog.size,
      ),
  },
  {
    name: 'a data file that is a folder',
    file: 'title.ratings.tsv.gz',
    damage: (p) => {
      rmSync(p);
      mkdirSync(p);
    },
    expect: 'refused',
  },
];

let base = '';
let clean = '';
const figures = none();

test('damaged input never crashes the build or replaces the model', { skip }, async (t) => {
  base = tempDir('damaged');
  clean = join(base, 'clean');
  cpSync(SAMPLE, clean, { recursive: true, filter: (src) => !src.includes('provenance') });
  const cleanBuild = build(clean, join(base, 'clean-model'));
  assert.equal(cleanBuild.status, 0, cleanBuild.stderr);
  const cleanMovies = (await load(join(base, 'clean-model'))).catalog.size;
  for (const [i, d] of DAMAGES.entries()) {
    await t.test(d.name, async () => {
      figures.tried++;
      const dir = join(base, `case-${i}`);
      const data = join(dir, 'data');
      const model = join(dir, 'model');
      cpSync(clean, data, { recursive: true });
      cpSync(join(base, 'clean-model'), model, { recursive: true });
      const before = snapshot(model);
      d.damage(join(data, d.file));
      const r = build(data, model);
      if (r.status === CRASH || r.signal) figures.crashes++;
      assert.notEqual(r.status, CRASH, `crashed:\n${r.stderr.slice(-1500)}`);
      assert.equal(r.signal, null);
      const stem = d.file.replace('.tsv.gz', '');
      if (!d.silent)
        assert.ok(r.stderr.includes(stem), `stderr does not name ${stem}:\n${r.stderr.slice(-800)}`);
      assert.deepEqual(
        readdirSync(dir).filter((n) => n.startsWith('.model.')),
        [],
        'temp folders left behind',
      );
      if (d.expect === 'refused') {
        if (r.status === 0) figures.replaced++;
        assert.equal(r.status, 2, `not refused (exit ${r.status}):\n${r.stderr.slice(-800)}`);
        assert.equal(
          r.stderr
            .trim()
            .split('\n')
            .filter((l) => l.startsWith('kinema:')).length,
          1,
        );
        assert.deepEqual(snapshot(model), before, 'the previous model changed');
      } else {
        assert.equal(r.status, 0, r.stderr.slice(-800));
        const built = await load(model);
        assert.ok(built.catalog.size >= cleanMovies * 0.98, `${built.catalog.size} of ${cleanMovies} movies`);
        assert.ok(
          built.catalog.size <= cleanMovies,
          `${built.catalog.size} movies, more than the clean ${cleanMovies}`,
        );
        d.check?.(built);
      }
    });
  }
  reportFigures('build: damaged input (real sample)', figures);
  assert.equal(figures.crashes, 0);
  assert.equal(figures.replaced, 0);
});

test('--accept-shrink builds what the shrink check refused, and says what it accepted', { skip }, () => {
  const dir = join(base || tempDir('shrink'), 'accept');
  const data = join(dir, 'data');
  const model = join(dir, 'model');
  cpSync(clean || SAMPLE, data, { recursive: true, filter: (src) => !src.includes('provenance') });
  assert.equal(build(data, model).status, 0);
  const ratings = join(data, 'title.ratings.tsv.gz');
  const n = text(ratings).split('\n').length;
  editLines(ratings, (l, i) => (i < n * 0.3 ? l : null));
  const refused = build(data, model);
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(refused.stderr, /title\.ratings\.tsv\.gz|catalog/);
  assert.match(refused.stderr, /--accept-shrink/);
  assert.match(refused.stderr, /\d[\d,]* \w+ where the current model has \d[\d,]*/);
  const accepted = build(data, model, ['--accept-shrink']);
  assert.equal(accepted.status, 0, accepted.stderr);
});

const MOVIELENS = join(ROOT, '../shared/data/movielens');
const noMovieLens = skip || (existsSync(join(MOVIELENS, 'ratings.csv')) ? false : `${MOVIELENS} is absent`);

test(
  'a cut or malformed MovieLens ratings.csv is refused, naming the file; the model stays',
  { skip: noMovieLens },
  async () => {
    const dir = join(base || tempDir('movielens'), 'movielens-case');
    const data = join(dir, 'data');
    const model = join(dir, 'model');
    cpSync(clean || SAMPLE, data, { recursive: true, filter: (src) => !src.includes('provenance') });
    cpSync(MOVIELENS, join(dir, 'movielens'), { recursive: true });
    const first = build(data, model);
    assert.equal(first.status, 0, first.stderr);
    assert.ok((await load(model)).manifest.collab, 'the clean build has no collaborative lists');
    const before = snapshot(model);
    const ratings = join(dir, 'movielens', 'ratings.csv');
    const lines = readFileSync(ratings, 'utf8').split('\n');
    const damages: [string, string][] = [
      ['the first 30 % of the lines', lines.slice(0, Math.floor(lines.length * 0.3)).join('\n')],
      [
        '5 % of the ratings not numbers',
        lines.map((l, i) => (i > 0 && i % 20 === 0 ? l.replace(/,[\d.]+,/, ',x,') : l)).join('\n'),
      ],
    ];
    const movieLensFigures = none();
    for (const [what, text] of damages) {
      writeFileSync(ratings, text);
      const r = build(data, model);
      movieLensFigures.tried++;
      if (r.status === CRASH || r.signal) movieLensFigures.crashes++;
      if (r.status === 0) movieLensFigures.replaced++;
      assert.equal(r.status, 2, `${what}: not refused (exit ${r.status}):\n${r.stderr.slice(-800)}`);
      assert.match(r.stderr, /ratings\.csv/, what);
      assert.match(r.stderr, /--accept-shrink/, what);
      assert.deepEqual(snapshot(model), before, `${what}: the previous model changed`);
    }
    reportFigures('build: damaged MovieLens ratings (real sample)', movieLensFigures);
  },
);

function build(data: string, model: string, extra: string[] = []) {
  return kinema([
    'build',
    '--data',
    data,
    '--model',
    model,
    '--cache',
    join(data, '..', 'cache'),
    '--neighbours',
    '0',
    '--threads',
    '1',
    ...extra,
  ]);
}

async function load(dir: string): Promise<Model> {
  return loadModel(fileModelReader(dir));
}
