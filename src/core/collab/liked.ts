/**
 * The implicit-feedback view every collaborative method here learns from: who liked what (a rating at
 * or above the threshold), as user rows and item columns of one binary matrix.
 */
import type { RatingsMatrix } from './ratings.ts';

export interface Liked {
  users: number;
  items: number;
  /** User u liked userItems[userOffsets[u] .. userOffsets[u+1]), ascending. */
  userOffsets: Int32Array;
  userItems: Int32Array;
  /** Item i was liked by itemUsers[itemOffsets[i] .. itemOffsets[i+1]), ascending. */
  itemOffsets: Int32Array;
  itemUsers: Int32Array;
  /** Likes per item. */
  counts: Int32Array;
}

export const LIKE_THRESHOLD = 4;

export function likedMatrix(m: RatingsMatrix, threshold = LIKE_THRESHOLD): Liked {
  const users = m.userIds.length;
  const items = m.catalogSize;
  const userOffsets = new Int32Array(users + 1);
  const counts = new Int32Array(items);
  let total = 0;
  for (let u = 0; u < users; u++) {
    for (let p = m.offsets[u]!; p < m.offsets[u + 1]!; p++) {
      if (m.values[p]! >= threshold) {
        total++;
        counts[m.items[p]!]!++;
      }
    }
    userOffsets[u + 1] = total;
  }
  const userItems = new Int32Array(total);
  let q = 0;
  for (let u = 0; u < users; u++) {
    for (let p = m.offsets[u]!; p < m.offsets[u + 1]!; p++) {
      if (m.values[p]! >= threshold) userItems[q++] = m.items[p]!;
    }
  }
  const itemOffsets = new Int32Array(items + 1);
  for (let i = 0; i < items; i++) itemOffsets[i + 1] = itemOffsets[i]! + counts[i]!;
  const cursor = itemOffsets.slice(0, items);
  const itemUsers = new Int32Array(total);
  for (let u = 0; u < users; u++) {
    for (let p = userOffsets[u]!; p < userOffsets[u + 1]!; p++) itemUsers[cursor[userItems[p]!]!++] = u;
  }
  return { users, items, userOffsets, userItems, itemOffsets, itemUsers, counts };
}
