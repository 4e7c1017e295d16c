/** Per-cluster summaries for the atlas: size, genre mix, era and rating, computed from the catalog. */
import { GENRES, type Genre } from '../core/genres.ts';
import type { Model } from '../core/model.ts';

export interface ClusterProfile {
  id: number;
  name: string;
  size: number;
  /** Share of members having each genre, largest first, top 5. */
  genres: { genre: Genre; share: number }[];
  yearMedian: number;
  yearRange: [number, number];
  ratingMean: number;
}

export function clusterProfiles(model: Model): ClusterProfile[] {
  const { catalog, manifest } = model;
  const k = model.k;
  const members: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < catalog.size; i++) members[catalog.cluster[i]!]?.push(i);
  return members.map((rows, id) => {
    const genreCounts = new Array<number>(GENRES.length).fill(0);
    let ratingSum = 0;
    const years: number[] = [];
    for (const i of rows) {
      const mask = catalog.genres[i]!;
      for (let g = 0; g < GENRES.length; g++) if (mask & (1 << g)) genreCounts[g]!++;
      ratingSum += catalog.rating[i]!;
      if (catalog.year[i]! > 0) years.push(catalog.year[i]!);
    }
    years.sort((a, b) => a - b);
    const genres = genreCounts
      .map((count, g) => ({ genre: GENRES[g]!, share: rows.length ? count / rows.length : 0 }))
      .filter((x) => x.share > 0)
      .sort((a, b) => b.share - a.share || a.genre.localeCompare(b.genre))
      .slice(0, 5);
    const yearMedian = years.length ? years[Math.floor(years.length / 2)]! : 0;
    const info = manifest.clusters.find((c) => c.id === id);
    return {
      id,
      name: info?.name ?? autoName(genres, yearMedian),
      size: rows.length,
      genres,
      yearMedian,
      yearRange: [years[0] ?? 0, years[years.length - 1] ?? 0],
      ratingMean: rows.length ? Math.round((ratingSum / rows.length) * 10) / 10 : 0,
    };
  });
}

// --- internal ---

/** Fallback when the build did not name clusters: top two genres and the median decade. */
function autoName(genres: { genre: Genre }[], year: number): string {
  const parts: string[] = genres.slice(0, 2).map((g) => g.genre);
  if (year > 0) parts.push(`${Math.floor(year / 10) * 10}s`);
  return parts.join(' · ') || 'Mixed';
}
