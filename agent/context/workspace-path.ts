/**
 * Workspace-relative paths written by people (steering includes, chips): normalised lexically so `docs/../x.md`
 * and `./x.md` name the same file, and refused when they leave the workspace. The workspace port confines again
 * (symlinks); this check only gives a clear message first.
 */
export function confineRelative(path: string): { path: string } | { error: string } {
  const raw = path.trim().replace(/\\/g, '/');
  if (!raw) return { error: 'empty path' };
  if (raw.startsWith('/') || /^[a-zA-Z]:/.test(raw) || raw.startsWith('~')) return { error: `${path} is not a workspace-relative path` };
  const out: string[] = [];
  for (const part of raw.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (!out.length) return { error: `${path} points outside the workspace` };
      out.pop();
    } else out.push(part);
  }
  if (!out.length) return { error: `${path} names the workspace itself, not a file` };
  return { path: out.join('/') };
}
