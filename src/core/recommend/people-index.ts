/**
 * People as a sparse vector per movie: each director, writer and top-billed actor weighs
 * roleWeight × idf, where idf = ln(movies / movies with that person). Sharing a prolific actor says
 * little; sharing a director of four films says a lot. Similarity is the cosine of two such vectors.
 */
import type { People } from '../model-people.ts';

export const ROLE_WEIGHTS = { director: 1, writer: 0.7, cast: 0.5 } as const;
export type Role = keyof typeof ROLE_WEIGHTS;
const ROLES: Role[] = ['director', 'writer', 'cast'];

/** People met in more movies than this are not used to find candidates (their idf is tiny anyway). */
const MAX_POSTINGS = 1000;

export interface PeopleIndex {
  /** Movie m's people, sorted by person id: person[offsets[m] .. offsets[m+1]), with their roles. */
  offsets: Int32Array;
  person: Int32Array;
  /** Per person: ln(movies / movies with them). An entry weighs roleWeight(roles) × idf (entryWeight). */
  idf: Float32Array;
  /** Bit set of roles (1 director, 2 writer, 4 cast) the person has in that movie. */
  roles: Uint8Array;
  /** Euclidean norm of each movie's people vector (0 = nobody known). */
  norm: Float32Array;
  /** Movies of person p: postings[postingOffsets[p] .. postingOffsets[p+1]) (empty when too common). */
  postingOffsets: Int32Array;
  postings: Int32Array;
}

export function buildPeopleIndex(people: People, n: number): PeopleIndex {
  const persons = people.id.length;
  const df = new Int32Array(persons);
  const merged: { person: number; roles: number }[][] = [];
  for (let m = 0; m < n; m++) {
    const seen = new Map<number, number>();
    ROLES.forEach((role, r) => {
      const csr = people[role === 'cast' ? 'cast' : role === 'director' ? 'directors' : 'writers'];
      const end = csr.offsets[m + 1] ?? csr.offsets[m]!;
      for (let k = csr.offsets[m]!; k < end; k++) {
        const p = csr.items[k]!;
        seen.set(p, (seen.get(p) ?? 0) | (1 << r));
      }
    });
    const list = [...seen].map(([person, roles]) => ({ person, roles })).sort((a, b) => a.person - b.person);
    for (const { person } of list) df[person]!++;
    merged.push(list);
  }
  const idf = new Float32Array(persons);
  for (let p = 0; p < persons; p++) idf[p] = df[p]! > 0 ? Math.log(n / df[p]!) : 0;
  const offsets = new Int32Array(n + 1);
  merged.forEach((list, m) => (offsets[m + 1] = offsets[m]! + list.length));
  const total = offsets[n]!;
  const person = new Int32Array(total);
  const roles = new Uint8Array(total);
  const norm = new Float32Array(n);
  merged.forEach((list, m) => {
    let sq = 0;
    list.forEach((entry, j) => {
      const at = offsets[m]! + j;
      const w = roleWeight(entry.roles) * idf[entry.person]!;
      person[at] = entry.person;
      roles[at] = entry.roles;
      sq += w * w;
    });
    norm[m] = Math.sqrt(sq);
  });
  const postingOffsets = new Int32Array(persons + 1);
  for (let p = 0; p < persons; p++) {
    postingOffsets[p + 1] = postingOffsets[p]! + (df[p]! <= MAX_POSTINGS ? df[p]! : 0);
  }
  const postings = new Int32Array(postingOffsets[persons]!);
  const fill = postingOffsets.slice(0, persons);
  for (let m = 0; m < n; m++) {
    for (let k = offsets[m]!; k < offsets[m + 1]!; k++) {
      const p = person[k]!;
      if (df[p]! <= MAX_POSTINGS) postings[fill[p]!++] = m;
    }
  }
  return { offsets, person, idf, roles, norm, postingOffsets, postings };
}

/** Cosine of the two movies' people vectors, by merging their sorted lists. */
export function peopleCosine(index: PeopleIndex, a: number, b: number): number {
  const na = index.norm[a]!;
  const nb = index.norm[b]!;
  if (na === 0 || nb === 0) return 0;
  let i = index.offsets[a]!;
  const iEnd = index.offsets[a + 1]!;
  let j = index.offsets[b]!;
  const jEnd = index.offsets[b + 1]!;
  let dot = 0;
  while (i < iEnd && j < jEnd) {
    const pi = index.person[i]!;
    const pj = index.person[j]!;
    if (pi === pj) {
      dot += entryWeight(index, i++) * entryWeight(index, j++);
    } else if (pi < pj) i++;
    else j++;
  }
  return dot / (na * nb);
}

/**
 * peopleCosine of each of several movies (a taste profile) with any other, from one pass over that
 * movie's people: the profile's people are looked up by person, so a candidate costs its own few
 * people instead of a merge per profile movie. Same sums in the same order as peopleCosine.
 */
export interface ProfilePeople {
  /** out[li] = peopleCosine(index, profile[li], b). */
  cosines(b: number, out: Float64Array): void;
}

export function profilePeople(index: PeopleIndex, profile: readonly number[]): ProfilePeople {
  const m = profile.length;
  // person → its (profile position, entry) pairs, as a small open-addressing table: a candidate's
  // people mostly miss, and a miss here is one or two reads of an array that stays in cache
  let entries = 0;
  for (const a of profile) if (index.norm[a] !== 0) entries += index.offsets[a + 1]! - index.offsets[a]!;
  let bits = 4;
  while (1 << bits < 2 * entries) bits++;
  const mask = (1 << bits) - 1;
  const key = new Int32Array(1 << bits).fill(-1);
  const head = new Int32Array(1 << bits).fill(-1);
  const tail = new Int32Array(1 << bits);
  const next = new Int32Array(entries).fill(-1);
  const at = new Int32Array(entries * 2); // [profile position, entry] per pair
  const slotOf = (p: number) => {
    let s = Math.imul(p, 0x9e3779b1) >>> (32 - bits);
    while (key[s] !== -1 && key[s] !== p) s = (s + 1) & mask;
    return s;
  };
  let used = 0;
  profile.forEach((a, li) => {
    if (index.norm[a] === 0) return;
    for (let i = index.offsets[a]!; i < index.offsets[a + 1]!; i++) {
      const s = slotOf(index.person[i]!);
      key[s] = index.person[i]!;
      at[2 * used] = li;
      at[2 * used + 1] = i;
      if (head[s] === -1) head[s] = used;
      else next[tail[s]!] = used;
      tail[s] = used++;
    }
  });
  const dot = new Float64Array(m);
  return {
    cosines(b, out) {
      out.fill(0, 0, m);
      const nb = index.norm[b]!;
      if (nb === 0 || used === 0) return;
      dot.fill(0);
      let any = false;
      for (let j = index.offsets[b]!; j < index.offsets[b + 1]!; j++) {
        const s = slotOf(index.person[j]!);
        if (key[s] === -1) continue;
        any = true;
        const wj = entryWeight(index, j);
        // a person's pairs in the order they were added: the sums are those of the plain loop
        for (let e = head[s]!; e >= 0; e = next[e]!)
          dot[at[2 * e]!]! += entryWeight(index, at[2 * e + 1]!) * wj;
      }
      if (!any) return;
      for (let li = 0; li < m; li++) {
        if (dot[li]! !== 0) out[li] = dot[li]! / (index.norm[profile[li]!]! * nb);
      }
    },
  };
}

/** People of `a` also in `b`, with the role they have in `b` (director before writer before cast). */
export function sharedPeople(index: PeopleIndex, a: number, b: number): { person: number; role: Role }[] {
  const out: { person: number; role: Role; rank: number }[] = [];
  let i = index.offsets[a]!;
  let j = index.offsets[b]!;
  while (i < index.offsets[a + 1]! && j < index.offsets[b + 1]!) {
    const pi = index.person[i]!;
    const pj = index.person[j]!;
    if (pi === pj) {
      const both = index.roles[i]! & index.roles[j]!;
      const r = both ? firstRole(both) : firstRole(index.roles[j]!);
      out.push({ person: pi, role: ROLES[r]!, rank: r });
      i++;
      j++;
    } else if (pi < pj) i++;
    else j++;
  }
  return out
    .sort((x, y) => x.rank - y.rank || x.person - y.person)
    .map(({ person, role }) => ({ person, role }));
}

/**
 * Weight of entry k, as float32 (the precision a stored weight had). Derived on a match rather than
 * stored per entry: a person list shares few people, and the model is 4 bytes per entry smaller.
 */
function entryWeight(index: PeopleIndex, k: number): number {
  return Math.fround(roleWeight(index.roles[k]!) * index.idf[index.person[k]!]!);
}

function firstRole(bits: number): number {
  return bits & 1 ? 0 : bits & 2 ? 1 : 2;
}

function roleWeight(bits: number): number {
  let w = 0;
  ROLES.forEach((role, r) => {
    if (bits & (1 << r)) w = Math.max(w, ROLE_WEIGHTS[role]);
  });
  return w;
}
