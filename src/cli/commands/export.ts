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
Columns in every format: id,title,year,genres,rating,votes,cluster,distance (CSV: RFC 4180
quoting, genres comma-joined; JSON and Parquet: genres a list). The model's full table, with the
raw features, is model/movies.parquet.

Examples:
  kinema export > movies.csv
  kinema export --format parquet --out movies.parquet`,
    )
    .action(async (flags: { model: string; format: 'csv' | 'json' | 'parquet'; out?: string }) => {
      const { renderExport, writeExport } = await import('../../pipeline/export.ts');
      const result = renderExport(flags.model, flags.format);
      if (flags.out) await writeExport(result, flags.out);
      else if ('text' in result) process.stdout.write(result.text);
      else {
        // Parquet needs a seekable file: write one aside, then stream it
        const [{ createReadStream, mkdtempSync, rmSync }, { tmpdir }, { join }, { pipeline }] =
          await Promise.all([
            import('node:fs'),
            import('node:os'),
            import('node:path'),
            import('node:stream/promises'),
          ]);
        const dir = mkdtempSync(join(tmpdir(), 'kinema-export-'));
        try {
          await writeExport(result, join(dir, 'movies.parquet'));
          await pipeline(createReadStream(join(dir, 'movies.parquet')), process.stdout);
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }
    });
}
