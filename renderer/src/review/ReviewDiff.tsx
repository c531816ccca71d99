import { useEffect, useMemo, useRef, useState } from 'react';
import type { ReviewFile } from '../../../protocol';
import DiffEditor from '../editor/DiffEditor';
import { languageIdFor, monaco } from '../editor/monacoModule';
import { detectEol, joinBom, splitBom } from '../editor/textCodec';

export interface ReviewDiffProps {
  reviewId: string;
  file: ReviewFile;
  editable: boolean;
  /** The hunk the keyboard is on (revealed and outlined). */
  current: number | null;
  /** Sends the user's text; resolves once the main process has it. */
  onEdit(text: string): Promise<void>;
  /** The cursor moved into a hunk on the proposed side (so Accept/Reject Hunk act where the user is). */
  onCursorHunk(index: number): void;
  /** Registers how to send a typed-but-not-yet-sent edit (before Apply). */
  setFlush(flush: (() => Promise<void>) | null): void;
}

const EDIT_DELAY_MS = 400;

/**
 * The file's diff in Monaco's diff editor (editor/DiffEditor, reused as is): the original as the agent read it on
 * the left, the proposal on the right — editable while the review is pending. Each hunk's decision shows as a
 * coloured bar in both gutters; the current hunk is revealed. Monaco hides a BOM and normalises line ends, so the
 * text is only sent back when the user really typed, with the file's BOM and line ending restored.
 */
export function ReviewDiff({ reviewId, file, editable, current, onEdit, onCursorHunk, setFlush }: ReviewDiffProps) {
  const original = useMemo(() => splitBom(file.original ?? '').body, [file.original]);
  const bom = splitBom(file.proposed ?? file.original ?? '').bom;
  // Created in an effect (not a memo): StrictMode's mount-unmount-mount must not leave a disposed model in use.
  const [model, setModel] = useState<monaco.editor.ITextModel | null>(null);
  const initialText = useRef(file.proposed ?? '');
  initialText.current = file.proposed ?? '';
  useEffect(() => {
    const text = initialText.current;
    const created = monaco.editor.createModel(splitBom(text).body, languageIdFor(file.path));
    created.setEOL(detectEol(text) === 'CRLF' ? monaco.editor.EndOfLineSequence.CRLF : monaco.editor.EndOfLineSequence.LF);
    setModel(created);
    return () => {
      setModel(null);
      created.dispose();
    };
  }, [reviewId, file.path]);

  const typing = useRef<{ timer: ReturnType<typeof setTimeout>; send: () => Promise<void> } | null>(null);
  const applyingServerText = useRef(false);
  const onEditRef = useRef(onEdit);
  onEditRef.current = onEdit;
  const onCursorRef = useRef(onCursorHunk);
  onCursorRef.current = onCursorHunk;

  /** Edits sent and not yet answered: until then, texts from the server may predate them. */
  const inFlight = useRef(0);

  // The server's text wins unless the user is mid-edit: a text typed but not sent, or sent and not yet answered
  // (an answer to an earlier refresh would otherwise put older text back and move the cursor under the user).
  useEffect(() => {
    if (!model || typing.current || inFlight.current > 0) return;
    const body = splitBom(file.proposed ?? '').body;
    if (model.getValue() === body) return;
    applyingServerText.current = true;
    model.setValue(body);
    applyingServerText.current = false;
  }, [model, file.proposed]);

  useEffect(() => {
    if (!model) return;
    const send = async () => {
      if (!typing.current) return;
      clearTimeout(typing.current.timer);
      typing.current = null;
      inFlight.current += 1;
      try {
        await onEditRef.current(joinBom(bom, model.getValue()));
      } finally {
        inFlight.current -= 1;
      }
    };
    const sub = model.onDidChangeContent(() => {
      if (applyingServerText.current) return;
      if (typing.current) clearTimeout(typing.current.timer);
      typing.current = { timer: setTimeout(() => void send(), EDIT_DELAY_MS), send };
    });
    setFlush(send);
    return () => {
      sub.dispose();
      void send();
      setFlush(null);
    };
  }, [model, bom, setFlush]);

  // Set by editor/DiffEditor once its Monaco editor shows `model` (after Monaco's chunk loads, which can be later
  // than these effects): the cursor, gutter and reveal wiring below attaches then.
  const [diff, setDiff] = useState<monaco.editor.IStandaloneDiffEditor | null>(null);

  // Decorations: one bar per hunk in each side's gutter, coloured by its decision; the current hunk outlined.
  useEffect(() => {
    if (!diff) return;
    const decorate = (side: 'original' | 'modified') =>
      file.hunks.flatMap((h) => {
        const start = side === 'original' ? h.originalStart : h.proposedStart;
        const lines = side === 'original' ? h.originalLines : h.proposedLines;
        if (lines === 0) return [];
        const isCurrent = h.index === current;
        return [
          {
            range: new monaco.Range(start, 1, start + lines - 1, 1),
            options: {
              isWholeLine: true,
              linesDecorationsClassName: `review-gutter ${h.decision}${isCurrent ? ' current' : ''}`,
              className: isCurrent ? 'review-hunk-current' : h.decision === 'rejected' ? 'review-hunk-rejected-line' : undefined,
            },
          },
        ];
      });
    const left = diff.getOriginalEditor().createDecorationsCollection(decorate('original'));
    const right = diff.getModifiedEditor().createDecorationsCollection(decorate('modified'));
    return () => {
      left.clear();
      right.clear();
    };
  }, [diff, model, original, file.hunks, current]);

  useEffect(() => {
    if (!diff) return;
    const sub = diff.getModifiedEditor().onDidChangeCursorPosition(({ position, source }) => {
      if (source === 'api') return; // our own reveal
      const hit = hunkAtLine(file.hunks, position.lineNumber);
      if (hit) onCursorRef.current(hit.index);
    });
    return () => sub.dispose();
  }, [diff, model, original, file.hunks]);

  // Reveal the current hunk when the user navigates to it (list, Alt+F5) — once per hunk, and not when the cursor
  // is already in it: new hunks after each typed edit must not pull the cursor away from where the user types.
  const revealed = useRef('');
  useEffect(() => {
    const hunk = current === null ? undefined : file.hunks[current];
    if (!hunk || !diff || !model) {
      revealed.current = '';
      return;
    }
    const key = `${file.path}#${hunk.index}`;
    if (revealed.current === key) return;
    revealed.current = key;
    const editor = diff.getModifiedEditor();
    const at = editor.getPosition();
    if (at && hunkAtLine(file.hunks, at.lineNumber)?.index === hunk.index) return;
    const line = Math.max(1, Math.min(hunk.proposedStart, model.getLineCount()));
    editor.revealLineInCenterIfOutsideViewport(line);
    editor.setPosition({ lineNumber: line, column: 1 });
  }, [diff, model, original, current, file.hunks, file.path]);

  if (!model) return null;
  return (
    <DiffEditor
      original={original}
      modified={model}
      modifiedEditable={editable && file.kind !== 'delete'}
      originalLabel={file.kind === 'add' ? 'New file (nothing before)' : 'As the agent read it'}
      modifiedLabel={file.kind === 'delete' ? 'Deleted by the agent' : editable ? 'Proposed — editable' : 'Proposed'}
      onEditor={setDiff}
    />
  );
}

/** The hunk shown at a line of the proposed side (a deletion sits at the line after it). */
function hunkAtLine(hunks: ReviewFile['hunks'], line: number): ReviewFile['hunks'][number] | undefined {
  return hunks.find((h) => (h.proposedLines === 0 ? line === h.proposedStart : line >= h.proposedStart && line < h.proposedStart + h.proposedLines));
}
