/**
 * The build's step timer: runs a step, logs its time and note (`  people     2.00 s  458,716 people`),
 * and keeps both for build-report.json. `alongside` starts a step that runs while others do (the
 * people SQL on its own connection) and records it once awaited; `record` is for work timed by its
 * caller (the neighbour threads). The notes of the ingest and blend steps are made here too.
 */
import type { Logger } from '../core/log.ts';
import type { IngestReport } from './ingest.ts';

export interface StepTiming {
  step: string;
  ms: number;
  note?: string;
}

export interface StepTimer {
  timings: StepTiming[];
  step<T>(name: string, run: () => Promise<T>, note?: (result: T) => string): Promise<T>;
  /**
   * Starts `run` now, or once `after` has resolved; the returned function awaits it and records the
   * time it ran, from its start to its end. `settled` waits for every such run, failed or not (before
   * what it uses is closed).
   */
  alongside<T>(
    name: string,
    run: () => Promise<T>,
    note?: (result: T) => string,
    after?: Promise<unknown>,
  ): () => Promise<T>;
  settled(): Promise<void>;
  record(name: string, ms: number, note?: string): void;
}

export function stepTimer(log: Logger): StepTimer {
  const timings: StepTiming[] = [];
  const running: Promise<unknown>[] = [];
  const record = (name: string, ms: number, note?: string) => {
    timings.push({ step: name, ms, note });
    log.info(`  ${name.padEnd(10)} ${(ms / 1000).toFixed(2).padStart(7)} s${note ? `  ${note}` : ''}`);
  };
  return {
    timings,
    record,
    async step(name, run, note) {
      const start = performance.now();
      const result = await run();
      record(name, performance.now() - start, note?.(result));
      return result;
    },
    alongside(name, run, note, after) {
      let start = performance.now();
      const begin = () => {
        start = performance.now();
        return run();
      };
      const result = after ? after.then(begin) : begin();
      // a failure is reported where the result is awaited, not as an unhandled rejection before
      const ended = result.then(
        () => performance.now(),
        () => performance.now(),
      );
      running.push(ended);
      let recorded = false;
      return async () => {
        const value = await result;
        if (!recorded) record(name, (await ended) - start, note?.(value));
        recorded = true;
        return value;
      };
    },
    settled: async () => {
      await Promise.all(running);
    },
  };
}

/** The ingest step's note: `6 tables, 6 from cache, 3 bad rows skipped`. */
export function ingestNote(report: IngestReport): string {
  const cached = report.tables.filter((t) => t.cached).length;
  const bad = report.tables.reduce((s, t) => s + t.bad, 0);
  return `${report.tables.length} tables${cached ? `, ${cached} from cache` : ''}${bad ? `, ${bad} bad rows skipped` : ''}`;
}

/** Blend weights as the summary prints them: `collab=1, people=2`. */
export function formatWeights(w: object): string {
  return Object.entries(w)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(', ');
}
