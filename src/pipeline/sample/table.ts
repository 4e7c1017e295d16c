/** One generated IMDb table: how many units (titles or people) it walks, and the rows for a range of them. */
import type { ImdbTable } from '../../core/tables.ts';
import type { SampleShape } from './titles.ts';

export interface SampleTable {
  name: ImdbTable;
  /** Units the generator walks, 1..units(shape): titles for title.*, people for name.basics. */
  units(shape: SampleShape): number;
  /**
   * Lines (each ending in `\n`) for units [from, to), in key order; adds the row count to `count.rows`.
   * A pure function of (shape, from, to): the same range always gives the same text.
   */
  rows(shape: SampleShape, from: number, to: number, count: { rows: number }): string;
}

/** IMDb's null. */
export const NULL = '\\N';
