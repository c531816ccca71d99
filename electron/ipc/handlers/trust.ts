import { KeelError, type trustRequests } from '../../../protocol';
import { hooksServiceKey } from '../../services/hooks/hooks-service';
import { mcpServiceKey } from '../../services/mcp/mcp-service';
import { commandApprovalKey } from '../../services/trust/command-approval';
import { startFolderFeatures } from '../../services/trust/folder-features';
import { workspaceTrustKey } from '../../services/trust/workspace-trust';
import type { FeatureHandlers } from '../router';
import type { HandlerDeps } from './deps';

/** Handlers for protocol/trust.ts (with hooks and MCP); the folder services do the work. */
export function trustHandlers({ workbench }: HandlerDeps): FeatureHandlers<typeof trustRequests> {
  // Trust, hooks, MCP and the command gate start with each folder, not on a first request.
  workbench.whenOpen(startFolderFeatures);
  const trust = () => workbench.scoped(workspaceTrustKey);
  const commands = () => workbench.scoped(commandApprovalKey);
  const hooks = () => workbench.scoped(hooksServiceKey);
  const badRequest = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (err) {
      if (err instanceof KeelError) throw err;
      throw new KeelError('BAD_REQUEST', err instanceof Error ? err.message : String(err));
    }
  };
  return {
    'trust/state': () => trust().state(),
    'trust/decide': ({ decision }) => trust().decide(decision),
    'trust/approveFile': ({ file, content }) => badRequest(trust().approve(file, content)),
    'trust/commandAsks': () => ({ asks: commands().pending() }),
    'trust/answerCommand': async ({ id, answer }) => {
      await badRequest(commands().answer(id, answer));
      return {};
    },
    'trust/commandRules': async () => ({ rules: await commands().rules() }),
    'trust/addCommandRule': async (rule) => ({ rules: await badRequest(commands().addRule(rule)) }),
    'trust/removeCommandRule': async (rule) => ({ rules: await commands().removeRule(rule) }),
    'trust/evaluateCommand': ({ command }) => commands().evaluate(command),

    'hooks/list': () => hooks().state(),
    'hooks/setEnabled': async ({ id, enabled }) => {
      await hooks().setEnabled(id, enabled);
      return {};
    },
    'hooks/run': async ({ id }) => ({ runId: await hooks().run(id) }),
    'hooks/cancelRun': async ({ runId }) => {
      await hooks().cancel(runId);
      return {};
    },
    'hooks/runs': async () => ({ runs: await hooks().runs() }),
    'hooks/save': async ({ id, content, create }) => {
      await hooks().save(id, content, create);
      return {};
    },
    'hooks/delete': async ({ id }) => {
      await hooks().delete(id);
      return {};
    },
    'hooks/setTerminal': async ({ id, inTerminal }) => {
      await hooks().setTerminal(id, inTerminal);
      return {};
    },
    'hooks/upgradePreview': ({ id }) => hooks().upgradePreview(id),
    'hooks/matchFiles': ({ patterns, limit }) => hooks().matchFiles(patterns, limit),

    'mcp/status': () => workbench.scoped(mcpServiceKey).state(),
    'mcp/restart': async ({ name }) => {
      await badRequest(workbench.scoped(mcpServiceKey).restart(name));
      return {};
    },
    'mcp/toolAsks': () => ({ asks: workbench.scoped(mcpServiceKey).approval.pending() }),
    'mcp/answerTool': async ({ id, answer }) => {
      await badRequest(workbench.scoped(mcpServiceKey).answerTool(id, answer));
      return {};
    },
    'mcp/revokeTool': async ({ server, tool }) => {
      await workbench.scoped(mcpServiceKey).approval.revoke(server, tool);
      return {};
    },
  };
}
