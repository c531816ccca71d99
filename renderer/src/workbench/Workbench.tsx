import { useEffect } from 'react';
import { Panel, PanelGroup, PanelResizeHandle } from 'react-resizable-panels';
import { useStore } from 'zustand';
import { getServices } from '../app/services';
import { EditorArea } from '../editor/EditorArea';
import { loadMonaco } from '../editor/monacoLoader';
import { useLayout } from '../state/layout';
import { QuickInput } from '../quickinput/QuickInput';
import { Dialog } from '../widgets/Dialog';
import { Notifications } from '../widgets/Notifications';
import { ActivityBar } from './ActivityBar';
import { BottomPanel } from './BottomPanel';
import { SideBar } from './SideBar';
import { StatusBar } from './StatusBar';

/** Marks the workbench ready once the root folder is listed, then warms Monaco up. */
function useReadyMark() {
  const { explorer } = getServices();
  const rootListed = useStore(explorer, (s) => s.children[''] !== undefined || s.errors[''] !== undefined);
  useEffect(() => {
    if (!rootListed) return;
    // Set after the rows are in the DOM (effects run after commit): the start-up benchmark waits for it.
    document.body.dataset.workbenchReady = 'true';
    performance.mark('keel.workbenchReady');
    // Fetch Monaco's chunk once the first screen is up, so opening the first file does not wait for it.
    const idle = window.requestIdleCallback ?? ((cb: () => void) => setTimeout(cb, 200));
    idle(() => {
      void loadMonaco().catch(() => {});
      getServices().terminals.prefetch();
    });
  }, [rootListed]);
}

export function Workbench() {
  const { sidebarVisible, panelVisible, theme } = useLayout();
  useReadyMark();
  useEffect(() => {
    const root = document.documentElement;
    root.dataset.theme = theme;
    root.style.colorScheme = theme;
  }, [theme]);
  return (
    <div className="workbench">
      <div className="workbench-main">
        <ActivityBar />
        <PanelGroup direction="horizontal" autoSaveId="keel.layout.horizontal" className="split">
          {sidebarVisible && (
            <>
              <Panel id="sidebar" order={1} defaultSize={20} minSize={10} className="sidebar">
                <SideBar />
              </Panel>
              <PanelResizeHandle className="sash vertical" />
            </>
          )}
          <Panel id="main" order={2} minSize={30}>
            <PanelGroup direction="vertical" autoSaveId="keel.layout.vertical">
              <Panel id="editor" order={1} minSize={15}>
                <EditorArea />
              </Panel>
              {panelVisible && (
                <>
                  <PanelResizeHandle className="sash horizontal" />
                  <Panel id="panel" order={2} defaultSize={32} minSize={10}>
                    <BottomPanel />
                  </Panel>
                </>
              )}
            </PanelGroup>
          </Panel>
        </PanelGroup>
      </div>
      <StatusBar />
      <QuickInput />
      <Dialog />
      <Notifications />
    </div>
  );
}
