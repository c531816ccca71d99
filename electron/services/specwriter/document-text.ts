/**
 * The document inside what the model streams. Models sometimes say a word before the document or wrap it in a
 * code fence, and text written before a tool call is thinking aloud, not the document. So: the text after the
 * last tool call, from its first `# ` title line on, without a surrounding fence.
 */

export class StreamedDocument {
  private segments: string[] = [''];

  /** A text delta of the model's answer. */
  append(text: string): void {
    this.segments[this.segments.length - 1] += text;
  }

  /** The model called a tool: what it wrote so far was not the document. */
  toolCalled(): void {
    if (this.segments[this.segments.length - 1] !== '') this.segments.push('');
  }

  /** The document so far: the newest segment that has a title line, else (once finished) the last non-empty one. */
  text(finished = false): string {
    for (let i = this.segments.length - 1; i >= 0; i--) {
      const doc = documentIn(this.segments[i] as string);
      if (doc !== undefined) return doc;
    }
    if (!finished) return '';
    const last = [...this.segments].reverse().find((s) => s.trim() !== '') ?? '';
    return stripFence(last.trim()) + (last.trim() ? '\n' : '');
  }
}

const TITLE = /^# \S/m;

/** From the first `# ` title on; a fence opened before the title is closed by the last ``` line, which is dropped. */
export function documentIn(segment: string): string | undefined {
  const m = TITLE.exec(segment);
  if (!m) return undefined;
  const before = segment.slice(0, m.index);
  let doc = segment.slice(m.index);
  if (/^\s*```[\w-]*\s*$/m.test(before)) {
    const close = doc.search(/\n```\s*$/);
    if (close >= 0) doc = doc.slice(0, close + 1);
  }
  return doc.endsWith('\n') ? doc : doc + '\n';
}

function stripFence(text: string): string {
  const m = /^```[\w-]*\n([\s\S]*?)\n```$/.exec(text);
  return m ? (m[1] as string) : text;
}
