import type { Command } from 'commander';
import { DEFAULT_MODEL_DIR } from '../paths.ts';
import { positiveInt } from '../options.ts';

export interface ExportSiteFlags {
  out: string;
  model: string;
  pages?: boolean;
  api?: boolean;
  all?: boolean;
  movies: number;
  tmdbCache?: string;
}

export function defineExportSite(program: Command): void {
  program
    .command('export-site')
    .description('write the site as static files for S3 + CloudFront or any static host (no server needed)')
    .requiredOption(
      '--out <dir>',
      'folder to write (replaced atomically; must be empty or an earlier export)',
    )
    .option('--model <dir>', 'model folder, for --pages and --api (env KINEMA_MODEL)', DEFAULT_MODEL_DIR)
    .option('--pages', 'also render the HTML pages: home, atlas, clusters, lists, movies, posters, 404.html')
    .option(
      '--api',
      'also write the read-only JSON API as files (api/movies/<id>.json, .../similar.json, ...)',
    )
    .option('--all', 'both --pages and --api')
    .option(
      '--movies <n>',
      'how many movies (most popular first) get a page and API files',
      positiveInt('--movies'),
      1000,
    )
    .option(
      '--tmdb-cache <dir>',
      'TMDB details to include (posters, plots, where to watch; default <model>-tmdb when it exists)',
    )
    .addHelpText(
      'after',
      `
Without --pages or --api only the static assets are written (what CloudFront serves from S3 in front
of the Lambda function). A fully static site has no search, taste profile, filters or paging, and
links to movies beyond --movies are dead; api/index.json lists the exported titles so a browser
script can search them.

Examples:
  kinema export-site --out dist/site                    # assets only
  kinema export-site --out dist/static --all --movies 5000
  aws s3 sync dist/static s3://my-bucket/site/`,
    )
    .action(async (flags: ExportSiteFlags) => {
      const { runExportSite } = await import('./export-site-run.ts');
      await runExportSite(flags);
    });
}
