/** A build diff (src/core/model-diff.ts) as the lines `kinema build` prints and /status shows. */
import { diffIsEmpty, type DiffMove, type DiffMovie, type ListDiff, type ModelDiff } from './model-diff.ts';

const SHOWN = 5;

export function describeDiff(d: ModelDiff): string[] {
  const empty = diffIsEmpty(d);
  if (empty && !evalChanged(d)) return [`no changes against model ${d.from}`];
  const lines = [`changes against model ${d.from}:`];
  const { before, after, added, removed } = d.movies;
  lines.push(
    empty
      ? `  catalog unchanged: ${n(after)} movies`
      : `  movies: ${n(before)} → ${n(after)} (+${n(added)}, −${n(removed)})`,
  );
  if (d.added.length) lines.push(`  added: ${titles(d.added, added)}`);
  if (d.removed.length) lines.push(`  removed: ${titles(d.removed, removed)}`);
  if (d.rating.length)
    lines.push(
      `  largest rating moves: ${moves(d.rating, (m) => `${m.before.toFixed(1)} → ${m.after.toFixed(1)}`)}`,
    );
  if (d.votes.length) lines.push(`  most new votes: ${moves(d.votes, (m) => `+${n(m.after - m.before)}`)}`);
  if (d.clusterChanges) {
    lines.push(
      `  changed cluster: ${n(d.clusterChanges)} movies, e.g. ${moves(d.clusterMoves, (m) => `${m.before} → ${m.after}`)}`,
    );
  }
  for (const [name, list] of [
    ['Top rated', d.lists.topRated],
    ['Most popular', d.lists.popular],
  ] as const) {
    if (list.entered.length + list.left.length) lines.push(`  ${name}: ${listText(list)}`);
  }
  if (d.eval?.before && d.eval.after) {
    const { before: b, after: a } = d.eval;
    lines.push(
      `  eval HR@10: taste ${b.kinema.taste.hr10.toFixed(3)} → ${a.kinema.taste.hr10.toFixed(3)}, ` +
        `more like this ${b.kinema.similar.hr10.toFixed(3)} → ${a.kinema.similar.hr10.toFixed(3)}`,
    );
  }
  return lines;
}

function evalChanged(d: ModelDiff): boolean {
  const { before, after } = d.eval ?? {};
  return JSON.stringify(before?.kinema) !== JSON.stringify(after?.kinema);
}

function n(x: number): string {
  return x.toLocaleString('en-US');
}

function title(m: DiffMovie): string {
  return m.year > 0 ? `${m.title} (${m.year})` : m.title;
}

function titles(list: DiffMovie[], total: number): string {
  const shown = list.slice(0, SHOWN).map(title).join(', ');
  return total > SHOWN ? `${shown} and ${n(total - SHOWN)} more` : shown;
}

function moves(list: DiffMove[], change: (m: DiffMove) => string): string {
  return list
    .slice(0, SHOWN)
    .map((m) => `${title(m)} ${change(m)}`)
    .join(', ');
}

function listText(list: ListDiff): string {
  const parts: string[] = [];
  if (list.entered.length) parts.push(`in ${list.entered.slice(0, SHOWN).map(title).join(', ')}`);
  if (list.left.length) parts.push(`out ${list.left.slice(0, SHOWN).map(title).join(', ')}`);
  return parts.join('; ');
}
