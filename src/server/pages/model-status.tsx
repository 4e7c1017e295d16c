/** /status: the served model, the build's quick evaluation against most popular, and the build diff. */
import { describeDiff } from '../../core/model-diff-text.ts';
import type { EvalFigures } from '../../core/model-manifest.ts';
import type { ModelStatus } from '../model-status.ts';
import { Layout } from './layout.tsx';

export function ModelStatusPage({ status }: { status: ModelStatus }) {
  const { eval: figures, diff } = status;
  return (
    <Layout title="Status">
      <h1>Status</h1>
      <p class="lede">
        Model <code>{status.model}</code> (kinema {status.kinemaVersion}):{' '}
        {status.movies.toLocaleString('en-US')} movies in {status.clusters} clusters, k-means{' '}
        {status.kmeansStart === 'warm' ? 'warm-started from the previous model' : 'from k-means++'} (
        {status.kmeansIterations} iterations)
        {status.clusterIdsFrom ? `, cluster ids kept from ${status.clusterIdsFrom}` : ''}.
      </p>
      <h2>Evaluation</h2>
      {figures ? (
        <>
          <p>
            One leave-one-out round of the build on {figures.users.toLocaleString('en-US')} MovieLens users (
            {figures.cases.toLocaleString('en-US')} held-out likes, seed {figures.seed}), none of them used to
            choose the weights.
          </p>
          <table class="figures">
            <thead>
              <tr>
                <th>strategy</th>
                <th>list</th>
                <th>HR@10</th>
                <th>NDCG@10</th>
                <th>coverage</th>
              </tr>
            </thead>
            <tbody>
              {(['kinema', 'popular'] as const).flatMap((who) =>
                (['taste', 'similar'] as const).map((mode) => (
                  <Row
                    who={who === 'kinema' ? 'kinema' : 'most popular'}
                    mode={mode === 'taste' ? 'for you' : 'more like this'}
                    f={figures[who][mode]}
                  />
                )),
              )}
            </tbody>
          </table>
        </>
      ) : (
        <p>This model was built without MovieLens ratings, so the build had no users to evaluate on.</p>
      )}
      <h2>Changes in the last build</h2>
      {diff ? (
        <pre class="diff">{describeDiff(diff).join('\n')}</pre>
      ) : (
        <p>The first build in its folder: nothing to compare.</p>
      )}
    </Layout>
  );
}

function Row({ who, mode, f }: { who: string; mode: string; f: EvalFigures }) {
  return (
    <tr>
      <td>{who}</td>
      <td>{mode}</td>
      <td>{f.hr10.toFixed(3)}</td>
      <td>{f.ndcg10.toFixed(3)}</td>
      <td>{(f.coverage * 100).toFixed(1)} %</td>
    </tr>
  );
}
