/**
 * A taste as a small JSON file the site exports and imports (`kinema-taste.json`): liked, disliked
 * and seen ids, and the titles the site shows for them. Reading checks every field and names the
 * one that is wrong, so a damaged file never replaces the taste in the browser.
 */
import { KinemaError } from '../errors.ts';
import { TITLE_ID } from '../title-id.ts';

export interface TasteFile {
  liked: string[];
  disliked: string[];
  seen: string[];
  titles: Record<string, string>;
}

export const TASTE_FILE_KIND = 'kinema taste';
/** More ids than any taste the site keeps. */
const MAX_IDS = 5000;

export function writeTasteFile(taste: TasteFile): string {
  return `${JSON.stringify({ kind: TASTE_FILE_KIND, version: 1, ...taste }, null, 1)}\n`;
}

export function readTasteFile(text: string, file: string): TasteFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new KinemaError('bad-input', `${file} is not valid JSON (${(error as Error).message})`);
  }
  const record = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  if (record.kind !== TASTE_FILE_KIND) {
    throw new KinemaError(
      'bad-input',
      `${file} is not a kinema taste file (its "kind" is not "${TASTE_FILE_KIND}")`,
      'use a file the taste page exported, or a rating export from IMDb or Letterboxd',
    );
  }
  if (record.version !== 1) throw new KinemaError('bad-input', `${file}: version must be 1`);
  const ids = (name: string): string[] => {
    const list = record[name] ?? [];
    if (!Array.isArray(list) || list.length > MAX_IDS) {
      throw new KinemaError('bad-input', `${file}: "${name}" must be a list of at most ${MAX_IDS} ids`);
    }
    list.forEach((id: unknown, i) => {
      if (typeof id !== 'string' || !TITLE_ID.test(id)) {
        throw new KinemaError('bad-input', `${file}: ${name}[${i}] is not an IMDb title id`);
      }
    });
    return list as string[];
  };
  const titles: Record<string, string> = {};
  const given = record.titles ?? {};
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw new KinemaError('bad-input', `${file}: "titles" must be an object of id → title`);
  }
  for (const [id, title] of Object.entries(given)) {
    if (TITLE_ID.test(id) && typeof title === 'string') titles[id] = title.slice(0, 300);
  }
  return { liked: ids('liked'), disliked: ids('disliked'), seen: ids('seen'), titles };
}
