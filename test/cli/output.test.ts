import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBytes } from '../../src/core/format-bytes.ts';
import { formatDuration, formatProgress, terminalLogger } from '../../src/cli/output.ts';

test('formatBytes and formatDuration read like download tools', () => {
  assert.deepEqual([0, 1023, 1536, 10 * 1024 * 1024, 1.5 * 1024 ** 3].map(formatBytes), [
    '0 B',
    '1023 B',
    '1.5 KB',
    '10 MB',
    '1.5 GB',
  ]);
  assert.deepEqual([0.4, 42, 185, 3720].map(formatDuration), ['0s', '42s', '3m05s', '1h02m']);
});

test('byte progress shows sizes, the rate since the start (not counting resumed bytes) and an ETA', () => {
  const mb = 1024 * 1024;
  assert.equal(
    formatProgress('f', 30 * mb, 100 * mb, { unit: 'bytes', elapsedMs: 10_000, startDone: 10 * mb }),
    'f [#######.................]  30%  30 MB / 100 MB  2.0 MB/s  ETA 35s',
  );
  // no rate in the first half second, no ETA without a total
  assert.equal(
    formatProgress('f', mb, 100 * mb, { unit: 'bytes', elapsedMs: 100 }),
    'f [........................]   1%  1.0 MB / 100 MB',
  );
  assert.equal(
    formatProgress('f', 2 * mb, undefined, { unit: 'bytes', elapsedMs: 2000 }),
    'f 2.0 MB  1.0 MB/s',
  );
  assert.equal(formatProgress('rows', 1234, 2000), 'rows [###############.........]  62%');
});

test('off a TTY progress is throttled to periodic lines plus the final one', () => {
  let clock = 0;
  const out: string[] = [];
  const stream = { isTTY: false, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream;
  const log = terminalLogger({ stream, plainInterval: 1000, now: () => clock });
  for (let done = 0; done <= 100; done += 10) {
    log.progress?.('f', done, 100, { unit: 'bytes' });
    clock += 300;
  }
  assert.equal(out.length, 4); // t=0, t=1200, t=2400 and the final 100%
  assert.match(out.at(-1)!, /100% {2}100 B \/ 100 B/);
});

test('on a TTY byte progress redraws one line at most every 100 ms and ends it when done', () => {
  let clock = 0;
  const out: string[] = [];
  const stream = { isTTY: true, write: (s: string) => out.push(s) } as unknown as NodeJS.WriteStream;
  const log = terminalLogger({ stream, now: () => clock });
  for (let done = 0; done <= 1000; done += 100) {
    log.progress?.('f', done * 1024, 1000 * 1024, { unit: 'bytes' });
    clock += 60;
  }
  log.info('next');
  const draws = out.filter((s) => s.startsWith('\r\x1b[2K'));
  assert.equal(draws.length, 6); // t=0, 120, 240, 360, 480 and the final 100% at 600
  assert.match(draws.at(-1)!, /100% {2}1000 KB \/ 1000 KB {2}1\.6 MB\/s$/);
  assert.deepEqual(out.slice(-2), ['\n', 'next\n']);
});
