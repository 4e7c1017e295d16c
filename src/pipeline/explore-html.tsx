/**
 * The explore report page: one static HTML file with every chart's SVG inline, so it opens offline
 * from disk or an email attachment. No scripts; chart tooltips are SVG <title>s the browser shows.
 * Rendered with hono/jsx, which escapes every text and attribute; only the charts' SVG (drawn by
 * src/charts from the model) and the fixed style sheet go in raw.
 */
import { raw } from 'hono/html';
import type { InsightChart } from '../charts/index.ts';
import type { Model } from '../core/model.ts';

const STYLE = `
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", sans-serif; color: #1f2933;
  background: #f5f6f8; margin: 0; }
main { max-width: 880px; margin: 0 auto; padding: 24px 16px 64px; }
h1 { font-size: 26px; margin: 0 0 4px; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 16px 0; }
dt { color: #6b7785; }
dd { margin: 0; }
nav ol { columns: 2; padding-left: 20px; }
section { background: white; border-radius: 8px; padding: 16px; margin: 24px 0;
  box-shadow: 0 1px 3px rgba(0, 0, 0, 0.08); }
.chart svg { max-width: 100%; height: auto; }
.desc { margin: 8px 0 0; }
.files { margin: 4px 0 0; font-size: 13px; color: #6b7785; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;

export function reportHtml(model: Model, charts: InsightChart[], options: { png: boolean }): string {
  const m = model.manifest;
  const facts: [string, string][] = [
    ['Movies', model.catalog.size.toLocaleString('en-US')],
    ['Features', `${model.d} (${m.features.preset} preset)`],
    ['Clusters', `k = ${model.k} (${m.kmeans.algorithm}, seed ${m.kmeans.seed})`],
    [
      'Catalog',
      `${m.catalog.preset} preset, ` +
        (m.catalog.minVotes > 0
          ? `at least ${m.catalog.minVotes.toLocaleString('en-US')} votes`
          : 'no vote minimum'),
    ],
    ['Built by', `kinema ${m.kinemaVersion}`],
  ];
  const page = (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`kinema explore — ${model.catalog.size.toLocaleString('en-US')} movies, k = ${model.k}`}</title>
        <style>{raw(STYLE)}</style>
      </head>
      <body>
        <main>
          <h1>kinema explore</h1>
          <p>What the model contains: the catalog, its genres, and the clusters the recommender uses.</p>
          <dl>
            {facts.map(([name, value]) => (
              <>
                <dt>{name}</dt>
                <dd>{value}</dd>
              </>
            ))}
          </dl>
          <nav aria-label="Charts">
            <ol>
              {charts.map((c) => (
                <li>
                  <a href={`#${c.id}`}>{c.title}</a>
                </li>
              ))}
            </ol>
          </nav>
          {charts.map((c) => (
            <ChartSection chart={c} png={options.png} />
          ))}
        </main>
      </body>
    </html>
  );
  return `<!doctype html>\n${page.toString()}\n`;
}

// --- internal ---

function ChartSection({ chart: c, png }: { chart: InsightChart; png: boolean }) {
  return (
    <section id={c.id} aria-labelledby={`${c.id}-h`}>
      <h2 id={`${c.id}-h`} class="sr-only">
        {c.title}
      </h2>
      <div class="chart">{raw(c.svg)}</div>
      <p class="desc">{c.description}</p>
      <p class="files">
        <a href={`${c.id}.svg`}>SVG</a>
        {png && (
          <>
            {' · '}
            <a href={`${c.id}.png`}>PNG</a>
          </>
        )}
      </p>
    </section>
  );
}
