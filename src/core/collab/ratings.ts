/**
 * Ratings as compressed rows, built once from (user, movie, rating) triples already mapped onto the
 * catalog, plus the item-major transpose that item-kNN and the novelty metric need.
 */
/** User-major compressed ratings: user u rated items[offsets[u] .. offsets[u+1]) with values[...]. */
export interface RatingsMatrix {
  /** Original MovieLens userId of row u. */
  userIds: number[];
  offsets: Int32Array;
  items: Int32Array;
  values: Float32Array;
  /** Catalog size the item indices refer to. */
  catalogSize: number;
}

export interface RatingTriple {
  userId: number;
  /** Catalog row index. */
  item: number;
  rating: number;
}

/** Users sorted by id, each user's items sorted by index; a repeated (user, item) keeps the last rating. */
export function ratingsMatrix(triples: readonly RatingTriple[], catalogSize: number): RatingsMatrix {
  const byUser = new Map<number, Map<number, number>>();
  for (const t of triples) {
    let row = byUser.get(t.userId);
    if (!row) byUser.set(t.userId, (row = new Map()));
    row.set(t.item, t.rating);
  }
  const userIds = [...byUser.keys()].sort((a, b) => a - b);
  const offsets = new Int32Array(userIds.length + 1);
  let total = 0;
  userIds.forEach((id, u) => {
    total += byUser.get(id)!.size;
    offsets[u + 1] = total;
  });
  const items = new Int32Array(total);
  const values = new Float32Array(total);
  userIds.forEach((id, u) => {
    const row = [...byUser.get(id)!.entries()].sort((a, b) => a[0] - b[0]);
    let p = offsets[u]!;
    for (const [item, rating] of row) {
      items[p] = item;
      values[p++] = rating;
    }
  });
  return { userIds, offsets, items, values, catalogSize };
}

/**
 * The same matrix without the listed (user row, item) pairs, one item or several per user: the
 * training data of a round, or of a validation. One pass into typed arrays.
 */
export function withoutPairs(
  m: RatingsMatrix,
  heldOut: ReadonlyMap<number, number | readonly number[]>,
): RatingsMatrix {
  const offsets = new Int32Array(m.offsets.length);
  const items = new Int32Array(m.items.length);
  const values = new Float32Array(m.items.length);
  let q = 0;
  for (let u = 0; u < m.userIds.length; u++) {
    const drop = heldOut.get(u);
    for (let p = m.offsets[u]!; p < m.offsets[u + 1]!; p++) {
      const item = m.items[p]!;
      if (drop === item || (typeof drop === 'object' && drop.includes(item))) continue;
      items[q] = item;
      values[q++] = m.values[p]!;
    }
    offsets[u + 1] = q;
  }
  return {
    userIds: m.userIds,
    offsets,
    items: items.subarray(0, q),
    values: values.subarray(0, q),
    catalogSize: m.catalogSize,
  };
}

/** Items user row u rated at least `threshold`. */
export function likedBy(m: RatingsMatrix, u: number, threshold: number): number[] {
  const out: number[] = [];
  for (let p = m.offsets[u]!; p < m.offsets[u + 1]!; p++)
    if (m.values[p]! >= threshold) out.push(m.items[p]!);
  return out;
}

/** The items user row u liked, best rated first (rating order among equals), as an import lists them. */
export function likedBestFirst(m: RatingsMatrix, u: number, threshold: number): number[] {
  const at: number[] = [];
  for (let p = m.offsets[u]!; p < m.offsets[u + 1]!; p++) if (m.values[p]! >= threshold) at.push(p);
  return at.sort((a, b) => m.values[b]! - m.values[a]! || a - b).map((p) => m.items[p]!);
}

/** Every item user row u rated. */
export function ratedBy(m: RatingsMatrix, u: number): Int32Array {
  return m.items.subarray(m.offsets[u]!, m.offsets[u + 1]!);
}

/** Number of users who rated each item. */
export function raterCounts(m: RatingsMatrix): Int32Array {
  const counts = new Int32Array(m.catalogSize);
  for (const item of m.items) counts[item]!++;
  return counts;
}

/** Item-major transpose: users who rated item i are users[offsets[i] .. offsets[i+1]). */
export interface ItemColumns {
  offsets: Int32Array;
  users: Int32Array;
  values: Float32Array;
}

export function itemColumns(m: RatingsMatrix): ItemColumns {
  const offsets = new Int32Array(m.catalogSize + 1);
  for (const item of m.items) offsets[item + 1]!++;
  for (let i = 0; i < m.catalogSize; i++) offsets[i + 1]! += offsets[i]!;
  const cursor = offsets.slice(0, m.catalogSize);
  const users = new Int32Array(m.items.length);
  const values = new Float32Array(m.items.length);
  for (let u = 0; u < m.userIds.length; u++) {
    for (let p = m.offsets[u]!; p < m.offsets[u + 1]!; p++) {
      const slot = cursor[m.items[p]!]!++;
      users[slot] = u;
      values[slot] = m.values[p]!;
    }
  }
  return { offsets, users, values };
}
