/** The fetch command's action, loaded only when `kinema fetch` runs. */
import { KinemaError } from '../../core/errors.ts';
import { parseTableList } from '../../core/tables.ts';
import { fetchData, type FetchedTable } from '../../pipeline/fetch.ts';
import { syncMovielens, type MovielensResult } from '../../pipeline/movielens-fetch.ts';
import { movielensOptions } from '../movielens-flags.ts';
import { formatBytes } from '../../core/format-bytes.ts';
import { formatDuration, terminalLogger } from '../output.ts';
import type { FetchFlags } from './fetch.ts';

export async function runFetch(
  flags: FetchFlags,
): Promise<{ imdb: FetchedTable[]; movielens: MovielensResult }> {
  if (flags.from !== undefined && flags.mirror) {
    throw new KinemaError(
      'bad-input',
      '--from and --mirror (or KINEMA_MIRROR) exclude each other',
      'use one of them',
    );
  }
  // flag mistakes are reported before a long download, not after it
  const movielens = movielensOptions(flags, flags.data);
  const log = terminalLogger();
  const started = performance.now();
  const results = await fetchData(
    {
      dir: flags.data,
      mirror: flags.mirror || undefined,
      from: flags.from,
      only: flags.only === undefined ? undefined : parseTableList(flags.only),
      force: flags.force,
    },
    { fetch, log },
  );
  const ml = await syncMovielens(movielens, { fetch, log });
  const received = results.reduce((sum, r) => sum + r.received, 0) + ml.received;
  const total = results.reduce((sum, r) => sum + r.size, 0);
  const seconds = (performance.now() - started) / 1000;
  const mlFiles = ml.files.length > 0 ? `, MovieLens: ${ml.files.length} files in ${ml.dir}` : '';
  log.info(
    `${results.length} file${results.length === 1 ? '' : 's'} in ${flags.data} (${formatBytes(total)})${mlFiles}; ` +
      `${formatBytes(received)} downloaded in ${formatDuration(seconds)}`,
  );
  return { imdb: results, movielens: ml };
}
