import type { Command } from 'commander';
import { addMovielensOptions, type MovielensFlags } from '../movielens-flags.ts';
import { DEFAULT_DATA_DIR, DEFAULT_MODEL_DIR } from '../paths.ts';
import { nonNegativeInt } from '../options.ts';

export interface StartFlags extends MovielensFlags {
  data: string;
  model: string;
  mirror?: string;
  from?: string;
  serve: boolean;
  port: number;
  host: string;
}

export function defineStart(program: Command): void {
  const command = program
    .command('start')
    .description(
      'the main job: fetch the IMDb files if missing, build the model if stale, then serve the site',
    )
    .option('--data <dir>', 'folder with the IMDb .tsv.gz files (env KINEMA_DATA)', DEFAULT_DATA_DIR)
    .option('--model <dir>', 'model folder (env KINEMA_MODEL)', DEFAULT_MODEL_DIR)
    .option(
      '--mirror <url>',
      'download from this base URL instead of the IMDb datasets site (env KINEMA_MIRROR)',
    )
    .option('--from <dir>', 'take the .tsv.gz files from a local folder instead of downloading')
    .option('--no-serve', 'stop after the build and print the model summary')
    .option(
      '--port <n>',
      'port for the site (env PORT)',
      nonNegativeInt('--port'),
      Number(process.env['PORT'] ?? 8080),
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1');
  addMovielensOptions(command)
    .addHelpText(
      'after',
      `
MovieLens ratings (ml-32m by default) are fetched into <data>/../movielens when missing and
checked for updates when they came from the site; offline, one warning and IMDb alone.

Without internet access, point it at files you have, or at a generated sample:
  kinema start --from ~/Downloads/imdb --movielens-from ~/Downloads/ml-32m
  kinema start --from ~/Downloads/imdb --movielens none
  kinema sample --scale 0.01 --out data/imdb && kinema start`,
    )
    .action(async (flags: StartFlags) => {
      const { runStart } = await import('./start-run.ts');
      await runStart(flags);
    });
}
