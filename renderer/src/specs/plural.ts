/** "1 requirement", "2 requirements", "0 tasks": a count with its noun in the right number (English). */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
