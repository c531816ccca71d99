import { useSyncExternalStore } from 'react';
import { getServices } from '../app/services';

const SHOWN = [
  'workbench.action.showCommands',
  'workbench.action.quickOpen',
  'workbench.action.terminal.toggleTerminal',
  'workbench.action.toggleSidebarVisibility',
  'workbench.action.reopenClosedEditor',
];

/** The empty editor area: the keys that get a newcomer going, as VS Code's watermark shows them. */
export function Watermark() {
  const { registry } = getServices();
  useSyncExternalStore(
    (cb) => registry.onChange(cb),
    () => registry.list().length,
  );
  const commands = SHOWN.map((id) => registry.get(id)).filter((c) => c !== undefined);
  return (
    <div className="watermark" data-testid="watermark">
      <div className="watermark-logo" aria-hidden="true">
        Keel
      </div>
      <dl className="watermark-keys">
        {commands.map((c) => (
          <div key={c.id} className="watermark-entry">
            <dt>{c.title}</dt>
            <dd>
              {c.keyLabel.split(' ').map((part, i) => (
                <kbd key={i}>{part}</kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
