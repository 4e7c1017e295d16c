/**
 * The last build step: serve-time artifacts (catalog.bin, features.f32, centroids.f32), the full
 * movies.parquet for export and analysis, and the manifest. The build adds people.bin and franchise.bin
 * (src/core/model-binary.ts) once it has the people. Everything here is a pure function of the
 * data, options and seed, so two builds of the same inputs are byte-identical.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/database.ts';
import { sqlString } from '../db/database.ts';
import type { FeatureSpec } from '../core/features.ts';
import { MODEL_FORMAT, type ModelManifest } from '../core/model-manifest.ts';
import { decodeCatalog } from '../core/model-decode.ts';
import { typedArrayBytes } from '../core/model-bytes.ts';
import type { Catalog, CatalogJson } from '../core/model-catalog.ts';
import { encodeCatalog } from '../core/model-binary.ts';
import type { BuildSettings } from '../core/model-manifest.ts';
import { TOP_RATED_M } from '../core/recommend/cold-start.ts';
import type { CatalogRows } from './catalog.ts';
import { round } from './catalog.ts';
import type { FeatureMatrix } from './features.ts';
import type { Clustering } from './cluster.ts';
import type { IngestReport } from './ingest.ts';
import type { ModelWriter } from './model-write.ts';

export interface ModelFilesInput {
  catalog: CatalogRows;
  features: FeatureMatrix;
  clustering: Clustering;
  ingested: IngestReport;
  spec: FeatureSpec;
  options: {
    catalog: 'kinema' | 'original';
    seed: number;
    minVotes: number;
    bayesM: number;
    topVotes?: number;
  };
  version: string;
  buildKey: string;
  settings: BuildSettings;
}

export async function writeModelFiles(
  db: Db,
  writer: ModelWriter,
  input: ModelFilesInput,
): Promise<{ manifest: ModelManifest; catalog: Catalog }> {
  const { catalog, features, clustering } = input;
  const catalogJson: CatalogJson = {
    id: catalog.id,
    title: catalog.title,
    originalTitle: catalog.originalTitle,
    year: catalog.year,
    runtime: catalog.runtime,
    genres: catalog.genres,
    rating: catalog.rating,
    votes: catalog.votes,
    bayes: catalog.bayes,
    cluster: Array.from(clustering.labels),
    distance: Array.from(clustering.distances, (x) => round(x, 6)),
  };
  const decoded = decodeCatalog(catalogJson);
  const topM = input.options.topVotes ?? TOP_RATED_M;
  writer.write('catalog.bin', encodeCatalog(decoded, topM));
  writer.write('features.f32', typedArrayBytes(features.data));
  writer.write('centroids.f32', typedArrayBytes(clustering.centroids));
  await writeParquet(db, writer, catalogJson);

  const sizes = new Array<number>(clustering.k).fill(0);
  for (const label of clustering.labels) sizes[label]!++;
  const manifest: ModelManifest = {
    format: MODEL_FORMAT,
    kinemaVersion: input.version,
    buildKey: input.buildKey,
    settings: input.settings,
    catalog: {
      preset: input.options.catalog,
      minVotes: input.options.minVotes,
      meanRating: catalog.meanRating,
      bayesM: input.options.bayesM,
      topM,
    },
    features: {
      preset: input.spec.preset,
      names: features.names,
      weights: input.spec.weights,
      offset: features.offset,
      scale: features.scale,
    },
    kmeans: {
      k: clustering.k,
      seed: input.options.seed,
      algorithm: clustering.algorithm,
      iterations: clustering.iterations,
      inertia: clustering.inertia,
      converged: clustering.converged,
      ...(clustering.curve ? { curve: clustering.curve } : {}),
    },
    inputs: input.ingested.inputs,
    counts: {
      movies: catalog.size,
      rows: Object.fromEntries(input.ingested.tables.map((t) => [t.name, t.rows])),
      badRows: Object.fromEntries(input.ingested.tables.map((t) => [t.name, t.bad])),
      ingest: input.ingested.version,
    },
    clusters: sizes.map((size, id) => ({ id, size })),
    artifacts: ['manifest.json', 'catalog.bin', 'features.f32', 'centroids.f32', 'movies.parquet'],
  };
  return { manifest, catalog: decoded };
}

// --- internal ---

/** movies.parquet: the catalog table joined with raw features, cluster and distance, in idx order. */
async function writeParquet(db: Db, writer: ModelWriter, catalog: CatalogJson): Promise<void> {
  const csv = join(writer.dir, '.assignments.csv');
  const lines = ['idx,cluster,distance'];
  for (let i = 0; i < catalog.id.length; i++) lines.push(`${i},${catalog.cluster[i]},${catalog.distance[i]}`);
  writer.write('.assignments.csv', `${lines.join('\n')}\n`);
  await db.exec('SET preserve_insertion_order = true');
  await db.exec(
    `COPY (
       SELECT c.*, a.cluster, a.distance, f.* EXCLUDE (idx)
       FROM catalog c
       JOIN read_csv(${sqlString(csv)}, header = true, columns = {'idx': 'INTEGER', 'cluster': 'INTEGER', 'distance': 'DOUBLE'}) a USING (idx)
       JOIN features_raw f USING (idx)
       ORDER BY idx
     ) TO ${sqlString(join(writer.dir, 'movies.parquet'))} (FORMAT parquet, COMPRESSION zstd)`,
  );
  await db.exec('SET preserve_insertion_order = false');
  rmSync(csv);
}
