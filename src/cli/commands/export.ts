import type { Command } from 'commander';
import { DEFAULT_MODEL_DIR } from '../paths.ts';
import { oneOf } from '../options.ts';

export function defineExport(program: Command): void {
  program
    .command('export')
    .description("write every movie with its cluster and distance (the original's CSV), or Parquet/JSON")
    .option('--model <dir>', 'model folder (env KINEMA_MODEL)', DEFAULT_MODEL_DIR)
    .option(
      '--format <format>',
      'csv, json or parquet',
      oneOf('--format', ['csv', 'json', 'parquet'] as const),
      'csv',
    )
    .option('--out <file>', 'write to this file (atomically) instead of stdout')
    .addHelpText(
      'after',
      `
CSV columns: id,title,year,genres,rating,votes,cluster,distance (RFC 4180 quoting).

Examples:
  kinema export > movies.csv
  kinema export --format parquet --out movies.parquet`,
    )
    .action(async (flags: { model: string; format: 'csv' | 'json' | 'parquet'; out?: string }) => {
      const { renderExport, writeExport } = await import('../../pipeline/export.ts');
      const result = renderExport(flags.model, flags.format);
      if (flags.out) writeExport(result, flags.out);
      else if ('text' in result) process.stdout.write(result.text);
      else {
        const { createReadStream } = await import('node:fs');
        const { pipeline } = await import('node:stream/promises');
        await pipeline(createReadStream(result.path), process.stdout);
      }
    });
}
