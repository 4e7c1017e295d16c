import type { Command } from 'commander';
import { DEFAULT_MODEL_DIR } from '../paths.ts';
import { terminalLogger } from '../output.ts';
import { positiveInt } from '../options.ts';

export function defineExplore(program: Command): void {
  program
    .command('explore')
    .description(
      'chart the model (years, ratings, votes, genres, clusters, a PCA map) into an offline report',
    )
    .option('--model <dir>', 'model folder (env KINEMA_MODEL)', DEFAULT_MODEL_DIR)
    .requiredOption('--out <dir>', 'report folder to write (created if missing; files are replaced)')
    .option('--width <px>', 'chart width in CSS pixels', positiveInt('--width'), 800)
    .option('--scale <n>', 'PNG pixels per CSS pixel', positiveInt('--scale'), 2)
    .option('--no-png', 'write only index.html and SVGs (no rasterizing)')
    .option('-q, --quiet', 'print nothing but errors')
    .addHelpText(
      'after',
      `
Writes to --out:
  index.html   every chart inline with a description; no scripts, opens offline
  <chart>.svg  each chart as SVG, with an accessible <title> and <desc>
  <chart>.png  each chart as PNG, text drawn with the DejaVu Sans font kinema ships

Charts: movies per year, movies per rounded rating, vote counts (log scale), genre
frequencies, cluster sizes, genres by cluster, release years and ratings by cluster,
a PCA map of all movies by cluster, and the inertia/silhouette curves when the model
was built with --k auto. The same charts appear on the site's insights page.

Examples:
  kinema explore --out report
  kinema explore --model ./model --out /tmp/report --no-png`,
    )
    .action(
      async (flags: {
        model: string;
        out: string;
        width: number;
        scale: number;
        png: boolean;
        quiet?: boolean;
      }) => {
        const { exploreModelDir } = await import('../../pipeline/explore.ts');
        const log = terminalLogger({ quiet: flags.quiet });
        const started = performance.now();
        const result = await exploreModelDir(
          flags.model,
          { outDir: flags.out, width: flags.width, pngScale: flags.scale, png: flags.png },
          { log },
        );
        const stages = Object.entries(result.timings)
          .map(([k, ms]) => `${k} ${(ms / 1000).toFixed(2)} s`)
          .join(', ');
        log.info(`done in ${((performance.now() - started) / 1000).toFixed(2)} s (${stages})`);
        log.info(`open ${result.html}`);
      },
    );
}
