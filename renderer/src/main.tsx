// First import on purpose: opens the host connection before the rest of the bundle evaluates.
import { hostTransport } from './app/hostTransport';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { registerWorkbenchCommands } from './app/commands';
import './contributions';
import { installKeybindings } from './app/keyboard';
import { loadWorkspace, startServices } from './app/services';
import { useDocuments } from './state/documents';
import { useLayout } from './state/layout';
import './styles/workbench.css';
import { Workbench } from './workbench/Workbench';

const services = startServices(hostTransport);
loadWorkspace(services);
registerWorkbenchCommands(services);
installKeybindings(services.registry);

// Follow the OS theme until the user picks one.
const media = window.matchMedia('(prefers-color-scheme: dark)');
media.addEventListener('change', (e) => useLayout.getState().followSystemTheme(e.matches ? 'dark' : 'light'));
document.documentElement.dataset.theme = useLayout.getState().theme;

// Unsaved edits: let the browser ask before the page goes away.
window.addEventListener('beforeunload', (e) => {
  if (Object.values(useDocuments.getState().docs).some((d) => d.dirty)) e.preventDefault();
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Workbench />
  </StrictMode>,
);
