/**
 * Build step: the catalog's feature matrix. SQL computes the raw features (src/db/sql/features-*.sql);
 * this step derives each column's scaling from the data, applies scaling and weights in SQL, and streams
 * the result into one row-major Float32Array.
 */
import type { Db } from '../db/database.ts';
import { loadSql, sqlString } from '../db/database.ts';
import { GENRES } from '../core/genres.ts';
import type { FeatureSpec } from '../core/features.ts';

export interface FeatureMatrix {
  data: Float32Array;
  n: number;
  d: number;
  names: string[];
  offset: number[];
  scale: number[];
}

export async function computeFeatures(db: Db, spec: FeatureSpec): Promise<FeatureMatrix> {
  const genreColumns = GENRES.map(
    (g) => `list_contains(genre_list, ${sqlString(g)})::INTEGER::DOUBLE AS ${ident(`genre:${g}`)}`,
  ).join(',\n       ');
  const genreList = `[${GENRES.map(sqlString).join(', ')}]`;
  const sql = loadSql(`features-${spec.preset}`)
    .replace('{{genres}}', genreColumns)
    .replaceAll('$genres', genreList);
  await db.exec(sql);

  const offset: number[] = [];
  const scale: number[] = [];
  for (const column of spec.columns) {
    const [lo, hi] = await bounds(db, column.name, column.scaling);
    offset.push(lo);
    scale.push(hi > lo ? hi - lo : 1);
  }
  const select = spec.columns
    .map((column, j) => {
      const weight = spec.weights[column.weightKey] ?? 1;
      const lo = offset[j]!;
      const hi = lo + scale[j]!;
      const x =
        column.scaling === 'binary'
          ? ident(column.name)
          : `least(greatest(${ident(column.name)}, ${lo}), ${hi})`;
      return `((${x} - ${lo}) / ${scale[j]} * ${weight})::FLOAT AS ${ident(column.name)}`;
    })
    .join(',\n  ');
  const { data, rows, columns } = await db.matrix(`SELECT ${select} FROM features_raw ORDER BY idx`);
  return { data, n: rows, d: columns, names: spec.columns.map((c) => c.name), offset, scale };
}

// --- internal ---

async function bounds(db: Db, column: string, scaling: FeatureSpec['columns'][number]['scaling']) {
  if (scaling === 'binary') return [0, 1] as const;
  const c = ident(column);
  const sql =
    scaling === 'robust'
      ? `SELECT quantile_cont(${c}, 0.01) AS lo, quantile_cont(${c}, 0.99) AS hi FROM features_raw`
      : `SELECT min(${c}) AS lo, max(${c}) AS hi FROM features_raw`;
  const [row] = await db.rows<{ lo: number | null; hi: number | null }>(sql);
  return [row?.lo ?? 0, row?.hi ?? 0] as const;
}

function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
