/**
 * The picks a taste list is scored with: the latest ones (clients append, and a history import lists
 * the oldest first). Scoring costs candidates × profile movies and candidates grow with the profile,
 * so a long history is scored by its recent part; the older picks are still never shown. The server
 * answers with it, and the build's blend search tunes taste on profiles cut the same way.
 */
import type { TasteInput } from './types.ts';

export const TASTE_PROFILE_MAX = 50;

export function tasteInput(liked: number[], disliked: number[] = [], seen: number[] = []): TasteInput {
  const older = (rows: number[]) => rows.slice(0, Math.max(0, rows.length - TASTE_PROFILE_MAX));
  return {
    liked: liked.slice(-TASTE_PROFILE_MAX),
    disliked: disliked.slice(-TASTE_PROFILE_MAX),
    seen: [...seen, ...older(liked), ...older(disliked)],
  };
}
