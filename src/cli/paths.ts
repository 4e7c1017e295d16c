/** Default locations, overridable by flags and environment variables. */
import { join } from 'node:path';
export const DEFAULT_DATA_DIR = process.env['KINEMA_DATA'] || './data/imdb';
export const DEFAULT_MODEL_DIR = process.env['KINEMA_MODEL'] || './model';

/** The MovieLens folder beside an IMDb data folder: ./data/imdb → ./data/movielens. */
export function movielensDirFor(data: string): string {
  return join(data, '..', 'movielens');
}
