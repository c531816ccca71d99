import { defineFolderService } from '../app/folder-service';
import { PermissionsService } from './permissions-service';

export { decide, describeRule, ruleMatches, type DecidingRule, type PermissionDecision, type PermissionScope, type PermissionSource } from './engine';
export { allowPatterns, decideShell, mcpPermissions, ruleRef, shellPermissions } from './shell-permissions';
export { PermissionsService, PermissionsSnapshot, WORKSPACE_PERMISSIONS, defaultUserPermissionsFile } from './permissions-service';

/** The open folder's permission rules (workspace + user scope). */
export const permissionsKey = defineFolderService('permissions', (ctx) => new PermissionsService(ctx.workspace.root));
