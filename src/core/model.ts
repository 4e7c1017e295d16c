/**
 * The model folder as serving sees it: JSON for the small manifest, little-endian typed arrays for the
 * rest, so the site, the CLI and Lambda map it without DuckDB and without parsing. `kinema build` writes
 * it (src/pipeline/model-write.ts); this file holds the Model serving works with. Beside it:
 * model-load.ts reads a folder (reading bytes is an effect passed in), model-binary.ts holds the column
 * layouts, model-catalog.ts and model-people.ts the catalog and people types, model-decode.ts the
 * build's JSON → typed columns, model-bytes.ts typed arrays ↔ bytes, model-manifest.ts the manifest.
 *
 *   manifest.json      ModelManifest
 *   catalog.bin        column file (src/core/columns.ts): one column per field, row i = movie i, + idOrder
 *   features.f32       n×d row-major scaled features (manifest.features.names)
 *   centroids.f32      k×d
 *   people.bin         column file (optional): people, their movies (CSR) and the people index
 *   franchise.bin      column file: title-stem groups (src/core/recommend/franchise.ts)
 *   search.bin         column file: the title search index (src/core/search/title-index.ts)
 *   collab.bin         column file (optional): per movie its top co-liked movies, scores, likes
 *   neighbours.bin     per movie: N neighbour rows (Int32, best first, -1 padded), then N scores
 *                      (Float32) (optional)
 *   movies.parquet     everything above as one table, for export and analysis
 *   build-report.json  timings and bad-row samples (not part of the deterministic model)
 */
import type { Catalog, RowLookup } from './model-catalog.ts';
import type { People } from './model-people.ts';
import type { ModelManifest } from './model-manifest.ts';
import type { Neighbours } from './neighbour-lists.ts';
import type { FranchiseIndex } from './recommend/franchise.ts';
import type { PeopleIndex } from './recommend/people-index.ts';
import type { TitleIndex } from './search/title-index.ts';
import type { CollabLists } from './collab/lists.ts';
import type { ModelSections } from './model-sections.ts';

export interface Model {
  manifest: ModelManifest;
  catalog: Catalog;
  /** n×d scaled feature matrix. */
  features: Float32Array;
  d: number;
  centroids: Float32Array;
  k: number;
  people?: People;
  /** Built by `kinema build` (people.bin); when absent the recommender builds it on first use. */
  peopleIndex?: PeopleIndex;
  /** Built by `kinema build` (franchise.bin); when absent the recommender builds it on first use. */
  franchise?: FranchiseIndex;
  /** Rows best first by votes and by Bayesian rating (catalog.bin); sorted on first use when absent. */
  coldOrders?: { popular: Int32Array; topRated: Int32Array; gems?: Int32Array };
  /** Built by `kinema build` (search.bin), decoded on first call; when absent search builds it. */
  titleIndex?: () => TitleIndex;
  neighbours?: Neighbours;
  /** Collaborative neighbours from MovieLens likes (collab.bin), when the build had ratings. */
  collab?: CollabLists;
  byId: RowLookup;
  /**
   * Loaded lazily (Lambda): features, people's details and the title search are read when a route
   * awaits them (model-sections.ts); until then they throw. Absent: everything is loaded.
   */
  sections?: ModelSections;
}

/** Reads one file of the model folder; resolves null when it does not exist. */
export type ReadModelFile = (name: string) => Promise<Uint8Array | null>;
