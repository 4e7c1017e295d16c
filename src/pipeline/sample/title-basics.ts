/** title.basics: one row per title with type, titles, adult flag, years, runtime and up to 3 genres. */
import { GENRES } from '../../core/genres.ts';
import { cumulative, RowRandom, SALT } from './row-random.ts';
import { NULL, type SampleTable } from './table.ts';
import { T, TITLE_TYPES, tconst, titleText, titleType, titleYear } from './titles.ts';

// how common each genre is (GENRES order); Adult and Short come from the adult flag and the type
const GENRE_WEIGHTS: Record<string, number> = {
  Drama: 25,
  Comedy: 20,
  Documentary: 12,
  Action: 8,
  Romance: 7,
  Thriller: 7,
  Crime: 7,
  Horror: 5,
  Adventure: 5,
  Family: 5,
  Animation: 5,
  Music: 4,
  Mystery: 4,
  'Reality-TV': 4,
  Fantasy: 3,
  'Talk-Show': 3,
  Biography: 3,
  History: 3,
  'Sci-Fi': 3,
  Sport: 2,
  News: 2,
  'Game-Show': 1.5,
  Musical: 1.5,
  War: 1.5,
  Western: 1,
  'Film-Noir': 0.3,
  Adult: 0,
  Short: 0,
};
const GENRE_CDF = cumulative(GENRES.map((g) => GENRE_WEIGHTS[g] ?? 0));
const ADULT = GENRES.indexOf('Adult');
const SHORT = GENRES.indexOf('Short');

export const titleBasics: SampleTable = {
  name: 'title.basics',
  units: (shape) => shape.titles,
  rows(shape, from, to, count) {
    const r = new RowRandom();
    const { seed } = shape;
    let out = '';
    for (let i = from; i < to; i++) {
      const type = titleType(seed, i);
      const year = titleYear(shape, i, type);
      const { primary, original } = titleText(seed, i, type);
      r.at(seed, SALT.basics, i);
      const adult = r.chance(type === T.movie || type === T.video ? 0.035 : 0.015);
      const released = year !== 0 && year <= shape.year;
      const ongoing = type === T.series || type === T.mini;
      const end =
        ongoing && released && r.chance(0.5) ? String(Math.min(year + r.int(12), shape.year)) : NULL;
      out +=
        `${tconst(seed, i)}\t${TITLE_TYPES[type]}\t${primary}\t${r.chance(0.0002) ? NULL : original}\t` +
        `${adult ? 1 : 0}\t${year || NULL}\t${end}\t${runtime(r, type, released)}\t${genres(r, type, adult)}\n`;
    }
    count.rows += to - from;
    return out;
  },
};

// --- internal ---

function runtime(r: RowRandom, type: number, released: boolean): string {
  const missing = !released
    ? 0.9
    : type === T.episode
      ? 0.72
      : type === T.movie
        ? 0.25
        : type === T.game
          ? 0.95
          : 0.4;
  if (r.chance(missing)) return NULL;
  switch (type) {
    case T.movie:
      return r.chance(0.003) ? String(r.range(241, 900)) : around(r, 95, 20, 40, 240);
    case T.short:
    case T.tvShort:
      return String(1 + Math.floor(r.next() ** 2 * 44));
    case T.episode:
      return around(r, 35, 15, 1, 120);
    case T.tvMovie:
      return around(r, 90, 15, 45, 200);
    default:
      return around(r, 45, 25, 1, 300);
  }
}

function around(r: RowRandom, mean: number, sd: number, lo: number, hi: number): string {
  return String(Math.min(hi, Math.max(lo, Math.round(mean + sd * r.normal()))));
}

function genres(r: RowRandom, type: number, adult: boolean): string {
  if (r.chance(0.06)) return NULL;
  let mask = 0;
  let n = r.chance(0.55) ? 1 : r.chance(0.55) ? 2 : 3;
  if (adult) {
    mask |= 1 << ADULT;
    n--;
  }
  if ((type === T.short || type === T.tvShort) && r.chance(0.85)) {
    mask |= 1 << SHORT;
    n--;
  }
  for (let tries = 0; n > 0 && tries < 10; tries++) {
    const g = r.weighted(GENRE_CDF);
    if (mask & (1 << g)) continue;
    mask |= 1 << g;
    n--;
  }
  // GENRES is alphabetical, so walking the bits gives IMDb's sorted, comma-separated list
  let out = '';
  for (let g = 0; g < GENRES.length; g++) if (mask & (1 << g)) out += out ? `,${GENRES[g]}` : GENRES[g];
  return out || NULL;
}
