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
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`kinema: unexpected error\n${message}\n`);
  return 70;
}

// `kinema export | head` closes our stdout early: that is the reader's choice, not an error
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
process.exitCode = await main(process.argv);
