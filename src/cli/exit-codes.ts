/**
 * The exit codes of every kinema command, the same whether commander or kinema finds the problem
 * (README "Exit codes"; printed at the end of `kinema --help`).
 */
export const EXIT = {
  /** Done (also --help and --version). */
  ok: 0,
  /** The command was right but could not finish: network, disk, a missing model, file or movie. */
  failure: 1,
  /** What was given is wrong: an unknown command or option, a bad flag value, a malformed input file. */
  usage: 2,
  /** A bug in kinema (sysexits' EX_SOFTWARE): the message carries the stack; please report it. */
  internal: 70,
} as const;

export const EXIT_HELP = `
Exit codes: 0 done; 1 could not finish (network, disk, a missing model, file or movie);
2 wrong input (unknown command or option, bad flag value, malformed file); 70 a bug in kinema.
With --json, errors are printed as JSON on stdout: {"error": {"code", "message", "hint", "exitCode"}}.`;
