import { registerPanel } from '../workbench/contributions';
import { TerminalToolbar, TerminalView } from './TerminalPanel';

registerPanel({ id: 'terminal', title: 'Terminal', order: 10, component: TerminalView, toolbar: TerminalToolbar });
