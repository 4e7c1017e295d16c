/**
 * Column layouts of the model's binary files (src/core/columns.ts), both ways: the build encodes the
 * catalog, people with their precomputed index, and the franchise index; serving decodes them into
 * views on the file bytes. Keeping both directions here keeps the names and types in one place.
 */
import { decodeColumns, encodeColumns, StringColumn, type ColumnFile, type Strings } from './columns.ts';
import type { Catalog } from './model-catalog.ts';
import type { Model } from './model.ts';
import type { People } from './model-people.ts';
import type { CollabLists } from './collab/lists.ts';
import { coldOrder, TOP_RATED_M } from './recommend/cold-start.ts';
import { buildFranchiseIndex, STEM_SLOTS, type FranchiseIndex } from './recommend/franchise.ts';
import { buildPeopleIndex, type PeopleIndex } from './recommend/people-index.ts';
import { buildTitleIndex, type TitleIndex } from './search/title-index.ts';
import { buildFilmography } from './people/filmography.ts';
import { buildNameIndex } from './people/name-index.ts';

/**
 * The binary serve-time files of a model (catalog.bin, franchise.bin, people.bin when it has people):
 * name → bytes, deterministic. Indexes the model does not carry yet are built here.
 */
export function encodeServingFiles(
  model: Pick<Model, 'catalog' | 'people' | 'peopleIndex' | 'franchise'>,
): Record<string, Uint8Array> {
  const { catalog, people } = model;
  const files: Record<string, Uint8Array> = {
    'catalog.bin': encodeCatalog(catalog),
    'franchise.bin': encodeFranchise(model.franchise ?? buildFranchiseIndex(catalog)),
    'search.bin': encodeTitleIndex(buildTitleIndex(catalog)),
  };
  if (people) {
    files['people.bin'] = encodePeople(
      people,
      model.peopleIndex ?? buildPeopleIndex(people, catalog.size),
      catalog,
    );
  }
  return files;
}

export function encodeCatalog(c: Catalog, topM = TOP_RATED_M): Uint8Array {
  return encodeColumns({
    id: packed(c.id),
    title: packed(c.title),
    originalTitle: packed(c.originalTitle),
    year: c.year,
    runtime: c.runtime,
    genres: c.genres,
    rating: c.rating,
    votes: c.votes,
    bayes: c.bayes,
    cluster: c.cluster,
    distance: c.distance,
    idOrder: idOrder(c.id),
    'order.popular': coldOrder(c, 'popular'),
    'order.topRated': coldOrder(c, 'topRated', topM),
    'order.gems': coldOrder(c, 'gems'),
  });
}

export function decodeCatalogFile(bytes: Uint8Array): DecodedCatalog {
  return decodeCatalogColumns(decodeColumns(bytes, 'catalog.bin'));
}

export interface DecodedCatalog {
  catalog: Catalog;
  idOrder: Int32Array;
  coldOrders: { popular: Int32Array; topRated: Int32Array; gems?: Int32Array };
}

/**
 * The columns of catalog.bin a "similar" answer reads (summaries, filters, the pair score's prior):
 * all but the original titles, the distances to the cluster centre and the cold-start orders.
 */
export const CATALOG_LATER_COLUMNS = [
  'originalTitle',
  'distance',
  'order.popular',
  'order.topRated',
  'order.gems',
];

export function decodeCatalogColumns(file: ColumnFile): DecodedCatalog {
  const id = file.strings('id');
  const size = id.length;
  return {
    catalog: {
      size,
      id,
      title: file.strings('title', size),
      originalTitle: file.strings('originalTitle', size),
      year: file.numeric('year', 'i16', size),
      runtime: file.numeric('runtime', 'i16', size),
      genres: file.numeric('genres', 'u32', size),
      rating: file.numeric('rating', 'f32', size),
      votes: file.numeric('votes', 'i32', size),
      bayes: file.numeric('bayes', 'f32', size),
      cluster: file.numeric('cluster', 'i32', size),
      distance: file.numeric('distance', 'f32', size),
    },
    idOrder: file.numeric('idOrder', 'i32', size),
    coldOrders: {
      popular: file.numeric('order.popular', 'i32', size),
      topRated: file.numeric('order.topRated', 'i32', size),
      ...(file.has('order.gems') ? { gems: file.numeric<Int32Array>('order.gems', 'i32', size) } : {}),
    },
  };
}

const ROLES = ['directors', 'writers', 'cast'] as const;
const INDEX = ['offsets', 'person', 'norm', 'idf', 'roles', 'postingOffsets', 'postings'] as const;

export function encodePeople(
  people: People,
  index: PeopleIndex,
  movies?: Pick<Catalog, 'size' | 'year' | 'votes'>,
): Uint8Array {
  const columns: Parameters<typeof encodeColumns>[0] = { id: packed(people.id), name: packed(people.name) };
  for (const role of ROLES) {
    columns[`${role}.offsets`] = people[role].offsets;
    columns[`${role}.items`] = people[role].items;
  }
  for (const key of INDEX) columns[`index.${key}`] = index[key];
  if (people.birthYear) columns['birthYear'] = people.birthYear;
  if (people.deathYear) columns['deathYear'] = people.deathYear;
  if (people.professions) columns['professions'] = packed(people.professions);
  if (people.characters) columns['characters'] = packed(people.characters);
  if (people.known) {
    columns['known.offsets'] = people.known.offsets;
    columns['known.items'] = people.known.items;
  }
  if (movies) {
    // person pages and people search: precomputed here so a load only maps them
    const films = people.filmography ?? buildFilmography(people, movies);
    columns['filmography.offsets'] = films.offsets;
    columns['filmography.movies'] = films.movies;
    Object.assign(columns, titleIndexColumns(buildNameIndex(people, films, movies), 'search.'));
  }
  return encodeColumns(columns);
}

export function decodePeopleFile(bytes: Uint8Array, movies: number): { people: People; index: PeopleIndex } {
  const file = decodeColumns(bytes, 'people.bin');
  const { id, name, index } = decodePeopleCore(file, movies);
  const people = { id, name, ...decodePeopleDetails(file, movies, id.length) };
  return { people, index: { ...index, ...decodePeoplePostings(file, id.length) } };
}

/**
 * The columns of people.bin a pair score and an explanation read: ids, names and the people index but
 * its postings (person → movies), which only a search for candidates reads.
 */
export const PEOPLE_CORE_COLUMNS = [
  'id',
  'name',
  ...INDEX.filter((key) => !key.startsWith('posting')).map((key) => `index.${key}`),
];

export type PeoplePostings = Pick<PeopleIndex, 'postingOffsets' | 'postings'>;

export function decodePeopleCore(
  file: ColumnFile,
  movies: number,
): { id: Strings; name: Strings; index: Omit<PeopleIndex, keyof PeoplePostings> } {
  const id = file.strings('id');
  const persons = id.length;
  const offsets = file.numeric<Int32Array>('index.offsets', 'i32', movies + 1);
  const entries = offsets[movies];
  return {
    id,
    name: file.strings('name', persons),
    index: {
      offsets,
      person: file.numeric('index.person', 'i32', entries),
      idf: file.numeric('index.idf', 'f32', persons),
      roles: file.numeric('index.roles', 'u8', entries),
      norm: file.numeric('index.norm', 'f32', movies),
    },
  };
}

export function decodePeoplePostings(file: ColumnFile, persons: number): PeoplePostings {
  const postingOffsets = file.numeric<Int32Array>('index.postingOffsets', 'i32', persons + 1);
  return { postingOffsets, postings: file.numeric('index.postings', 'i32', postingOffsets[persons]) };
}

/** Everything else of people.bin: credits, person details, filmographies and the name index. */
export type PeopleDetails = Omit<People, 'id' | 'name'>;

export function decodePeopleDetails(file: ColumnFile, movies: number, persons: number): PeopleDetails {
  const csr = (role: (typeof ROLES)[number]) => {
    const offsets = file.numeric<Int32Array>(`${role}.offsets`, 'i32', movies + 1);
    return { offsets, items: file.numeric<Int32Array>(`${role}.items`, 'i32', offsets[movies]) };
  };
  const cast = csr('cast');
  const people: PeopleDetails = { directors: csr('directors'), writers: csr('writers'), cast };
  // person details came with issue 15's people.bin; older files simply lack them
  if (file.has('birthYear')) people.birthYear = file.numeric<Int16Array>('birthYear', 'i16', persons);
  if (file.has('deathYear')) people.deathYear = file.numeric<Int16Array>('deathYear', 'i16', persons);
  if (file.has('professions')) people.professions = file.strings('professions', persons);
  if (file.has('characters')) people.characters = file.strings('characters', cast.items.length);
  if (file.has('known.offsets')) {
    const known = file.numeric<Int32Array>('known.offsets', 'i32', movies + 1);
    people.known = { offsets: known, items: file.numeric('known.items', 'i32', known[movies]) };
  }
  if (file.has('filmography.offsets')) {
    const films = file.numeric<Int32Array>('filmography.offsets', 'i32', persons + 1);
    people.filmography = {
      offsets: films,
      movies: file.numeric('filmography.movies', 'i32', films[persons]),
    };
  }
  if (file.has('search.vocab')) people.nameIndex = decodeTitleIndexColumns(file, 'search.', persons);
  return people;
}

export function encodeFranchise(f: FranchiseIndex): Uint8Array {
  return encodeColumns({ stems: f.stems, marked: f.marked, offsets: f.offsets, members: f.members });
}

export function decodeFranchiseFile(bytes: Uint8Array, movies: number): FranchiseIndex {
  const file = decodeColumns(bytes, 'franchise.bin');
  const offsets = file.numeric<Int32Array>('offsets', 'i32');
  return {
    stems: file.numeric('stems', 'i32', STEM_SLOTS * movies),
    marked: file.numeric('marked', 'u8', movies),
    offsets,
    members: file.numeric('members', 'i32', offsets[offsets.length - 1] ?? 0),
  };
}

export function encodeCollab(c: CollabLists): Uint8Array {
  return encodeColumns({
    k: Int32Array.of(c.k),
    offsets: c.offsets,
    items: c.items,
    scores: c.scores,
    shared: c.shared,
    likes: c.likes,
    users: Int32Array.of(c.users),
  });
}

export function decodeCollabFile(bytes: Uint8Array, movies: number): CollabLists {
  return decodeCollabColumns(decodeColumns(bytes, 'collab.bin'), movies);
}

/** collab.bin's per-movie columns (a pair score's confidence), read at load when the lists are read by row. */
export const COLLAB_CORE_COLUMNS = ['k', 'offsets', 'likes', 'users'];
/** Its entries, addressed by offsets: read per row, or whole. */
export const COLLAB_ROW_COLUMNS = ['items', 'scores', 'shared'];

export function decodeCollabColumns(file: ColumnFile, movies: number): CollabLists {
  const k = file.numeric<Int32Array>('k', 'i32', 1)[0]!;
  const offsets = file.numeric<Int32Array>('offsets', 'i32', movies + 1);
  const total = offsets[movies]!;
  return {
    k,
    offsets,
    items: file.numeric('items', 'i32', total),
    scores: file.numeric('scores', 'f32', total),
    shared: file.numeric('shared', 'f32', total),
    likes: file.numeric('likes', 'i32', movies),
    users: file.numeric<Int32Array>('users', 'i32', 1)[0]!,
  };
}

export function encodeTitleIndex(ix: TitleIndex): Uint8Array {
  return encodeColumns(titleIndexColumns(ix, ''));
}

/** The columns of a title index, names prefixed (people.bin holds one for names under "search."). */
export function titleIndexColumns(ix: TitleIndex, prefix: string): Parameters<typeof encodeColumns>[0] {
  const columns: Parameters<typeof encodeColumns>[0] = {
    vocab: StringColumn.from(ix.vocab),
    article: ix.article,
    rankToRow: ix.rankToRow,
    popularity: ix.popularity,
    slots: ix.slots,
    names: ix.names,
    fwd: ix.fwd,
    'postings.offsets': ix.postings.offsets,
    'postings.items': ix.postings.items,
    'lead.offsets': ix.lead.offsets,
    'lead.items': ix.lead.items,
  };
  return Object.fromEntries(Object.entries(columns).map(([k, v]) => [prefix + k, v]));
}

/** Checks the header now; the vocabulary becomes a string array at the first search. */
export function decodeTitleIndexFile(bytes: Uint8Array, movies: number): () => TitleIndex {
  return decodeTitleIndexColumns(decodeColumns(bytes, 'search.bin'), '', movies);
}

function decodeTitleIndexColumns(file: ColumnFile, prefix: string, rows: number): () => TitleIndex {
  const vocab = file.strings(`${prefix}vocab`);
  const words = vocab.length;
  const postings = (name: string) => {
    const offsets = file.numeric<Int32Array>(`${prefix}${name}.offsets`, 'i32', words + 1);
    return { offsets, items: file.numeric<Int32Array>(`${prefix}${name}.items`, 'i32', offsets[words]) };
  };
  // an index from before search keys has exactly two names (title, original title) a row
  const slots = file.has(`${prefix}slots`)
    ? file.numeric<Int32Array>(`${prefix}slots`, 'i32', rows + 1)
    : Int32Array.from({ length: rows + 1 }, (_, r) => 2 * r);
  const names = file.numeric<Int32Array>(`${prefix}names`, 'i32', slots[rows]! + 1);
  const parts = {
    size: rows,
    article: file.numeric<Uint8Array>(`${prefix}article`, 'u8', words),
    rankToRow: file.numeric<Int32Array>(`${prefix}rankToRow`, 'i32', rows),
    popularity: file.numeric<Float32Array>(`${prefix}popularity`, 'f32', rows),
    slots,
    names,
    fwd: file.numeric<Int32Array>(`${prefix}fwd`, 'i32', names[slots[rows]!]),
    postings: postings('postings'),
    lead: postings('lead'),
  };
  let index: TitleIndex | undefined;
  return () => (index ??= { ...parts, vocab: Array.from({ length: words }, (_, i) => vocab.get(i)) });
}

// --- internal ---

function packed(strings: Strings): StringColumn {
  if (strings instanceof StringColumn) return strings;
  return StringColumn.from(Array.from({ length: strings.length }, (_, i) => strings.get(i)));
}

/** Rows sorted by id in code-unit order (the order sortedLookup's `<` uses), ties by row. */
function idOrder(ids: Strings): Int32Array {
  const all = Array.from({ length: ids.length }, (_, i) => ids.get(i));
  const order = Int32Array.from(all.keys());
  return order.sort((a, b) => (all[a]! < all[b]! ? -1 : all[a]! > all[b]! ? 1 : a - b));
}
