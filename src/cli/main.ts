/**
 * The CLI's composition root: parses argv, dispatches to one command file, and is the single place
 * that turns errors into messages and exit codes. Command files import their heavy modules lazily,
 * so `kinema --help` loads neither DuckDB nor the server.
 */
import { Command, CommanderError } from 'commander';
import { KinemaError } from '../core/errors.ts';
import { COMMANDS } from './commands/index.ts';
import { readVersion } from './version.ts';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('kinema')
    .description('Movie recommendations from the public IMDb datasets: fetch, build, explore, serve.')
    .version(readVersion(), '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const define of COMMANDS) define(program);
  try {
    await program.parseAsync(argv, { from: 'node' });
    return Number(process.exitCode ?? 0);
  } catch (error) {
    return report(error);
  }
}

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander already printed help or the usage error
    return error.exitCode;
  }
  if (error instanceof KinemaError) {
    process.stderr.write(`kinema: ${error.message}\n`);
    if (error.hint) process.stderr.write(`  try: ${error.hint}\n`);
    return error.exitCode;
  }
  const fs = fileSystemError(error);
  if (fs) {
    process.stderr.write(`kinema: ${fs}\n  try: check the path, its permissions and free disk space\n`);
    return 1;
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`kinema: unexpected error\n${message}\n`);
  return 70;
}

const FS_CODES: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder, not a file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EEXIST: 'already exists',
  EMFILE: 'too many open files',
};

/** A failed file operation is the user's environment, not a bug: one line naming the path, no stack. */
function fileSystemError(error: unknown): string | null {
  const e = error as NodeJS.ErrnoException | undefined;
  const what = e?.code ? FS_CODES[e.code] : undefined;
  if (!what) return null;
  return `cannot ${e?.syscall ?? 'access'} ${e?.path ?? 'a file'}: ${what} (${e?.code})`;
}

// `kinema export | head` closes our stdout early: that is the reader's choice, not an error
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await main(process.argv);
