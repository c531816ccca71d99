import { z } from 'zod';

/** Workspace-relative path with forward slashes; '' is the workspace root. Confinement is checked on the main side. */
export const RelPath = z.string().max(4096);

export const EntryKind = z.enum(['file', 'directory', 'symlink']);
export const DirEntry = z.object({ name: z.string(), path: RelPath, kind: EntryKind });
export type DirEntry = z.infer<typeof DirEntry>;

export const FileContent = z.object({
  path: RelPath,
  /** UTF-8 text exactly as on disk: a BOM stays as U+FEFF, CRLF stays CRLF. Empty for binary files. */
  content: z.string(),
  /** Content hash of the bytes on disk; writes send it back to detect changes made meanwhile. */
  version: z.string(),
  size: z.number(),
  readOnly: z.boolean(),
  /** Why the file is read-only (binary, too large), shown to the user as a notice. */
  notice: z.string().optional(),
});
export type FileContent = z.infer<typeof FileContent>;

export const FileChange = z.object({
  type: z.enum(['created', 'changed', 'deleted']),
  path: RelPath,
  isDirectory: z.boolean(),
});
export type FileChange = z.infer<typeof FileChange>;

export const QuickOpenMatch = z.object({
  path: RelPath,
  score: z.number(),
  /** Indexes into `path` of the matched characters, for highlighting. */
  positions: z.array(z.number()),
});
export type QuickOpenMatch = z.infer<typeof QuickOpenMatch>;

export const workspaceRequests = {
  'workspace/info': {
    request: z.object({}),
    response: z.object({ root: z.string(), name: z.string() }),
  },
  'workspace/list': {
    request: z.object({ path: RelPath }),
    response: z.array(DirEntry),
  },
  'workspace/readFile': {
    request: z.object({ path: RelPath }),
    response: FileContent,
  },
  'workspace/writeFile': {
    request: z.object({
      path: RelPath,
      content: z.string(),
      /** The version the editor started from; a mismatch with disk answers CONFLICT. Omit to overwrite. */
      expectedVersion: z.string().optional(),
    }),
    response: z.object({ version: z.string(), size: z.number() }),
  },
  'workspace/createFile': {
    request: z.object({ path: RelPath, content: z.string().default('') }),
    response: z.object({ version: z.string() }),
  },
  'workspace/createDirectory': {
    request: z.object({ path: RelPath }),
    response: z.object({}),
  },
  'workspace/rename': {
    request: z.object({ from: RelPath, to: RelPath }),
    response: z.object({}),
  },
  'workspace/delete': {
    request: z.object({ path: RelPath }),
    response: z.object({}),
  },
  'workspace/quickOpen': {
    request: z.object({ query: z.string().max(1000), limit: z.number().int().min(1).max(500).default(50) }),
    response: z.object({ matches: z.array(QuickOpenMatch), totalFiles: z.number() }),
  },
} as const;

export const workspaceEvents = {
  'workspace/changed': z.object({ changes: z.array(FileChange) }),
} as const;
