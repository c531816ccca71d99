// Every feature's contribution.ts, in activity-bar order of their views; imported by main.tsx before the first
// render. A feature joins the workbench by adding its line here — no workbench file changes.
import './explorer/contribution';
import './search/contribution';
import './scm/contribution';
import './specs/contribution';
import './specwriter/contribution';
import './steering/contribution';
import './hooks/contribution';
import './mcp/contribution';
import './chat/contribution';
import './tasks/contribution';
import './review/contribution';
import './settings/contribution';
import './trust/contribution';
import './terminal/contribution';
import './problems/contribution';
