export { addPermissionRule, type NewPermissionRule } from './edit-permissions';
export {
  parsePermissions,
  PERMISSION_CAPABILITIES,
  PERMISSION_EFFECTS,
  serializePermissions,
  WILDCARD_CAPABILITIES,
  type PermissionCapability,
  type PermissionEffect,
  type PermissionRule,
  type PermissionsDoc,
} from './permissions-file';
