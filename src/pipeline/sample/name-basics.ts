/**
 * name.basics: one row per person. Most birth years are unknown; professions are up to three, sometimes an
 * empty string (a quirk of the real file); knownForTitles lists up to four existing titles.
 */
import { cumulative, RowRandom, SALT } from './row-random.ts';
import { NULL, type SampleTable } from './table.ts';
import { nconst, pickTitle, tconst } from './titles.ts';
import { makePersonName } from './words.ts';

const PROFESSIONS: [string, number][] = [
  ['actor', 20],
  ['actress', 13],
  ['producer', 10],
  ['writer', 9],
  ['director', 8],
  ['miscellaneous', 6],
  ['camera_department', 4],
  ['cinematographer', 3],
  ['soundtrack', 3],
  ['editor', 3],
  ['composer', 3],
  ['music_department', 2.5],
  ['assistant_director', 2],
  ['art_department', 2],
  ['sound_department', 2],
  ['archive_footage', 1.5],
  ['editorial_department', 1.5],
  ['production_manager', 1.2],
  ['visual_effects', 1],
  ['stunts', 0.8],
  ['make_up_department', 0.8],
  ['animation_department', 0.6],
  ['casting_department', 0.5],
  ['costume_department', 0.5],
  ['executive', 0.4],
  ['special_effects', 0.4],
  ['location_management', 0.3],
  ['script_department', 0.3],
  ['transportation_department', 0.2],
  ['talent_agent', 0.1],
  ['legal', 0.02],
];
const PROFESSION_CDF = cumulative(PROFESSIONS.map((x) => x[1]));

export const nameBasics: SampleTable = {
  name: 'name.basics',
  units: (shape) => shape.people,
  rows(shape, from, to, count) {
    const r = new RowRandom();
    const { seed, titles, year } = shape;
    let out = '';
    for (let j = from; j < to; j++) {
      r.at(seed, SALT.names, j);
      const name = makePersonName(r);
      // early ids are the famous, older people: more often with known years
      const known = r.chance(j < 0.01 * shape.people ? 0.7 : 0.12);
      const birth = known
        ? Math.min(year - 5, 1850 + Math.floor(r.next() * (year - 1850) * (0.6 + 0.4 * (j / shape.people))))
        : 0;
      const death =
        birth && birth < year - 60 && r.chance(0.75) ? Math.min(year, birth + r.range(30, 100)) : 0;
      const lateDeath = !birth && r.chance(0.01) ? r.range(1900, year) : 0;
      out += `${nconst(j)}\t${name}\t${birth || NULL}\t${death || lateDeath || NULL}\t${professions(r)}\t${knownFor(r, seed, titles)}\n`;
    }
    count.rows += to - from;
    return out;
  },
};

function professions(r: RowRandom): string {
  if (r.chance(0.05)) return r.chance(0.005) ? NULL : '';
  const n = r.chance(0.6) ? 1 : r.chance(0.6) ? 2 : 3;
  const chosen: string[] = [];
  for (let k = 0; k < n; k++) {
    const p = PROFESSIONS[r.weighted(PROFESSION_CDF)]![0];
    if (!chosen.includes(p)) chosen.push(p);
  }
  return chosen.join(',');
}

function knownFor(r: RowRandom, seed: number, titles: number): string {
  if (r.chance(0.08)) return NULL;
  const n = r.range(1, 4);
  const chosen: number[] = [];
  for (let k = 0; k < n; k++) {
    const i = pickTitle(r, titles);
    if (!chosen.includes(i)) chosen.push(i);
  }
  return chosen.map((i) => tconst(seed, i)).join(',');
}
