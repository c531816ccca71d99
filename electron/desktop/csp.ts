/**
 * The renderer's CSP in the desktop app: like the browser host's, minus WebSocket (IPC needs no network).
 * hardening.ts repeats it as a literal where Electronegativity looks for it (csp.test.ts keeps the two equal).
 */
export const DESKTOP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
