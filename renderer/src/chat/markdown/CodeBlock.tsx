import { useState } from 'react';

/** A fenced code block with its language and a Copy button (the most used action on an answer's code). */
export function CodeBlock({ code, lang }: { code: string; lang: string }) {
  const [copied, setCopied] = useState(false);
  const copy = () => {
    void navigator.clipboard?.writeText(code).then(
      () => {
        setCopied(true);
        setTimeout(() => setCopied(false), 1500);
      },
      () => {},
    );
  };
  return (
    <div className="md-code">
      <div className="md-code-head">
        <span className="md-code-lang">{lang}</span>
        <button className="md-code-copy" onClick={copy} title="Copy code">
          {copied ? 'Copied' : 'Copy'}
        </button>
      </div>
      <pre>
        <code data-lang={lang || undefined}>{code}</code>
      </pre>
    </div>
  );
}
