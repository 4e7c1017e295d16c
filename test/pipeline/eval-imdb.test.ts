import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { imdbGenres, parseMovieLensTitle, writeEvalImdbData } from '../../src/pipeline/eval-imdb.ts';
import type { MovieLens } from '../../src/pipeline/movielens.ts';

test('MovieLens titles: trailing articles move to the front, alternative titles and years split off', () => {
  const cases: [string, ReturnType<typeof parseMovieLensTitle>][] = [
    ['Toy Story (1995)', { title: 'Toy Story', originalTitle: 'Toy Story', year: 1995 }],
    [
      'American President, The (1995)',
      { title: 'The American President', originalTitle: 'The American President', year: 1995 },
    ],
    [
      'City of Lost Children, The (Cité des enfants perdus, La) (1995)',
      { title: 'The City of Lost Children', originalTitle: 'La Cité des enfants perdus', year: 1995 },
    ],
    ['Seven (a.k.a. Se7en) (1995)', { title: 'Seven', originalTitle: 'Seven', year: 1995 }],
    ['Babylon 5', { title: 'Babylon 5', originalTitle: 'Babylon 5', year: null }],
    [
      'Death Note: Desu nôto (2006–2007)',
      { title: 'Death Note: Desu nôto', originalTitle: 'Death Note: Desu nôto', year: 2006 },
    ],
    [
      'Homme et une femme, Un (1966) ',
      { title: 'Un Homme et une femme', originalTitle: 'Un Homme et une femme', year: 1966 },
    ],
  ];
  for (const [raw, expected] of cases) assert.deepEqual(parseMovieLensTitle(raw), expected, raw);
});

test('MovieLens genres map to IMDb names', () => {
  assert.deepEqual(imdbGenres(['Children', 'IMAX', 'Sci-Fi', 'Film-Noir']), [
    'Family',
    'Sci-Fi',
    'Film-Noir',
  ]);
  assert.deepEqual(imdbGenres([]), []);
});

const HEADERS: Record<string, string> = {
  'title.basics':
    'tconst\ttitleType\tprimaryTitle\toriginalTitle\tisAdult\tstartYear\tendYear\truntimeMinutes\tgenres',
  'title.ratings': 'tconst\taverageRating\tnumVotes',
  'title.crew': 'tconst\tdirectors\twriters',
  'title.principals': 'tconst\tordering\tnconst\tcategory\tjob\tcharacters',
  'title.akas': 'titleId\tordering\ttitle\tregion\tlanguage\ttypes\tattributes\tisOriginalTitle',
  'name.basics': 'nconst\tprimaryName\tbirthYear\tdeathYear\tprimaryProfession\tknownForTitles',
};

function imdbFolder(rows: Record<string, string[]>): string {
  const dir = mkdtempSync(join(tmpdir(), 'kinema-imdb-'));
  for (const [name, header] of Object.entries(HEADERS)) {
    writeFileSync(join(dir, `${name}.tsv.gz`), gzipSync([header, ...(rows[name] ?? [])].join('\n') + '\n'));
  }
  return dir;
}

const read = (dir: string, name: string) =>
  gunzipSync(readFileSync(join(dir, `${name}.tsv.gz`)))
    .toString('utf8')
    .trimEnd()
    .split('\n');

test('writes IMDb-format files: real rows where the sample has them, MovieLens basics elsewhere', () => {
  const imdb = imdbFolder({
    'title.basics': [
      'tt0113277\tmovie\tHeat\tHeat\t0\t1995\t\\N\t170\tAction,Crime,Drama',
      'tt9999999\tmovie\tNot in MovieLens\tNot in MovieLens\t0\t2001\t\\N\t90\tDrama',
    ],
    'title.ratings': ['tt0113277\t8.3\t700000', 'tt0114709\t8.3\t1000000', 'tt9999999\t5\t10'],
    'title.crew': ['tt0113277\tnm0000520\tnm0000520,nm0000002'],
    'title.principals': ['tt0113277\t1\tnm0000199\tactor\t\\N\t["McCauley"]'],
    'title.akas': ['tt0114709\t1\tToy Story\tUS\ten\timdbDisplay\t\\N\t0'],
    'name.basics': [
      'nm0000199\tAl Pacino\t1940\t\\N\tactor\ttt0113277',
      'nm0000520\tMichael Mann\t1943\t\\N\tdirector\ttt0113277',
      'nm0000777\tSomeone Else\t\\N\t\\N\t\tt0000001',
    ],
  });
  const out = mkdtempSync(join(tmpdir(), 'kinema-eval-data-'));
  const ml: MovieLens = {
    movies: [
      { movieId: 1, title: 'Toy Story (1995)', genres: ['Adventure', 'Animation', 'Children', 'IMAX'] },
      { movieId: 6, title: 'Heat (1995)', genres: ['Action'] },
      { movieId: 7, title: 'Unrated (1990)', genres: [] },
    ],
    tconst: new Map([
      [1, 'tt0114709'],
      [6, 'tt0113277'],
      [7, 'tt0000007'],
    ]),
    ratings: [],
  };
  try {
    const sources = writeEvalImdbData(ml, imdb, out);
    assert.deepEqual(read(out, 'title.basics'), [
      HEADERS['title.basics'],
      'tt0000007\tmovie\tUnrated\tUnrated\t0\t1990\t\\N\t\\N\t\\N',
      'tt0113277\tmovie\tHeat\tHeat\t0\t1995\t\\N\t170\tAction,Crime,Drama',
      'tt0114709\tmovie\tToy Story\tToy Story\t0\t1995\t\\N\t\\N\tAdventure,Animation,Family',
    ]);
    assert.deepEqual(read(out, 'title.ratings').slice(1), [
      'tt0113277\t8.3\t700000',
      'tt0114709\t8.3\t1000000',
    ]);
    assert.equal(read(out, 'title.crew').length, 2);
    assert.equal(read(out, 'title.akas').length, 2);
    // only people the kept crew and cast name
    assert.deepEqual(
      read(out, 'name.basics')
        .slice(1)
        .map((l) => l.split('\t')[1]),
      ['Al Pacino', 'Michael Mann'],
    );
    assert.deepEqual(sources, {
      movies: 2,
      basics: { imdb: 1, movielens: 1 },
      genres: { imdb: 1, movielens: 1, none: 0 },
      year: { imdb: 1, movielens: 1, none: 0 },
      runtime: { imdb: 1, none: 1 },
      ratings: { imdb: 2 },
      crew: 1,
      principals: 1,
      akas: 1,
      names: 2,
    });
    // deterministic bytes
    const first = readFileSync(join(out, 'title.basics.tsv.gz'));
    writeEvalImdbData(ml, imdb, out);
    assert.deepEqual(readFileSync(join(out, 'title.basics.tsv.gz')), first);
  } finally {
    rmSync(imdb, { recursive: true });
    rmSync(out, { recursive: true });
  }
});

test('a missing or malformed IMDb file is a clear error', () => {
  const imdb = imdbFolder({ 'title.ratings': ['tt0000001\t5.0'] });
  const ml: MovieLens = {
    movies: [{ movieId: 1, title: 'X (1990)', genres: [] }],
    tconst: new Map([[1, 'tt0000001']]),
    ratings: [],
  };
  try {
    assert.throws(
      () => writeEvalImdbData(ml, imdb, join(imdb, 'out')),
      /title\.ratings\.tsv\.gz:2: expected 3 tab-separated fields, found 2/,
    );
    rmSync(join(imdb, 'title.crew.tsv.gz'));
    assert.throws(
      () => writeEvalImdbData(ml, join(imdb, 'nope'), join(imdb, 'out')),
      /title\.basics\.tsv\.gz does not exist/,
    );
  } finally {
    rmSync(imdb, { recursive: true });
  }
});
