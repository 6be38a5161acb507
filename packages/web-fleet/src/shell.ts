/** Quotes a value for bash (single quotes; a quote inside becomes '\''). */
export function shQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
