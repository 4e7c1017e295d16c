/**
 * title.akas: the titles a title goes by around the world. Every title has its original-title row; movies
 * and series have many more (mean ≈ 4.6 rows per title overall, as in the real file), usually including
 * a US row, sometimes marked English (what the 2020 recipe joins on).
 */
import { cumulative, RowRandom, SALT } from './row-random.ts';
import { NULL, type SampleTable } from './table.ts';
import { T, tconst, titleText, titleType } from './titles.ts';
import { makeTitle } from './words.ts';

// [region, language, weight, language of a localized title]
const REGIONS: [string, string, number, string][] = [
  ['US', NULL, 14, 'en'],
  ['US', 'en', 5, 'en'],
  ['GB', NULL, 5, 'en'],
  ['GB', 'en', 1, 'en'],
  ['DE', NULL, 4, 'de'],
  ['DE', 'de', 0.5, 'de'],
  ['FR', NULL, 3, 'fr'],
  ['FR', 'fr', 0.5, 'fr'],
  ['XWW', 'en', 3, 'en'],
  ['CA', 'en', 2, 'en'],
  ['CA', 'fr', 1, 'fr'],
  ['IN', 'hi', 2, 'hi'],
  ['IN', 'en', 2, 'en'],
  ['IN', NULL, 2, 'hi'],
  ['IT', NULL, 2.5, 'it'],
  ['PL', NULL, 2.3, 'en'],
  ['ES', NULL, 2.3, 'es'],
  ['RU', NULL, 2, 'ru'],
  ['JP', NULL, 1.5, 'ja'],
  ['JP', 'ja', 1.5, 'ja'],
  ['BR', NULL, 1.8, 'pt'],
  ['BR', 'pt', 0.3, 'pt'],
  ['NL', NULL, 1.6, 'en'],
  ['AU', NULL, 1.5, 'en'],
  ['SE', NULL, 1.5, 'en'],
  ['MX', NULL, 1, 'es'],
  ['AR', NULL, 0.8, 'es'],
  ['TR', NULL, 1, 'tr'],
  ['TR', 'tr', 0.3, 'tr'],
  ['GR', NULL, 0.8, 'en'],
  ['HU', NULL, 0.9, 'en'],
  ['CN', 'zh', 0.8, 'zh'],
  ['KR', 'ko', 0.7, 'ko'],
  ['TW', 'zh', 0.4, 'zh'],
  ['EG', 'ar', 0.3, 'ar'],
  [NULL, NULL, 3, 'en'],
];
const REGION_CDF = cumulative(REGIONS.map((x) => x[2]));
const TYPES: [string, number][] = [
  ['imdbDisplay', 55],
  [NULL, 30],
  ['alternative', 4],
  ['working', 3],
  ['festival', 2],
  ['tv', 2],
  ['dvd', 2],
  ['video', 1],
  ['dvdimdbDisplay', 0.05],
];
const TYPE_CDF = cumulative(TYPES.map((x) => x[1]));
const ATTRIBUTES = [
  'new title',
  'alternative spelling',
  'complete title',
  'literal English title',
  'original subtitled version',
  'informal English title',
  'short title',
  'alternative transliteration',
  'transliterated title',
  'reissue title',
  'video box title',
  'promotional title',
  '3-D version',
];
// extra rows beyond the original one, by TITLE_TYPES index: uniform 0..max
const EXTRA_MAX = [6, 4, 27, 3, 17, 11, 15, 7, 5, 2, 3];

export const titleAkas: SampleTable = {
  name: 'title.akas',
  units: (shape) => shape.titles,
  rows(shape, from, to, count) {
    const r = new RowRandom();
    const { seed } = shape;
    let out = '';
    for (let i = from; i < to; i++) {
      const type = titleType(seed, i);
      const { primary, original } = titleText(seed, i, type);
      const id = tconst(seed, i);
      r.at(seed, SALT.akas, i);
      const n = 1 + r.int(EXTRA_MAX[type]! + 1);
      const originalAt = 1 + r.int(n);
      for (let k = 1; k <= n; k++) {
        if (k === originalAt) {
          out += `${id}\t${k}\t${original}\t${NULL}\t${NULL}\toriginal\t${NULL}\t1\n`;
          continue;
        }
        // most movies have a US row; the first extra row is where we put it
        const usFirst = type === T.movie && k === (originalAt === 1 ? 2 : 1) && r.chance(0.8);
        const [region, language, , lang] = usFirst
          ? REGIONS[r.chance(0.4) ? 1 : 0]!
          : REGIONS[r.weighted(REGION_CDF)]!;
        const title = lang === 'en' || r.chance(0.4) ? primary : makeTitle(r, lang);
        const types = TYPES[r.weighted(TYPE_CDF)]![0];
        const attributes = r.chance(0.03) ? r.pick(ATTRIBUTES) : NULL;
        const isOriginal = r.chance(0.00002) ? NULL : '0';
        out += `${id}\t${k}\t${title}\t${region}\t${language}\t${types}\t${attributes}\t${isOriginal}\n`;
      }
      count.rows += n;
    }
    return out;
  },
};
