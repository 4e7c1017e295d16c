/**
 * The OpenAPI 3.1 description of /api, served at /api/openapi.json. Kept beside the routes it
 * describes. Every object lists what is always present as `required` and admits no field it does not
 * document (`additionalProperties: false`), so test/server/openapi.test.ts catches a route that
 * sends something new or drops something promised.
 */
import { GENRES } from '../../core/genres.ts';
import { MOVES, SLIDER_MAX, SLIDERS } from '../../core/recommend/tune.ts';
import { movieId, object, ref, SCHEMAS } from './openapi-schemas.ts';

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
/** A page of items plus the route's own fields about the request. */
const page = (item: object, extra: Record<string, object> = {}) =>
  object({
    ...extra,
    items: { type: 'array', items: item },
    offset: { type: 'integer', minimum: 0 },
    limit: { type: 'integer', minimum: 1 },
    next: { type: ['integer', 'null'], description: 'The offset of the next page, null on the last' },
  });

const id = param('id', 'path', movieId, 'IMDb title id');
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
          param(
            'tune',
            'query',
            { type: 'string', pattern: `^((${MOVES.join('|')}),?)*$` },
            `"Like this, but…": comma-separated moves re-ranking the movie's own top 50, from: ${MOVES.join(', ')}`,
          ),
          param(
            'weights',
            'query',
            { type: 'string', pattern: `^((${SLIDERS.join('|')}):[0-9.]+,?)*$` },
            `Sliders re-ranking the same top 50, name:value from 0 to ${SLIDER_MAX} (1 = as is), names: ${SLIDERS.join(', ')}`,
          ),
        ],
        responses: {
          '200': json(page(ref('Recommendation'), { movie: ref('MovieSummary') })),
          ...errors,
        },
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
          '200': json(page(ref('MovieSummary'), { person: ref('PersonSummary') })),
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
          '200': json(
            page(ref('SearchHit'), {
              query: { type: 'string', description: 'The query as read' },
              people: {
                type: 'array',
                maxItems: 3,
                description: 'People whose name has every word typed (empty past the first page)',
                items: ref('PersonSummary'),
              },
            }),
          ),
          ...errors,
        },
      },
    },
    '/api/recommend': {
      post: {
        summary:
          'Recommendations from liked and disliked movies (ids the model lacks are skipped and listed; the first 50 of each are scored, so list the most telling first (the site sends its latest picks first), the rest are only kept out of the list; a list ends after 500 items, diversity reorders its first 100)',
        requestBody: { required: true, content: { 'application/json': { schema: ref('TasteRequest') } } },
        responses: {
          '200': json(
            page(ref('Recommendation'), {
              unknown: {
                type: 'array',
                items: { type: 'string' },
                description: 'Given ids the model lacks (skipped)',
              },
            }),
          ),
          ...errors,
        },
      },
    },
    '/api/match': {
      post: {
        summary:
          'The catalog movie of each row of a rating export, by IMDb id or by title and year through the search resolver (the taste page parses the export in the browser and sends only these keys)',
        requestBody: { required: true, content: { 'application/json': { schema: ref('MatchRequest') } } },
        responses: {
          '200': json(
            object({
              items: {
                type: 'array',
                description: 'One per row, in order: the movie it stands for, or null when none',
                items: {
                  oneOf: [
                    object({ id: movieId, title: { type: 'string' }, year: { type: 'integer' } }),
                    { type: 'null' },
                  ],
                },
              },
            }),
          ),
          ...errors,
        },
      },
    },
    '/api/status': {
      get: {
        summary: "The served model: its build's quick evaluation and what the build changed",
        responses: { '200': json(ref('ModelStatus')) },
      },
    },
    '/api/clusters': {
      get: {
        summary: 'Every cluster with its profile',
        responses: {
          '200': json(object({ items: { type: 'array', items: ref('Cluster') } })),
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
        responses: {
          '200': json(
            page(ref('MovieSummary'), {
              cluster: { type: 'integer', minimum: 0 },
              sort: { enum: ['popular', 'top', 'gems'] },
            }),
          ),
          ...errors,
        },
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
        responses: {
          '200': json(page(ref('MovieSummary'), { list: { enum: ['popular', 'top', 'gems'] } })),
          ...errors,
        },
      },
    },
  },
  components: {
    schemas: SCHEMAS,
  },
} as const;
