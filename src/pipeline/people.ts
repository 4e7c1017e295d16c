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
import type { StepTimer } from './build-steps.ts';

interface NameStrings {
  nconst: string;
  name: string;
  professions: string;
}

/** Who is in each catalog movie: what a pair score needs; readPeopleDetails adds who they are. */
export interface PeopleLists {
  movies: number;
  /** Person ids are 0 .. persons − 1. */
  persons: number;
  directors: PeopleJson['cast'];
  writers: PeopleJson['cast'];
  cast: PeopleJson['cast'];
  known: PeopleJson['cast'];
}

/** People with their details, and how many have no name.basics row and how many movies have credits. */
export type PeopleDetails = PeopleJson & { unnamed: number; moviesWithPeople: number };

export async function buildPeople(db: Db, log: Logger): Promise<PeopleDetails> {
  const people = await readPeopleDetails(db, await readPeopleLists(db));
  log.info(`people: ${describePeople(people)}`);
  return people;
}

/** `458,716 people for 50,997 of 50,997 movies; 310 not in name.basics (left out of pages)` */
export function describePeople(p: PeopleDetails): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return (
    `${n(p.id.length)} people for ${n(p.moviesWithPeople)} of ${n(p.directors.offsets.length - 1)} movies` +
    (p.unnamed ? `; ${n(p.unnamed)} not in name.basics (left out of pages)` : '')
  );
}

/** The two reads of the people SQL under way, each awaited (and timed) where the build needs it. */
export interface PeopleReads {
  lists(): Promise<PeopleLists>;
  details(): Promise<PeopleDetails>;
}

/**
 * Starts the people SQL on `db` (a connection of its own) as steps alongside the build's: the lists a
 * pair score needs, then at once the names and details that only people.bin needs.
 */
export function readPeopleAlongside(db: Db, timer: Pick<StepTimer, 'alongside'>): PeopleReads {
  const listsRead = readPeopleLists(db);
  const lists = timer.alongside(
    'people',
    () => listsRead,
    (p) => `${p.persons.toLocaleString('en-US')} people`,
  );
  const details = timer.alongside(
    'details',
    async () => readPeopleDetails(db, await listsRead),
    describePeople,
    listsRead,
  );
  return { lists, details };
}

/** The CSR lists of each role (and temp table movie_people, which readPeopleDetails reads and drops). */
export async function readPeopleLists(db: Db): Promise<PeopleLists> {
  await db.exec(loadSql('people'));
  const [movies] = await db.rows<{ n: number }>('SELECT count(*) AS n FROM catalog');
  const size = movies?.n ?? 0;
  // integers and strings read as columns: an object per row for half a million rows costs seconds
  const lists = await db.ints(loadSql('people-lists'));
  let persons = 0;
  for (let r = 0; r < lists.rows; r++) persons = Math.max(persons, lists.data[3 * r + 2]! + 1);
  const [directors, writers, cast, known] = csrByRole(lists.data, lists.rows, size);
  return { movies: size, persons, directors: directors!, writers: writers!, cast: cast!, known: known! };
}

/** Names, years, professions and characters of the people in `lists`, on the connection that read them. */
export async function readPeopleDetails(db: Db, lists: PeopleLists): Promise<PeopleDetails> {
  const { characters } = await db.joined<{ characters: string }>(loadSql('people-characters'));
  await db.exec(loadSql('people-names'));
  const years = await db.ints(loadSql('people-name-years'));
  const names = await db.joined<NameStrings>(loadSql('people-name-strings'));
  await db.exec('DROP TABLE people_names');
  const { movies: size, persons, ...roles } = lists;
  const out: PeopleDetails = {
    id: names.nconst,
    name: names.name,
    directors: roles.directors,
    writers: roles.writers,
    cast: roles.cast,
    birthYear: column(years.data, 3, 1).map(clampYear),
    deathYear: column(years.data, 3, 2).map(clampYear),
    professions: names.professions,
    characters: characters.map(parseCharacters),
    known: roles.known,
    unnamed: names.name.filter((name) => name === '').length,
    moviesWithPeople: 0,
  };
  for (let i = 0; i < years.rows; i++) {
    if (years.data[3 * i] !== i)
      throw new KinemaError('bad-input', `people: person ids are not dense at ${names.nconst[i]}`);
  }
  if (years.rows !== persons)
    throw new KinemaError('bad-input', `people: ${years.rows} named people for ${persons} person ids`);
  await db.exec('DROP TABLE IF EXISTS movie_people');
  const credits = [roles.directors, roles.writers, roles.cast];
  for (let m = 0; m < size; m++) {
    if (credits.some((csr) => csr.offsets[m + 1]! > csr.offsets[m]!)) out.moviesWithPeople++;
  }
  return out;
}

/** (role, movie, person) triples grouped by role then movie: a CSR over the movies per role. */
function csrByRole(triples: Int32Array, count: number, movies: number): PeopleJson['cast'][] {
  return [0, 1, 2, 3].map((role) => {
    const offsets = new Array<number>(movies + 1).fill(0);
    const items: number[] = [];
    for (let r = 0; r < count; r++) {
      if (triples[3 * r] !== role) continue;
      offsets[triples[3 * r + 1]! + 1]!++;
      items.push(triples[3 * r + 2]!);
    }
    for (let m = 0; m < movies; m++) offsets[m + 1]! += offsets[m]!;
    return { offsets, items };
  });
}

/** Column j of a row-major matrix with `stride` columns, as numbers. */
function column(data: Int32Array, stride: number, j: number): number[] {
  const out = new Array<number>(data.length / stride);
  for (let i = 0; i < out.length; i++) out[i] = data[i * stride + j]!;
  return out;
}

/** Int16 columns: a year outside 0-32767 is unknown. */
function clampYear(year: number): number {
  return year > 0 && year < 32768 ? year : 0;
}
