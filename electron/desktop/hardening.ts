import { app, dialog, session, shell, type BrowserWindow } from 'electron';

export { DESKTOP_CSP } from './csp';

/**
 * The §6 baseline that is not a BrowserWindow option: CSP on every response, every permission denied,
 * navigation, new windows and webviews refused (http(s) links go to the system browser after a confirmation).
 */
export function hardenSessionAndContents(getWindow: () => BrowserWindow | undefined): void {
  const ses = session.defaultSession;
  ses.webRequest.onHeadersReceived((details, callback) => {
    // The literal of DESKTOP_CSP (csp.ts), written out so Electronegativity's CSP check can evaluate it. Its one
    // remark, "script-src 'self' can be problematic if you host JSONP, Angular or user uploaded files", was
    // reviewed: keel://app serves only the built renderer bundle — no JSONP, no Angular, nothing user-provided.
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': ["default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'"] }, /* eng-disable CSP_GLOBAL_CHECK */
    });
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      void confirmOpenExternal(url, getWindow());
      return { action: 'deny' };
    });
  });
}

/** http(s) only, and only after the user agreed: a link in a README must not launch anything silently. */
export async function confirmOpenExternal(url: string, parent: BrowserWindow | undefined): Promise<boolean> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  const options = {
    type: 'question' as const,
    buttons: ['Open', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your browser?',
    detail: parsed.toString(),
  };
  const { response } = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
  if (response !== 0) return false;
  await shell.openExternal(parsed.toString()); /* eng-disable OPEN_EXTERNAL_JS_CHECK -- reviewed: http(s) only, after the user confirmed */
  return true;
}
