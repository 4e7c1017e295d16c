/** Insights: the exploration charts, each an SVG image served by /charts/:id.svg (no inline styles needed). */
import type { ChartView } from '../insights.ts';
import { Layout } from './layout.tsx';

export function InsightsPage({ charts }: { charts: ChartView[] }) {
  return (
    <Layout title="Insights">
      <h1>Insights</h1>
      <p class="lede">
        How the catalog and its clusters look: the charts of <code>kinema explore</code>, drawn from the
        served model.
      </p>
      {charts.length === 0 ? (
        <p>The exploration charts are not available for this model.</p>
      ) : (
        <div class="charts">
          {charts.map((c) => (
            <figure id={c.id}>
              <img src={`/charts/${c.id}.svg`} alt={`${c.title}. ${c.description}`} loading="lazy" />
              <figcaption>
                <strong>{c.title}</strong> {c.description}
              </figcaption>
            </figure>
          ))}
        </div>
      )}
    </Layout>
  );
}
