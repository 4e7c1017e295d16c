/**
 * Build step: who made and starred in each catalog movie, as CSR lists over catalog rows (written to people.bin by the build).
 * Directors and writers come from title.crew, top-billed cast from title.principals, names from
 * name.basics; SQL in src/db/sql/people*.sql. A person without a name.basics row keeps the nconst as
 * the name, so the similarity still sees them. Missing crew/principals tables give empty lists.
 */
import type { Db } from '../db/database.ts';
import { loadSql } from '../db/database.ts';
import type { Logger } from '../core/log.ts';
import type { PeopleJson } from '../core/model.ts';
import { KinemaError } from '../core/errors.ts';

interface ListRow {
  idx: number;
  directors: number[];
  writers: number[];
  cast: number[];
}

export async function buildPeople(db: Db, log: Logger): Promise<PeopleJson> {
  await db.exec(loadSql('people'));
  const lists = await db.rows<ListRow>(loadSql('people-lists'));
  const names = await db.rows<{ pid: number; nconst: string; name: string }>(loadSql('people-names'));
  const out: PeopleJson = {
    id: names.map((r) => r.nconst),
    name: names.map((r) => r.name),
    directors: { offsets: [0], items: [] },
    writers: { offsets: [0], items: [] },
    cast: { offsets: [0], items: [] },
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
  });
  await db.exec('DROP TABLE IF EXISTS movie_people');
  const withPeople = lists.filter((r) => r.directors.length + r.writers.length + r.cast.length > 0).length;
  log.info(
    `people: ${out.id.length.toLocaleString('en-US')} people for ${withPeople.toLocaleString('en-US')} of ${lists.length.toLocaleString('en-US')} movies`,
  );
  return out;
}
