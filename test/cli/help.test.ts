/** `--help` teaches: every command's help is a golden file, so changes to it are deliberate. */
import { test } from 'node:test';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { Command } from 'commander';
import { COMMANDS } from '../../src/cli/commands/index.ts';
import { assertGolden } from '../helpers/golden.ts';

const BIN = join(import.meta.dirname, '../../bin/kinema.js');

function help(args: string[]): string {
  const env = { ...process.env };
  for (const name of ['KINEMA_DATA', 'KINEMA_MODEL', 'KINEMA_MIRROR', 'KINEMA_MOVIELENS_MIRROR', 'PORT'])
    delete env[name];
  const r = spawnSync(process.execPath, [BIN, ...args, '--help'], { encoding: 'utf8', env });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('kinema --help lists every command', () => {
  const text = help([]);
  const program = new Command();
  for (const define of COMMANDS) define(program);
  for (const command of program.commands) assert.match(text, new RegExp(`\\n  ${command.name()}\\b`));
  assertGolden('cli/kinema.txt', text);
});

const program = new Command();
for (const define of COMMANDS) define(program);
for (const command of program.commands) {
  test(`kinema ${command.name()} --help matches its golden`, () => {
    assertGolden(`cli/${command.name()}.txt`, help([command.name()]));
  });
}
