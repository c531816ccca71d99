/**
 * The bytes a user's file holds must survive a round trip through the editor. Monaco drops a leading U+FEFF and
 * normalises line endings, so the BOM is kept aside and the original text is written back untouched when the
 * buffer was not edited.
 */

export const BOM = '\uFEFF';

export type Eol = 'LF' | 'CRLF';

export interface SplitText {
  bom: boolean;
  /** The text without the BOM: what the editor shows. */
  body: string;
}

export function splitBom(text: string): SplitText {
  return text.startsWith(BOM) ? { bom: true, body: text.slice(1) } : { bom: false, body: text };
}

export function joinBom(bom: boolean, body: string): string {
  return bom ? BOM + body : body;
}

/** The dominant line ending; LF when the text has none (the editor's default for new lines). */
export function detectEol(text: string): Eol {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  return crlf > lf ? 'CRLF' : 'LF';
}

export function encodingLabel(bom: boolean): string {
  return bom ? 'UTF-8 with BOM' : 'UTF-8';
}

/**
 * What to write on save. `original` is the full text last read from or written to disk (BOM included);
 * `edited` says whether the buffer changed since; `bufferText` is the editor's text (no BOM).
 */
export function textForSave(original: string, bom: boolean, edited: boolean, bufferText: string): string {
  return edited ? joinBom(bom, bufferText) : original;
}
