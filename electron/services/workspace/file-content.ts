import { createHash } from 'node:crypto';
import { KeelError } from '../../../protocol';

/** Above this size a file is shown read-only and not loaded: Monaco and the IPC channel choke on huge text. */
export const MAX_EDITABLE_BYTES = 20 * 1024 * 1024;

export interface DecodedText {
  content: string;
  readOnly: boolean;
  notice?: string;
}

// fatal: invalid UTF-8 is detected instead of silently turned into U+FFFD (which would corrupt the file on save).
// ignoreBOM: the BOM stays in the string as U+FEFF, so encoding the string again restores the exact bytes.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Turns the bytes on disk into editor text only when writing that text back gives the same bytes. Anything else
 * (NUL bytes, invalid UTF-8) is binary: shown read-only with a notice, never round-tripped through a string.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes.includes(0)) {
    return { content: '', readOnly: true, notice: 'Binary file (contains NUL bytes): opened read-only.' };
  }
  try {
    return { content: strictUtf8.decode(bytes), readOnly: false };
  } catch {
    return { content: '', readOnly: true, notice: 'Not valid UTF-8: opened read-only so its bytes stay intact.' };
  }
}

export function encodeText(content: string): Buffer {
  return Buffer.from(content, 'utf8');
}

/** Version = content hash, so a touch without a change is not a conflict and any real change is. */
export function versionOf(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/** Too large to hash cheaply on every read: size and mtime stand in for the content. */
export function versionOfLarge(size: number, mtimeMs: number): string {
  return `large:${size}:${Math.trunc(mtimeMs)}`;
}

export function tooLargeNotice(size: number): string {
  const mb = (size / (1024 * 1024)).toFixed(1);
  return `File is ${mb} MB, above the ${MAX_EDITABLE_BYTES / (1024 * 1024)} MB editing limit: not loaded, read-only.`;
}

/** Translates Node's fs error codes into the contract's codes, with the path the user asked for. */
export function fsError(err: unknown, rel: string): KeelError {
  if (err instanceof KeelError) return err;
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const shown = JSON.stringify(rel);
  switch (code) {
    case 'ENOENT':
      return new KeelError('NOT_FOUND', `${shown} does not exist`);
    case 'EEXIST':
    case 'ENOTEMPTY':
      return new KeelError('EXISTS', `${shown} already exists`);
    case 'ENOTDIR':
      return new KeelError('NOT_A_DIRECTORY', `A part of ${shown} is not a directory`);
    case 'EISDIR':
      return new KeelError('NOT_A_FILE', `${shown} is a directory`);
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new KeelError('READ_ONLY', `No permission to change ${shown} (${code})`);
    default: {
      const message = err instanceof Error ? err.message : String(err);
      return new KeelError('IO', `${shown}: ${message}`);
    }
  }
}
