/**
 * The build's step timer: runs a step, logs its time and note (`  people     2.00 s  458,716 people`),
 * and keeps both for build-report.json. `record` is for work timed by its caller (the neighbour
 * threads, which run alongside other steps).
 */
import type { Logger } from '../core/log.ts';

export interface StepTiming {
  step: string;
  ms: number;
  note?: string;
}

export interface StepTimer {
  timings: StepTiming[];
  step<T>(name: string, run: () => Promise<T>, note?: (result: T) => string): Promise<T>;
  record(name: string, ms: number, note?: string): void;
}

export function stepTimer(log: Logger): StepTimer {
  const timings: StepTiming[] = [];
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
  };
}
