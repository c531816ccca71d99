// The one path confinement of Keel's Node layers (workspace service, agent tools, static servers). See confined-fs.ts.
export { ConfinedFs, type WriteOptions } from './confined-fs';
export { ConfinementError, isInside, lexicalPath, toRelative } from './paths';
export { resolveInside, type Resolved } from './resolve';
export { isProcessAlive, keelTempOwner, tempName } from './temp-names';
