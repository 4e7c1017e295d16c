/** The OpenAPI 3.1 description of /api, served at /api/openapi.json. Kept beside the routes it describes. */
import { GENRES } from '../../core/genres.ts';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const param = (
  name: string,
  where: 'path' | 'query',
  schema: object,
  description: string,
  required = false,
) => ({
  name,
  in: where,
  required: where === 'path' || required,
  schema,
  description,
});
const json = (schema: object, description = 'OK') => ({
  description,
  content: { 'application/json': { schema } },
});
const errors = {
  '400': json(ref('Error'), 'Invalid parameter'),
  '404': json(ref('Error'), 'Not found'),
  '429': json(ref('Error'), 'Rate limited'),
};
const page = (item: object) => ({
  type: 'object',
  required: ['items', 'offset', 'limit', 'next'],
  properties: {
    items: { type: 'array', items: item },
    offset: { type: 'integer' },
    limit: { type: 'integer' },
    next: { type: ['integer', 'null'] },
  },
});

const id = param('id', 'path', { type: 'string', pattern: '^tt\\d{7,10}$' }, 'IMDb title id');
const personId = param('id', 'path', { type: 'string', pattern: '^nm\\d{7,10}$' }, 'IMDb person id');
const paging = [
  param('limit', 'query', { type: 'integer', minimum: 1, maximum: 100 }, 'Page size'),
  param('offset', 'query', { type: 'integer', minimum: 0, maximum: 10000 }, 'Items to skip'),
];
const genre = { type: 'string', description: `Comma-separated, from: ${GENRES.join(', ')}` };
const filters = [
  param('genres', 'query', genre, 'Keep movies having any of these genres'),
  param('excludeGenres', 'query', genre, 'Drop movies having any of these genres'),
  param('yearMin', 'query', { type: 'integer' }, 'Earliest year'),
  param('yearMax', 'query', { type: 'integer' }, 'Latest year'),
  param('ratingMin', 'query', { type: 'number', minimum: 0, maximum: 10 }, 'Lowest IMDb rating'),
  param('votesMin', 'query', { type: 'integer', minimum: 0 }, 'Fewest votes'),
  param('runtimeMin', 'query', { type: 'integer' }, 'Shortest runtime, minutes'),
  param('runtimeMax', 'query', { type: 'integer' }, 'Longest runtime, minutes'),
];

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'kinema',
    version: '1',
    description: 'Movie recommendations from the public IMDb datasets.',
  },
  paths: {
    '/api/movies/{id}': {
      get: {
        summary: 'One movie with people and cluster',
        parameters: [id],
        responses: { '200': json(ref('MovieDetail')), ...errors },
      },
    },
    '/api/movies/{id}/similar': {
      get: {
        summary: 'More like this, each with an explanation',
        parameters: [
          id,
          ...paging,
          ...filters,
          param('diversity', 'query', { type: 'number', minimum: 0, maximum: 1 }, 'MMR trade-off'),
        ],
        responses: { '200': json(page(ref('Recommendation'))), ...errors },
      },
    },
    '/api/people/{id}': {
      get: {
        summary: 'One person: professions, years and their catalog films by year with roles',
        parameters: [personId],
        responses: { '200': json(ref('PersonDetail')), ...errors },
      },
    },
    '/api/people/{id}/similar': {
      get: {
        summary: "More like this person's films (their best-known films' neighbours, their own left out)",
        parameters: [personId, ...paging],
        responses: {
          '200': json({
            allOf: [
              page(ref('MovieSummary')),
              { type: 'object', properties: { person: ref('PersonSummary') } },
            ],
          }),
          ...errors,
        },
      },
    },
    '/api/search': {
      get: {
        summary:
          'Typo-tolerant title search (prefix and word matching, akas and original titles, a trailing year narrows), and people by name on the first page',
        parameters: [
          param('q', 'query', { type: 'string', maxLength: 100 }, 'What the user typed', true),
          ...paging,
        ],
        responses: {
          '200': json({
            allOf: [
              page(ref('MovieSummary')),
              {
                type: 'object',
                properties: {
                  people: {
                    type: 'array',
                    maxItems: 3,
                    description: 'People whose name has every word typed (empty past the first page)',
                    items: ref('PersonSummary'),
                  },
                },
              },
            ],
          }),
          ...errors,
        },
      },
    },
    '/api/recommend': {
      post: {
        summary:
          'Recommendations from liked and disliked movies (ids the model lacks are skipped and listed)',
        requestBody: { required: true, content: { 'application/json': { schema: ref('TasteRequest') } } },
        responses: {
          '200': json({
            allOf: [
              page(ref('Recommendation')),
              { type: 'object', properties: { unknown: { type: 'array', items: { type: 'string' } } } },
            ],
          }),
          ...errors,
        },
      },
    },
    '/api/clusters': {
      get: {
        summary: 'Every cluster with its profile',
        responses: {
          '200': json({ type: 'object', properties: { items: { type: 'array', items: ref('Cluster') } } }),
        },
      },
    },
    '/api/clusters/{id}': {
      get: {
        summary: 'One cluster profile',
        parameters: [param('id', 'path', { type: 'integer', minimum: 0 }, 'Cluster id')],
        responses: { '200': json(ref('Cluster')), ...errors },
      },
    },
    '/api/clusters/{id}/movies': {
      get: {
        summary: 'Members of a cluster',
        parameters: [
          param('id', 'path', { type: 'integer', minimum: 0 }, 'Cluster id'),
          param('sort', 'query', { enum: ['popular', 'top', 'gems'] }, 'Order'),
          ...paging,
          ...filters,
        ],
        responses: { '200': json(page(ref('MovieSummary'))), ...errors },
      },
    },
    '/api/lists/{list}': {
      get: {
        summary: 'Popular, top rated or hidden gems',
        parameters: [
          param('list', 'path', { enum: ['popular', 'top', 'gems'] }, 'Which list'),
          ...paging,
          ...filters,
        ],
        responses: { '200': json(page(ref('MovieSummary'))), ...errors },
      },
    },
  },
  components: {
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: {
          error: {
            type: 'object',
            required: ['code', 'message'],
            properties: { code: { type: 'string' }, message: { type: 'string' } },
          },
        },
      },
      MovieSummary: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          title: { type: 'string' },
          year: { type: 'integer' },
          genres: { type: 'array', items: { type: 'string' } },
          rating: { type: 'number' },
          votes: { type: 'integer' },
          cluster: { type: 'integer' },
          poster: { type: 'string' },
        },
      },
      MovieDetail: {
        allOf: [
          ref('MovieSummary'),
          {
            type: 'object',
            properties: {
              originalTitle: { type: 'string' },
              runtime: { type: 'integer' },
              bayes: { type: 'number' },
              clusterName: { type: 'string' },
              directors: { type: 'array', items: ref('Person') },
              writers: { type: 'array', items: ref('Person') },
              cast: { type: 'array', items: ref('CastMember') },
              knownFor: {
                type: 'array',
                items: ref('Person'),
                description: 'People IMDb says are known for this film, beyond those listed above',
              },
              imdbUrl: { type: 'string' },
            },
          },
        ],
      },
      Person: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' } } },
      CastMember: {
        allOf: [
          ref('Person'),
          {
            type: 'object',
            properties: { characters: { type: 'string', description: 'e.g. "Bruce Wayne / Batman"' } },
          },
        ],
      },
      PersonSummary: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          name: { type: 'string' },
          professions: { type: 'array', items: { type: 'string' } },
          birthYear: { type: ['integer', 'null'] },
          deathYear: { type: ['integer', 'null'] },
        },
      },
      PersonDetail: {
        allOf: [
          ref('PersonSummary'),
          {
            type: 'object',
            properties: {
              movies: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    movie: ref('MovieSummary'),
                    roles: { type: 'array', items: { enum: ['director', 'writer', 'cast', 'known'] } },
                    characters: { type: 'string' },
                  },
                },
              },
              totalMovies: {
                type: 'integer',
                description: 'Catalog films in all (movies lists at most 200)',
              },
              imdbUrl: { type: 'string' },
            },
          },
        ],
      },
      Recommendation: {
        type: 'object',
        properties: {
          movie: ref('MovieSummary'),
          score: { type: 'number' },
          explanation: { type: 'object', properties: { sentence: { type: 'string' } } },
        },
      },
      Cluster: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          size: { type: 'integer' },
          genres: { type: 'array' },
          yearMedian: { type: 'integer' },
          ratingMean: { type: 'number' },
        },
      },
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
    },
  },
} as const;
