/**
 * Which model sections (src/core/model-sections.ts) a request needs before its route runs, when the
 * model was loaded lazily (Lambda). Only routes whose reads are known are listed; anything else gets
 * every section, so a route added later is never served from a half-loaded model. Listed:
 * - the similar API: the catalog, the people index and the franchise lists are loaded at start, and
 *   the route fetches the movie's neighbour and collaborative rows; it loads the rest itself when the
 *   list is more than the precomputed row (Recommender.similarFromList: diversity, tuning, filters
 *   that leave the row short, a model without precomputed lists);
 * - search: the title index (and the original titles it resolves), people's name index and details;
 * - health checks, static assets and posters (the catalog only).
 */
import { MODEL_SECTIONS, type ModelSection } from '../core/model-sections.ts';

const NONE: readonly ModelSection[] = [];
const SEARCH: readonly ModelSection[] = ['catalog', 'people', 'search'];
const SIMILAR = /^\/api\/movies\/[^/]+\/similar$/;

export function routeSections(path: string): readonly ModelSection[] {
  if (path === '/healthz' || path.startsWith('/assets/') || path.startsWith('/poster/')) return NONE;
  if (path === '/api/openapi.json' || path === '/api' || SIMILAR.test(path)) return NONE;
  if (path === '/api/search') return SEARCH;
  return MODEL_SECTIONS;
}
