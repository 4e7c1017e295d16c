/** Builds MovieLens-style zips for fetch tests with yazl: real headers, a few rows, a top folder. */
import { createHash } from 'node:crypto';
import { ZipFile } from 'yazl';

export const ML_FILES: Record<string, string> = {
  'ratings.csv': 'userId,movieId,rating,timestamp\n1,1,4.0,964982703\n1,3,4.5,964981247\n2,1,3.0,964982224\n',
  'links.csv': 'movieId,imdbId,tmdbId\n1,0114709,862\n3,10872600,\n',
  'movies.csv': 'movieId,title,genres\n1,Toy Story (1995),Adventure|Animation\n3,"Rose, The (2021)",Drama\n',
  'README.txt': 'Summary\n=======\nA tiny test release. Usage License: research only.\n',
  'tags.csv': 'userId,movieId,tag,timestamp\n1,1,funny,1445714994\n',
};

/**
 * A zip of `files` under `folder/`; `padding` bytes of incompressible noise in ratings.csv make it big
 * enough to cut mid-download. `compress: false` stores entries as they are, so a flipped byte is a CRC error.
 */
export async function makeZip(
  options: { folder?: string; files?: Record<string, string>; padding?: number; compress?: boolean } = {},
): Promise<Buffer> {
  const zip = new ZipFile();
  const files = { ...(options.files ?? ML_FILES) };
  if (options.padding && files['ratings.csv'] !== undefined) {
    let rows = '';
    for (let i = 0; rows.length < options.padding; i++) {
      const noise = createHash('sha256').update(String(i)).digest('hex');
      rows += `${(i % 900) + 3},${parseInt(noise.slice(0, 6), 16)},${(1 + (i % 10)) / 2},${noise.slice(6, 16)}\n`;
    }
    files['ratings.csv'] += rows;
  }
  const mtime = new Date(Date.UTC(2024, 0, 1));
  for (const [name, text] of Object.entries(files)) {
    const path = options.folder === '' ? name : `${options.folder ?? 'ml-test'}/${name}`;
    zip.addBuffer(Buffer.from(text), path, { mtime, compress: options.compress ?? true });
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export const md5 = (body: Buffer): string => createHash('md5').update(body).digest('hex');
