/**
 * The figures of a fault or fuzz test (issue 16): inputs tried, crashes (exit 70, a throw, a signal),
 * 5xx answers, models replaced by a damaged build (or mixed models served). One `figures {json}` line
 * per test file; bench/faults.ts runs the corpus and adds them up by area.
 */
export interface Figures {
  tried: number;
  crashes: number;
  fivexx: number;
  replaced: number;
}

export function figures(): Figures {
  return { tried: 0, crashes: 0, fivexx: 0, replaced: 0 };
}

export function reportFigures(area: string, f: Figures): void {
  console.log(`figures ${JSON.stringify({ area, ...f })}`);
}
