/** The Parquet export: rows given as newline-delimited JSON, typed and written by DuckDB in order. */
import { loadSql, openDatabase, sqlString } from './database.ts';

export async function writeExportParquet(rowsFile: string, out: string): Promise<void> {
  const db = await openDatabase({ threads: 1 });
  try {
    // one thread and insertion order kept: the file lists movies as the CSV does
    await db.exec('SET preserve_insertion_order = true');
    await db.exec(
      loadSql('export-parquet').replace('{{rows}}', sqlString(rowsFile)).replace('{{out}}', sqlString(out)),
    );
  } finally {
    db.close();
  }
}
