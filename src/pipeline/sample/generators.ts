/** The generator of each IMDb table, by name. */
import type { ImdbTable } from '../../core/tables.ts';
import { nameBasics } from './name-basics.ts';
import type { SampleTable } from './table.ts';
import { titleAkas } from './title-akas.ts';
import { titleBasics } from './title-basics.ts';
import { titleCrew } from './title-crew.ts';
import { titlePrincipals } from './title-principals.ts';
import { titleRatings } from './title-ratings.ts';

export const GENERATORS: Record<ImdbTable, SampleTable> = {
  'title.basics': titleBasics,
  'title.akas': titleAkas,
  'title.ratings': titleRatings,
  'title.crew': titleCrew,
  'title.principals': titlePrincipals,
  'name.basics': nameBasics,
};

/** Share of the total work (text bytes at any scale), to start the biggest tables first. */
export const WORK: Record<ImdbTable, number> = {
  'title.principals': 0.44,
  'title.akas': 0.3,
  'name.basics': 0.11,
  'title.basics': 0.1,
  'title.crew': 0.045,
  'title.ratings': 0.005,
};
