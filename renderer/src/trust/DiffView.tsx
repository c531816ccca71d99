/** A unified diff (or a new file's text) with added and removed lines marked, as in a review. */
export function DiffView({ diff, text }: { diff?: string; text?: string }) {
  if (diff === undefined) {
    return (
      <pre className="trust-diff" data-testid="trust-diff">
        {(text ?? '').split('\n').map((line, i) => (
          <div key={i} className="diff-line add">
            <span className="diff-sign">+</span>
            {line}
          </div>
        ))}
      </pre>
    );
  }
  // Drop the "====" and "---/+++" header lines: the dialog's title already names the file.
  const lines = diff.split('\n').filter((l) => !/^(={3,}|--- |\+\+\+ |Index: )/.test(l));
  return (
    <pre className="trust-diff" data-testid="trust-diff">
      {lines.map((line, i) => {
        const kind = line.startsWith('+') ? 'add' : line.startsWith('-') ? 'del' : line.startsWith('@@') ? 'hunk' : line.startsWith('\\') ? 'note' : 'ctx';
        return (
          <div key={i} className={`diff-line ${kind}`}>
            <span className="diff-sign">{kind === 'add' ? '+' : kind === 'del' ? '−' : ' '}</span>
            {kind === 'add' || kind === 'del' || kind === 'ctx' ? line.slice(1) : line}
          </div>
        );
      })}
    </pre>
  );
}
