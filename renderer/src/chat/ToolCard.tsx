import { useState } from 'react';
import { formatDuration } from './format';
import { mcpRefOf, mcpToolTitle, useMcpToolRefs } from './mcpToolNames';
import type { ChatItem } from './model';
import { prettyJson, TOOL_TITLES, toolSummary } from './toolSummary';

const STATUS_LABEL = { running: 'Running', success: 'Done', error: 'Failed', stopped: 'Stopped' } as const;

/**
 * A tool call. Collapsed: a title row (name, status, duration) and under it, on lines of their own, what it acted
 * on (the command, path or query, in monospace) and a hook's reason for blocking it — wrapped and clamped to three
 * lines, since the side bar is narrow and these are what the user needs to read. Expanded: both in full, plus the
 * input and output.
 */
export function ToolCard({ item }: { item: Extract<ChatItem, { kind: 'tool' }> }) {
  const [open, setOpen] = useState(false);
  const mcp = useMcpToolRefs((s) => mcpRefOf(item.name, s.refs));
  const title = TOOL_TITLES[item.name] ?? (mcp ? mcpToolTitle(mcp) : item.name);
  const summary = toolSummary(item.name, item.input);
  const blocked = item.blocked;
  return (
    <div className={`chat-tool status-${item.status}${open ? ' open' : ''}`} data-testid="chat-tool" data-tool={item.name} data-status={item.status}>
      <button className="chat-tool-head" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="chat-tool-row">
          <span className={`chat-tool-chevron${open ? ' open' : ''}`} aria-hidden="true">
            ›
          </span>
          <span className="chat-tool-status" aria-label={blocked !== undefined ? 'Blocked' : STATUS_LABEL[item.status]} title={blocked !== undefined ? 'Blocked by a hook' : STATUS_LABEL[item.status]} />
          <span className="chat-tool-name" data-testid="chat-tool-name" title={title === item.name ? title : `${title} — ${item.name}`}>
            {mcp && !TOOL_TITLES[item.name] ? (
              <>
                {mcp.tool}
                {/* The server is the less important half: lighter, and the part the ellipsis eats first. */}
                <span className="chat-tool-origin"> · {mcp.server} (MCP)</span>
              </>
            ) : (
              title
            )}
          </span>
          <span className="chat-tool-meta">
            {blocked !== undefined ? (
              'blocked'
            ) : (
              <>
                {item.reused ? 'from the earlier run · ' : ''}
                {/* Under a millisecond is noise, not a figure worth showing. */}
                {item.status === 'running' ? 'running…' : item.durationMs !== undefined && item.durationMs >= 1 ? formatDuration(item.durationMs) : ''}
              </>
            )}
          </span>
        </span>
        {summary && (
          <code className="chat-tool-summary" data-testid="chat-tool-summary">
            {summary}
          </code>
        )}
        {blocked !== undefined && (
          <span className="chat-tool-blocked" data-testid="chat-tool-blocked">
            Blocked by hook: {blocked}
          </span>
        )}
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
