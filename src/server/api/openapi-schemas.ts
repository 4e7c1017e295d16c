/**
 * The OpenAPI document's component schemas (the objects the routes answer with), and the helpers
 * both halves of the document build with: closed objects, refs, ids. openapi.ts holds the paths.
 */
import { GENRES } from '../../core/genres.ts';

export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
/** A closed object: these properties, `required` always present (all of them unless listed). */
export const object = (properties: Record<string, object>, required: string[] = Object.keys(properties)) => ({
  type: 'object',
  required,
  properties,
  additionalProperties: false,
});
export const movieId = { type: 'string', pattern: '^tt\\d{7,10}$' };
const genreName = { enum: GENRES };

const MOVIE_SUMMARY = {
  id: movieId,
  title: { type: 'string', description: 'The display title' },
  year: { type: 'integer' },
  genres: { type: 'array', items: genreName },
  rating: { type: 'number', minimum: 0, maximum: 10, description: 'IMDb average rating' },
  votes: { type: 'integer', minimum: 0 },
  cluster: { type: 'integer', minimum: 0 },
  poster: { type: 'string', description: 'Path of the generated SVG poster' },
};

const count = { type: 'integer', minimum: 0 };
const share = { type: 'number', minimum: 0, maximum: 1 };
const FIGURES = object({ hr10: share, ndcg10: share, coverage: share });
const MODES = object({ similar: FIGURES, taste: FIGURES });
const DIFF_MOVIE = { id: movieId, title: { type: 'string' }, year: { type: 'integer' } };
const MOVE = object({ ...DIFF_MOVIE, before: { type: 'number' }, after: { type: 'number' } });
const LIST_DIFF = object({
  entered: { type: 'array', items: object(DIFF_MOVIE) },
  left: { type: 'array', items: object(DIFF_MOVIE) },
});

export const SCHEMAS = {
  Error: object({
    error: object({
      code: { type: 'string', description: 'bad-request, not-found, rate-limited, …' },
      message: { type: 'string' },
    }),
  }),
  MovieSummary: object(MOVIE_SUMMARY),
  SearchHit: object({
    ...MOVIE_SUMMARY,
    score: { type: 'number', description: 'Match score, higher is better (rounded to 4 places)' },
  }),
  MovieDetail: object({
    ...MOVIE_SUMMARY,
    originalTitle: { type: 'string' },
    runtime: { type: 'integer', description: 'Minutes (the catalog median when IMDb has none)' },
    bayes: { type: 'number', description: 'IMDb-style weighted rating' },
    clusterName: { type: 'string' },
    directors: { type: 'array', items: ref('Person') },
    writers: { type: 'array', items: ref('Person') },
    cast: { type: 'array', items: ref('CastMember') },
    knownFor: {
      type: 'array',
      items: ref('Person'),
      description: 'People IMDb says are known for this film, beyond those listed above',
    },
    imdbUrl: { type: 'string', format: 'uri' },
  }),
  Person: object({ id: { type: 'string', pattern: '^nm\\d+$' }, name: { type: 'string' } }),
  CastMember: object({
    id: { type: 'string', pattern: '^nm\\d+$' },
    name: { type: 'string' },
    characters: { type: 'string', description: 'e.g. "Bruce Wayne / Batman"; empty when unknown' },
  }),
  PersonSummary: object({
    id: { type: 'string', pattern: '^nm\\d+$' },
    name: { type: 'string' },
    professions: { type: 'array', items: { type: 'string' } },
    birthYear: { type: ['integer', 'null'] },
    deathYear: { type: ['integer', 'null'] },
  }),
  PersonDetail: object({
    id: { type: 'string', pattern: '^nm\\d+$' },
    name: { type: 'string' },
    professions: { type: 'array', items: { type: 'string' } },
    birthYear: { type: ['integer', 'null'] },
    deathYear: { type: ['integer', 'null'] },
    movies: {
      type: 'array',
      items: object({
        movie: ref('MovieSummary'),
        roles: { type: 'array', items: { enum: ['director', 'writer', 'cast', 'known'] } },
        characters: { type: 'string' },
      }),
    },
    totalMovies: {
      type: 'integer',
      minimum: 0,
      description: 'Catalog films in all (movies lists at most 200)',
    },
    imdbUrl: { type: 'string', format: 'uri' },
  }),
  Recommendation: object({
    movie: ref('MovieSummary'),
    score: { type: 'number' },
    explanation: ref('Explanation'),
  }),
  Explanation: object(
    {
      sharedGenres: { type: 'array', items: genreName },
      sharedPeople: {
        type: 'array',
        items: object({
          id: { type: 'string' },
          name: { type: 'string' },
          role: { enum: ['director', 'writer', 'cast'] },
        }),
      },
      sameFranchise: { type: 'boolean' },
      sameEra: { type: 'boolean', description: 'Released within a few years of each other' },
      similarRating: { type: 'boolean' },
      sameCluster: { type: 'boolean' },
      likedAlso: {
        type: 'number',
        minimum: 0,
        maximum: 1,
        description:
          'Share of the users who liked the query movie that also liked this one (0 without MovieLens)',
      },
      lead: {
        enum: ['franchise', 'people', 'collab', 'content'],
        description: 'The reason that added most to the score, which the sentence leads with',
      },
      because: { ...movieId, description: 'Taste lists: the liked movie this one is closest to' },
      sentence: { type: 'string' },
    },
    [
      'sharedGenres',
      'sharedPeople',
      'sameFranchise',
      'sameEra',
      'similarRating',
      'sameCluster',
      'likedAlso',
      'lead',
      'sentence',
    ],
  ),
  BuildEval: object({
    users: count,
    cases: count,
    seed: { type: 'integer' },
    kinema: MODES,
    popular: MODES,
  }),
  ModelDiff: object(
    {
      from: { type: 'string', description: 'The previous model' },
      movies: object({ before: count, after: count, added: count, removed: count }),
      added: { type: 'array', items: object(DIFF_MOVIE), description: 'The most voted of them' },
      removed: { type: 'array', items: object(DIFF_MOVIE) },
      rating: { type: 'array', items: MOVE, description: 'Largest IMDb rating moves' },
      votes: { type: 'array', items: MOVE, description: 'Most new votes' },
      clusterChanges: count,
      clusterMoves: { type: 'array', items: MOVE, description: 'The most voted movies that changed cluster' },
      lists: object({ topRated: LIST_DIFF, popular: LIST_DIFF }),
      eval: object({ before: ref('BuildEval'), after: ref('BuildEval') }, []),
    },
    ['from', 'movies', 'added', 'removed', 'rating', 'votes', 'clusterChanges', 'clusterMoves', 'lists'],
  ),
  ModelStatus: object({
    model: { type: 'string' },
    kinemaVersion: { type: 'string' },
    movies: count,
    clusters: count,
    kmeansStart: { enum: ['warm', 'fresh'] },
    kmeansIterations: count,
    clusterIdsFrom: { type: ['string', 'null'] },
    ratings: count,
    eval: { oneOf: [ref('BuildEval'), { type: 'null' }] },
    diff: { oneOf: [ref('ModelDiff'), { type: 'null' }] },
  }),
  Cluster: object({
    id: { type: 'integer', minimum: 0 },
    name: { type: 'string' },
    size: { type: 'integer', minimum: 0 },
    genres: {
      type: 'array',
      description: 'Share of members having each genre, largest first, top 5',
      items: object({ genre: genreName, share: { type: 'number', minimum: 0, maximum: 1 } }),
    },
    yearMedian: { type: 'integer' },
    yearRange: {
      type: 'array',
      items: { type: 'integer' },
      minItems: 2,
      maxItems: 2,
      description: 'Earliest and latest year of the members (0, 0 when unknown)',
    },
    ratingMean: { type: 'number' },
  }),
  MatchRequest: object({
    rows: {
      type: 'array',
      maxItems: 20000,
      items: {
        type: 'object',
        properties: {
          id: movieId,
          title: { type: 'string', minLength: 1, maxLength: 300 },
          year: { type: 'integer', minimum: 0, maximum: 2100, description: '0 when unknown' },
        },
        description: 'An IMDb id, or a title with its year',
      },
    },
  }),
  TasteRequest: {
    type: 'object',
    required: ['liked'],
    properties: {
      liked: { type: 'array', items: { type: 'string' }, maxItems: 500 },
      disliked: { type: 'array', items: { type: 'string' }, maxItems: 500 },
      seen: { type: 'array', items: { type: 'string' }, maxItems: 500 },
      filters: { type: 'object', description: 'Same names as the query filters' },
      limit: { type: 'integer' },
      offset: { type: 'integer' },
      diversity: { type: 'number' },
    },
  },
} as const;
