import { useState } from 'react';
import { formatDuration } from './format';
import type { ChatItem } from './model';
import { prettyJson, TOOL_TITLES, toolSummary } from './toolSummary';

const STATUS_LABEL = { running: 'Running', success: 'Done', error: 'Failed', stopped: 'Stopped' } as const;

/** A tool call: collapsed to name, target, status and duration; expanded to its input and output. */
export function ToolCard({ item }: { item: Extract<ChatItem, { kind: 'tool' }> }) {
  const [open, setOpen] = useState(false);
  const summary = toolSummary(item.name, item.input);
  return (
    <div className={`chat-tool status-${item.status}`} data-testid="chat-tool" data-tool={item.name} data-status={item.status}>
      <button className="chat-tool-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className={`chat-tool-chevron${open ? ' open' : ''}`} aria-hidden="true">
          ›
        </span>
        <span className="chat-tool-status" aria-label={item.blocked !== undefined ? 'Blocked' : STATUS_LABEL[item.status]} title={item.blocked !== undefined ? 'Blocked by a hook' : STATUS_LABEL[item.status]} />
        <span className="chat-tool-name">{TOOL_TITLES[item.name] ?? item.name}</span>
        {summary && <code className="chat-tool-summary">{summary}</code>}
        <span className="chat-tool-meta">
          {item.blocked !== undefined ? (
            <span className="chat-tool-blocked" data-testid="chat-tool-blocked" title={item.blocked}>
              blocked by hook: {item.blocked}
            </span>
          ) : (
            <>
              {item.reused ? 'from the earlier run · ' : ''}
              {/* Under a millisecond is noise, not a figure worth showing. */}
              {item.status === 'running' ? 'running…' : item.durationMs !== undefined && item.durationMs >= 1 ? formatDuration(item.durationMs) : ''}
            </>
          )}
        </span>
      </button>
      {open && (
        <div className="chat-tool-body">
          <div className="chat-tool-label">Input</div>
          <pre data-testid="chat-tool-input">{prettyJson(item.input)}</pre>
          <div className="chat-tool-label">{item.status === 'running' ? 'Output so far' : 'Output'}</div>
          <pre data-testid="chat-tool-output">{item.output || (item.status === 'running' ? '…' : '(no output)')}</pre>
        </div>
      )}
    </div>
  );
}
