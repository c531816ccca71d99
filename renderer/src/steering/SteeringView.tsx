import { useEffect } from 'react';
import './steering.css';
import type { SteeringFileInfo } from '../../../protocol';
import { getServices } from '../app/services';
import { Icon } from '../workbench/icons';
import { AppliesToActive } from './AppliesToActive';
import { InclusionEditor } from './InclusionEditor';
import { canOpen, createDefaults, openSteeringFile } from './steeringActions';
import { INCLUSIONS, frontMatterError, groupFiles, keyOf } from './steeringModel';
import { startSteeringList, useSteering } from './steeringStore';

/** Side bar view: workspace, user-level and AGENTS.md steering, each with its inclusion; the selected one's editor. */
export function SteeringView() {
  const { files, userDir, loaded, error } = useSteering();
  useEffect(() => void startSteeringList(getServices().client), []);
  const groups = groupFiles(files);
  const hasDefaults = ['product', 'tech', 'structure'].every((n) => groups.workspace.some((f) => f.name === n));
  return (
    <div className="steering-view" data-testid="steering-view">
      <div className="pane-header">
        <span className="pane-title">{loaded ? `${files.length} ${files.length === 1 ? 'file' : 'files'}` : ''}</span>
        <div className="pane-actions steering-actions">
          <button className="icon-button" title="Refresh" aria-label="Refresh steering" onClick={() => void startSteeringList(getServices().client)()}>
            <Icon name="refresh" />
          </button>
        </div>
      </div>
      <div className="steering-scroll">
        {error && <div className="tree-message error">Could not list the steering files: {error}</div>}
        <section className="steering-section" aria-label="Workspace steering">
          <h3 className="steering-section-title">
            Workspace <span className="steering-section-path">.kiro/steering</span>
          </h3>
          {loaded && groups.workspace.length === 0 && (
            <div className="steering-empty">Steering files tell the agent about your product, stack and conventions. Start with the three Kiro defaults and edit them.</div>
          )}
          <FileList files={groups.workspace} />
          {loaded && !hasDefaults && (
            <button className="button secondary steering-defaults" data-testid="steering-create-defaults" onClick={() => void createDefaults()} title="Creates product.md, tech.md and structure.md with starter text; files that exist are kept as they are">
              Create defaults
            </button>
          )}
        </section>
        <section className="steering-section" aria-label="User steering">
          <h3 className="steering-section-title">
            User <span className="steering-section-path">{userDir}</span>
          </h3>
          {loaded && groups.user.length === 0 && <div className="steering-empty">None. Files in {userDir} steer every workspace.</div>}
          <FileList files={groups.user} />
        </section>
        <section className="steering-section" aria-label="AGENTS.md">
          <h3 className="steering-section-title">AGENTS.md</h3>
          {loaded && groups.agents.length === 0 && <div className="steering-empty">No AGENTS.md at the workspace root.</div>}
          <FileList files={groups.agents} />
        </section>
        <AppliesToActive />
      </div>
    </div>
  );
}

function FileList({ files }: { files: SteeringFileInfo[] }) {
  const selected = useSteering((s) => s.selected);
  if (!files.length) return null;
  return (
    <ul className="steering-list" role="list">
      {files.map((f) => {
        const key = keyOf(f);
        const open = selected === key;
        return (
          <li key={key} className={`steering-item${open ? ' open' : ''}`} data-testid="steering-row" data-name={f.name} data-source={f.source}>
            <Row file={f} open={open} />
            {open && <InclusionEditor key={key} file={f} />}
          </li>
        );
      })}
    </ul>
  );
}

function Row({ file, open }: { file: SteeringFileInfo; open: boolean }) {
  const broken = frontMatterError(file);
  const label = INCLUSIONS.find((i) => i.value === file.inclusion)?.label ?? file.inclusion;
  const toggle = () => useSteering.getState().set({ selected: open ? null : keyOf(file) });
  return (
    <div className={`steering-row${open ? ' selected' : ''}${file.shadowedBy ? ' shadowed' : ''}`} onDoubleClick={() => openSteeringFile(file)}>
      <button
        type="button"
        className="steering-toggle"
        aria-expanded={open}
        title={file.shadowedBy ? `${file.displayPath} — hidden by ${file.shadowedBy} (the workspace file wins)` : `${file.displayPath} — double-click to open`}
        onClick={toggle}
      >
        <span className={`steering-chevron${open ? ' open' : ''}`} aria-hidden="true" />
        <span className="steering-name">{file.source === 'agents' ? 'AGENTS.md' : file.name}</span>
        {broken && <span className="steering-broken" title={`Front matter error: ${broken.message}`} aria-label="front matter error">!</span>}
        {file.shadowedBy && <span className="steering-badge muted">overridden</span>}
        <span className={`steering-badge ${file.inclusion}`} data-testid="steering-inclusion">
          {label}
        </span>
      </button>
      {canOpen(file) && (
        <button className="icon-button steering-open" title={`Open ${file.displayPath}`} aria-label={`Open ${file.name}`} onClick={() => openSteeringFile(file)}>
          <Icon name="file" />
        </button>
      )}
    </div>
  );
}
