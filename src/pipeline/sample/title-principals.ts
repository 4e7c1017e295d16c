/**
 * title.principals: the main cast and crew of a title (mean ≈ 7.8 rows per title, 90M at scale 1.0):
 * actors, actresses or "self" first, then director, writer, producer and the rest. `characters` is a
 * JSON-like list with double quotes inside the field; `job` is mostly `\N`.
 */
import { cumulative, RowRandom, SALT } from './row-random.ts';
import { NULL, type SampleTable } from './table.ts';
import { T, nconst, pickPerson, tconst, titleType } from './titles.ts';
import { makeCharacters } from './words.ts';

const CREW: [string, number][] = [
  ['director', 16],
  ['writer', 10],
  ['producer', 10],
  ['cinematographer', 8],
  ['composer', 5],
  ['editor', 4],
  ['production_designer', 1],
  ['casting_director', 1],
  ['archive_footage', 0.4],
  ['archive_sound', 0.05],
];
const CREW_CDF = cumulative(CREW.map((x) => x[1]));
const JOBS: Record<string, [number, readonly string[]]> = {
  producer: [0.7, ['producer', 'producer', 'producer', 'executive producer', 'co-producer', 'line producer']],
  writer: [0.3, ['screenplay', 'written by', 'novel', 'story', 'play', 'created by', 'screenplay by']],
  cinematographer: [0.1, ['director of photography']],
  director: [0.03, ['co-director']],
};

export const titlePrincipals: SampleTable = {
  name: 'title.principals',
  units: (shape) => shape.titles,
  rows(shape, from, to, count) {
    const r = new RowRandom();
    const { seed, people } = shape;
    let out = '';
    for (let i = from; i < to; i++) {
      const type = titleType(seed, i);
      const id = tconst(seed, i);
      r.at(seed, SALT.principals, i);
      const n = type === T.movie ? r.range(5, 16) : type === T.short ? r.range(2, 9) : r.range(3, 13);
      const cast = Math.max(1, Math.round(n * (0.45 + 0.3 * r.next())));
      const selfish = r.chance(0.08); // documentaries, talk shows, reality TV
      const seen: number[] = [];
      for (let k = 1; k <= n; k++) {
        let person = pickPerson(r, people);
        if (seen.includes(person)) person = pickPerson(r, people); // one retry keeps repeats rare, not impossible
        seen.push(person);
        let category: string;
        let characters = NULL;
        if (k <= cast) {
          category = selfish ? 'self' : r.chance(0.6) ? 'actor' : 'actress';
          if (r.chance(0.88)) characters = makeCharacters(r, selfish);
        } else {
          category = CREW[r.weighted(CREW_CDF)]![0];
          if (category === 'archive_footage') characters = '["Self"]';
        }
        const jobs = JOBS[category];
        const job = jobs && r.chance(jobs[0]) ? r.pick(jobs[1]) : NULL;
        out += `${id}\t${k}\t${nconst(person)}\t${category}\t${job}\t${characters}\n`;
      }
      count.rows += n;
    }
    return out;
  },
};
