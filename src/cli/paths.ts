/** Default locations, overridable by flags and environment variables. */
export const DEFAULT_DATA_DIR = process.env['KINEMA_DATA'] || './data/imdb';
export const DEFAULT_MODEL_DIR = process.env['KINEMA_MODEL'] || './model';
