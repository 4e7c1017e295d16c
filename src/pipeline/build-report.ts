/**
 * build-report.json: what a build did that is not part of the deterministic model — each step's time,
 * the rows and bad rows of every table, the people named and not, the MovieLens ratings read and
 * kept, and the blend search's grid. `kinema build` prints from it; bundles leave it out.
 */
import type { BlendChoice } from '../core/eval/blend-search.ts';
import type { StepTiming } from './build-steps.ts';
import type { IngestReport } from './ingest.ts';
import type { PeopleDetails } from './people.ts';
import type { RatingsStep } from './ratings.ts';

export interface BuildReportParts {
  timings: StepTiming[];
  ingested: IngestReport;
  people: PeopleDetails;
  ratings?: RatingsStep;
  movielens?: string;
  blend: BlendChoice;
}

export function buildReport({ timings, ingested, people, ratings, movielens, blend }: BuildReportParts) {
  return {
    timings,
    tables: ingested.tables,
    people: { people: people.id.length, unnamed: people.unnamed },
    ...(ratings
      ? {
          movielens: {
            dir: movielens,
            read: ratings.read,
            kept: ratings.matrix.items.length,
            skipped: ratings.skips,
          },
        }
      : {}),
    blend: { cases: blend.cases, similar: blend.similarGrid, taste: blend.tasteGrid },
  };
}
