/**
 * The exploration charts of the served model, drawn once per model on first request (Observable Plot
 * with a linkedom document, both loaded lazily so neither slows a cold start that never shows them).
 */
import type { Logger } from '../core/log.ts';
import { memo, type LoadedModel } from './loaded-model.ts';

export interface ChartView {
  id: string;
  title: string;
  description: string;
  svg: string;
}

export function modelCharts(served: LoadedModel, log: Logger): Promise<ChartView[]> {
  return memo(served, 'charts', async () => {
    try {
      const [{ insightCharts }, { parseHTML }] = await Promise.all([
        import('../charts/index.ts'),
        import('linkedom'),
      ]);
      const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');
      return insightCharts(served.model, document, { width: 720 });
    } catch (error) {
      // a chart bug must not take the site down: the page says the charts are unavailable
      log.warn(
        `insights charts failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
      return [];
    }
  });
}
