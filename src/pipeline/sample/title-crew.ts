/** title.crew: one row per title; directors and writers as comma-separated nconsts, or `\N`. */
import { RowRandom, SALT } from './row-random.ts';
import { NULL, type SampleTable } from './table.ts';
import { nconst, pickPerson, tconst } from './titles.ts';

export const titleCrew: SampleTable = {
  name: 'title.crew',
  units: (shape) => shape.titles,
  rows(shape, from, to, count) {
    const r = new RowRandom();
    const { seed, people } = shape;
    let out = '';
    for (let i = from; i < to; i++) {
      r.at(seed, SALT.crew, i);
      const directors = r.chance(0.08)
        ? NULL
        : people_(r, people, r.chance(0.85) ? 1 : r.chance(0.8) ? 2 : 3);
      const writers = r.chance(0.32) ? NULL : people_(r, people, 1 + Math.floor(r.next() ** 2 * 4));
      out += `${tconst(seed, i)}\t${directors}\t${writers}\n`;
    }
    count.rows += to - from;
    return out;
  },
};

/** n distinct people as `nm…,nm…`. */
function people_(r: RowRandom, people: number, n: number): string {
  const chosen: number[] = [];
  for (let tries = 0; chosen.length < n && tries < 3 * n; tries++) {
    const j = pickPerson(r, people);
    if (!chosen.includes(j)) chosen.push(j);
  }
  return chosen.map(nconst).join(',');
}
