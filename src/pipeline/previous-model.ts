/**
 * The model a build is about to replace, as far as the build uses it: its centres, in this build's
 * feature scaling, to warm-start k-means and keep cluster ids; its catalog, for the build diff. A
 * missing or unreadable previous model is no error: the build then starts fresh and says so.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { carryCentroids, columnWeights, previousLabels, type FeatureScaling } from '../core/cluster-ids.ts';
import { featureSpec, type FeatureSpec } from '../core/features.ts';
import type { Logger } from '../core/log.ts';
import { decodeCatalogFile } from '../core/model-binary.ts';
import { toFloat32 } from '../core/model-bytes.ts';
import type { Catalog } from '../core/model-catalog.ts';
import type { ModelManifest } from '../core/model-manifest.ts';
import { modelId } from '../core/model-id.ts';
import { diffModels, type ModelDiff } from '../core/model-diff.ts';
import { coldOrder, TOP_RATED_M } from '../core/recommend/cold-start.ts';
import type { PreviousClusters } from './cluster.ts';

export interface PreviousModel {
  manifest: ModelManifest;
  /** The previous model's content id. */
  id: string;
  catalog: Catalog;
  coldOrders: { popular: Int32Array; topRated: Int32Array };
  /** Raw centres and how they were scaled (carried into a build's scaling by `centresFor`). */
  centroids?: Float32Array;
  scaling?: FeatureScaling;
}

export function readPreviousModel(
  modelDir: string,
  manifest: ModelManifest | null,
  log: Logger,
): PreviousModel | undefined {
  if (!manifest) return undefined;
  try {
    const { catalog, coldOrders } = decodeCatalogFile(
      new Uint8Array(readFileSync(join(modelDir, 'catalog.bin'))),
    );
    const previous: PreviousModel = { manifest, id: modelId(manifest), catalog, coldOrders };
    try {
      const bytes = new Uint8Array(readFileSync(join(modelDir, 'centroids.f32')));
      previous.centroids = toFloat32(
        bytes,
        'centroids.f32',
        manifest.kmeans.k * manifest.features.names.length,
      );
      previous.scaling = scalingOf(manifest);
    } catch (error) {
      log.info(`  previous centres unreadable (${(error as Error).message}): clusters start fresh`);
    }
    return previous;
  } catch (error) {
    log.info(`  previous model in ${modelDir} unreadable (${(error as Error).message}): nothing to compare`);
    return undefined;
  }
}

/**
 * The previous clusters for a build whose catalog has `ids` and whose features scale as `to`: each
 * row's old cluster, and the old centres in the new scaling when the columns are the same (else the
 * reason is logged and k-means starts fresh).
 */
export function previousClusters(
  previous: PreviousModel | undefined,
  ids: readonly string[],
  to: { names: string[]; offset: number[]; scale: number[] },
  spec: FeatureSpec,
  log: Logger,
): PreviousClusters | undefined {
  if (!previous) return undefined;
  const k = previous.manifest.kmeans.k;
  const labels = previousLabels(ids, previous.catalog);
  if (!previous.centroids || !previous.scaling) return { k, labels };
  const carried = carryCentroids(previous.centroids, k, previous.scaling, {
    ...to,
    weight: columnWeights(spec),
  });
  if (typeof carried === 'string') {
    log.info(`  ${carried}: k-means starts fresh`);
    return { k, labels };
  }
  return { k, labels, centroids: carried };
}

/** What the new model (its catalog and manifest so far) changes against the previous one. */
export function diffAgainst(previous: PreviousModel, catalog: Catalog, manifest: ModelManifest): ModelDiff {
  const topM = manifest.catalog.topM ?? TOP_RATED_M;
  return diffModels(
    previous.id,
    { catalog: previous.catalog, orders: previous.coldOrders, eval: previous.manifest.eval },
    {
      catalog,
      orders: { popular: coldOrder(catalog, 'popular'), topRated: coldOrder(catalog, 'topRated', topM) },
      eval: manifest.eval,
    },
  );
}

function scalingOf(manifest: ModelManifest): FeatureScaling {
  const { preset, weights, names, offset, scale } = manifest.features;
  return { names, offset, scale, weight: columnWeights(featureSpec(preset, weights)) };
}
