/**
 * The taste page's "Bring your history" panel and its "add a movie" search. Both need the browser's
 * scripts (import.js parses the file, app.js keeps the taste), so they stay hidden until those run.
 */
import { Combobox } from './combobox.tsx';

export function ImportPanel() {
  return (
    <section id="taste-drop" class="import" aria-labelledby="import-h" hidden>
      <h2 id="import-h">Bring your history</h2>
      <p>
        Your IMDb ratings export (Your ratings → Export) or Letterboxd's ratings.csv or watched.csv: drop it
        here or{' '}
        <label class="file">
          choose a file
          <input id="taste-file" type="file" accept=".csv,.json,text/csv,application/json" />
        </label>
        . It is read in this browser; only titles and years are looked up. Rated 7/10 (3.5★) or more is a
        like, 4/10 (2★) or less not for you, and everything rated counts as seen.
      </p>
      <p>
        <button type="button" id="taste-export">
          Save my taste as a file
        </button>{' '}
        (open it here later, in another browser, or on another kinema)
      </p>
      <p id="import-report" aria-live="polite"></p>
    </section>
  );
}

export function AddMovie() {
  return (
    <div class="taste-add" id="taste-add-box" hidden>
      <label for="taste-add">Add a movie you like</label>
      <Combobox id="taste-add" label="Movies to add" class="suggest" />
    </div>
  );
}
