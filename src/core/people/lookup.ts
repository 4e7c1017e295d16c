/**
 * nm id → person row. Person ids follow the numeric order of nconst (src/db/sql/people.sql), so a
 * binary search over the numbers finds a person without a Map of every id.
 */
import type { People } from '../model-people.ts';

const NM = /^nm(\d{1,10})$/;

/** Row of `id` ("nm0634300"), or -1 when the model has no such person. */
export function personRow(people: People, id: string): number {
  const m = NM.exec(id);
  if (!m) return -1;
  const target = Number(m[1]);
  let lo = 0;
  let hi = people.id.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (idNumber(people.id.get(mid)) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo < people.id.length && people.id.get(lo) === id ? lo : -1;
}

function idNumber(id: string): number {
  return Number(id.slice(2));
}
