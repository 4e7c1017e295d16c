import type { Command } from 'commander';
import type { Logger } from '../../core/log.ts';
import type { RefreshReport } from '../../pipeline/refresh.ts';
import { terminalLogger } from '../output.ts';
import { addMovielensOptions, movielensOptions, type MovielensFlags } from '../movielens-flags.ts';
import { DEFAULT_DATA_DIR, DEFAULT_MODEL_DIR } from '../paths.ts';
import { buildModel } from './build.ts';

export interface RefreshFlags extends MovielensFlags {
  data: string;
  model: string;
  mirror?: string;
  from?: string;
}

export function defineRefresh(program: Command): void {
  const command = program
    .command('refresh')
    .description(
      'ask every source for changes (an unchanged file costs one request), rebuild the model only if something changed',
    )
    .option('--data <dir>', 'folder with the IMDb .tsv.gz files (env KINEMA_DATA)', DEFAULT_DATA_DIR)
    .option('--model <dir>', 'model folder (env KINEMA_MODEL)', DEFAULT_MODEL_DIR)
    .option(
      '--mirror <url>',
      'download from this base URL instead of the IMDb datasets site (env KINEMA_MIRROR)',
    )
    .option('--from <dir>', 'take the .tsv.gz files from a local folder instead of downloading');
  addMovielensOptions(command)
    .addHelpText(
      'after',
      `
A running \`kinema serve\` or \`kinema start\` swaps the new model in by itself. IMDb publishes new
files daily; to refresh on a schedule, use \`kinema start --refresh daily\`, or cron:
  15 4 * * *  cd /srv/kinema && npx kinema refresh >> refresh.log 2>&1
For a site deployed on AWS: kinema refresh && kinema deploy`,
    )
    .action(async (flags: RefreshFlags) => {
      await runRefresh(flags);
    });
}

// --- run: loaded when the command runs (heavy modules are imported lazily) ---

export async function runRefresh(flags: RefreshFlags): Promise<RefreshReport> {
  const { describeRefresh } = await import('../../pipeline/refresh.ts');
  const log = terminalLogger();
  const report = await refreshOnce(flags, log);
  log.info(describeRefresh(report));
  return report;
}

/** One refresh with the terminal's build (`kinema refresh`, and `kinema start` at start and on its timer). */
export async function refreshOnce(flags: RefreshFlags, log: Logger): Promise<RefreshReport> {
  const { refreshModel } = await import('../../pipeline/refresh.ts');
  return refreshModel(
    {
      dataDir: flags.data,
      modelDir: flags.model,
      mirror: flags.mirror ?? process.env['KINEMA_MIRROR'],
      from: flags.from,
      movielens: movielensOptions(flags, flags.data),
    },
    { fetch, log, build: buildModel, now: () => performance.now() },
  );
}
