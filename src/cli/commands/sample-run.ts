/** The sample command's action, loaded only when `kinema sample` runs. */
import { availableParallelism } from 'node:os';
import { parseTableList } from '../../core/tables.ts';
import { generateSample, type SampleFile } from '../../pipeline/sample/generate.ts';
import { formatBytes, formatDuration, terminalLogger } from '../output.ts';
import type { SampleFlags } from './sample.ts';

export async function runSample(flags: SampleFlags): Promise<SampleFile[]> {
  const log = terminalLogger();
  const started = performance.now();
  const files = await generateSample(
    {
      scale: flags.scale,
      out: flags.out,
      seed: flags.seed,
      year: flags.year,
      level: flags.level,
      only: flags.only === undefined ? undefined : parseTableList(flags.only),
      threads: flags.threads,
    },
    { log, cores: availableParallelism() },
  );
  const rows = files.reduce((sum, f) => sum + f.rows, 0);
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  log.info(
    `${files.length} files in ${flags.out}: ${rows.toLocaleString('en-US')} rows, ${formatBytes(bytes)} ` +
      `in ${formatDuration((performance.now() - started) / 1000)} (scale ${flags.scale}, seed ${flags.seed})`,
  );
  return files;
}
