/** Text as the review holds it vs. bytes on disk: compared as UTF-8 bytes, so a BOM or CRLF change counts. */

export function toBytes(text: string | null): Buffer | null {
  return text === null ? null : Buffer.from(text, 'utf8');
}

export function sameBytes(disk: Buffer | null, text: string | null): boolean {
  if (disk === null || text === null) return disk === null && text === null;
  return disk.equals(Buffer.from(text, 'utf8'));
}

export function decodeOrNull(bytes: Buffer | null): string | null {
  return bytes === null ? null : bytes.toString('utf8');
}
