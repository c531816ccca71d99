// This feature's side views, editors, panels, status items and commands register here, at import time
// (see workbench/contributions.ts). Imported by renderer/src/contributions.ts.
export {};
