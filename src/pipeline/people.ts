/**
 * Build step: who made and starred in each catalog movie, as CSR lists over catalog rows (written to people.bin by the build).
 * Directors and writers come from title.crew, top-billed cast from title.principals, names from
 * name.basics; SQL in src/db/sql/people*.sql. A person without a name.basics row gets an empty name:
 * the similarity still sees them, pages and explanations leave them out, and the build counts them.
 * Cast characters are parsed here from IMDb's JSON-like list. Missing crew/principals tables give empty
 * lists.
 */
import type { Db } from '../db/database.ts';
import { loadSql } from '../db/database.ts';
import type { Logger } from '../core/log.ts';
import type { PeopleJson } from '../core/model-people.ts';
import { KinemaError } from '../core/errors.ts';
import { parseCharacters } from '../core/people/characters.ts';

interface ListRow {
  idx: number;
  directors: number[];
  writers: number[];
  cast: number[];
  characters: string[];
  known: number[];
}

interface NameRow {
  pid: number;
  nconst: string;
  name: string;
  birthYear: number;
  deathYear: number;
  professions: string;
}

export async function buildPeople(db: Db, log: Logger): Promise<PeopleJson & { unnamed: number }> {
  await db.exec(loadSql('people'));
  const lists = await db.rows<ListRow>(loadSql('people-lists'));
  const names = await db.rows<NameRow>(loadSql('people-names'));
  const out: PeopleJson & { unnamed: number } = {
    id: names.map((r) => r.nconst),
    name: names.map((r) => r.name),
    directors: { offsets: [0], items: [] },
    writers: { offsets: [0], items: [] },
    cast: { offsets: [0], items: [] },
    birthYear: names.map((r) => clampYear(r.birthYear)),
    deathYear: names.map((r) => clampYear(r.deathYear)),
    professions: names.map((r) => r.professions),
    characters: [],
    known: { offsets: [0], items: [] },
    unnamed: names.filter((r) => r.name === '').length,
  };
  names.forEach((r, i) => {
    if (r.pid !== i) throw new KinemaError('bad-input', `people: person ids are not dense at ${r.nconst}`);
  });
  lists.forEach((row, i) => {
    if (row.idx !== i)
      throw new KinemaError('bad-input', `people: catalog row ${i} is missing (got ${row.idx})`);
    for (const role of ['directors', 'writers', 'cast'] as const) {
      const csr = out[role];
      for (const pid of row[role]) csr.items.push(Number(pid));
      csr.offsets.push(csr.items.length);
    }
    for (const raw of row.characters) out.characters!.push(parseCharacters(raw));
    for (const pid of row.known) out.known!.items.push(Number(pid));
    out.known!.offsets.push(out.known!.items.length);
  });
  await db.exec('DROP TABLE IF EXISTS movie_people');
  const withPeople = lists.filter((r) => r.directors.length + r.writers.length + r.cast.length > 0).length;
  log.info(
    `people: ${out.id.length.toLocaleString('en-US')} people for ${withPeople.toLocaleString('en-US')} of ${lists.length.toLocaleString('en-US')} movies` +
      (out.unnamed ? `; ${out.unnamed.toLocaleString('en-US')} not in name.basics (left out of pages)` : ''),
  );
  return out;
}

/** Int16 columns: a year outside 0-32767 is unknown. */
function clampYear(year: number): number {
  return year > 0 && year < 32768 ? year : 0;
}
