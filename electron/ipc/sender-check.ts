import { APP_ORIGIN } from './electron-channels';

/** The parts of Electron's WebFrameMain the check needs (kept structural so it is testable without Electron). */
export interface SenderFrame {
  url: string;
  parent: unknown;
}

/**
 * Only the top frame of Keel's own origin (keel://app/…) may call the contract: not an iframe, not a page that
 * somehow navigated elsewhere, not a frame whose URL cannot be parsed.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined): boolean {
  if (!frame || frame.parent !== null) return false;
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return false;
  }
  // keel: is not a "special" scheme for WHATWG URL, so url.origin is "null"; compare scheme and host instead.
  return `${url.protocol}//${url.host}` === APP_ORIGIN && url.username === '' && url.password === '';
}
