/**
 * The CLI's composition root: parses argv, dispatches to one command file, and is the single place
 * that turns errors into messages and exit codes. Command files import their heavy modules lazily,
 * so `kinema --help` loads neither DuckDB nor the server.
 */
import { Command, CommanderError } from 'commander';
import { KinemaError } from '../core/errors.ts';
import { COMMANDS } from './commands/index.ts';
import { EXIT, EXIT_HELP } from './exit-codes.ts';
import { readVersion } from './version.ts';

export async function main(argv: string[]): Promise<number> {
  // --json asks for JSON on stdout, errors included: commander's own messages are held back for it
  const json = jsonWanted(argv);
  let commanderMessage = '';
  const program = new Command('kinema')
    .description('Movie recommendations from the public IMDb datasets: fetch, build, explore, serve.')
    .version(readVersion(), '-v, --version')
    .showHelpAfterError('(run with --help for usage)')
    .addHelpText('after', EXIT_HELP)
    .configureOutput({
      outputError: (text, write) => {
        if (json) commanderMessage ||= text.trim();
        else write(text);
      },
      writeErr: (text) => {
        if (!json) process.stderr.write(text);
      },
    })
    .exitOverride();
  for (const define of COMMANDS) define(program);
  try {
    await program.parseAsync(argv, { from: 'node' });
    return Number(process.exitCode ?? EXIT.ok);
  } catch (error) {
    const problem = describe(error, commanderMessage);
    if (!problem) return EXIT.ok;
    if (json) {
      const { code, message, hint, exitCode } = problem;
      process.stdout.write(`${JSON.stringify({ error: { code, message, hint, exitCode } }, null, 2)}\n`);
    } else if (problem.print) {
      process.stderr.write(`kinema: ${problem.message}\n`);
      if (problem.hint) process.stderr.write(`  try: ${problem.hint}\n`);
      if (problem.stack) process.stderr.write(`${problem.stack}\n`);
    }
    return problem.exitCode;
  }
}

interface Problem {
  code: string;
  message: string;
  hint?: string;
  exitCode: number;
  /** False when commander has printed it already. */
  print: boolean;
  stack?: string;
}

/** Any error → its code, message and exit code (src/cli/exit-codes.ts); null for --help and --version. */
function describe(error: unknown, commanderMessage: string): Problem | null {
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return null;
    // commander prints usage errors itself (unless --json held them back)
    const message = (commanderMessage || error.message).replace(/^error: /, '').split('\n')[0]!;
    return { code: 'usage', message, hint: 'run with --help for usage', exitCode: EXIT.usage, print: false };
  }
  if (error instanceof KinemaError) {
    const exitCode = error.code === 'bad-input' ? EXIT.usage : EXIT.failure;
    return { code: error.code, message: error.message, hint: error.hint, exitCode, print: true };
  }
  const fs = fileSystemError(error);
  if (fs) {
    const hint = 'check the path, its permissions and free disk space';
    return { code: 'io', message: fs, hint, exitCode: EXIT.failure, print: true };
  }
  const stack = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { code: 'internal', message: 'unexpected error', exitCode: EXIT.internal, print: true, stack };
}

function jsonWanted(argv: string[]): boolean {
  const end = argv.indexOf('--');
  return (end < 0 ? argv : argv.slice(0, end)).includes('--json');
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
