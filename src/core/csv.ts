/** RFC 4180 CSV: a field with a comma, quote, CR or LF is quoted and its quotes doubled. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvLine(values: (string | number)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}
