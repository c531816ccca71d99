import type { FileHandle } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import path from 'node:path';
import { ConfinedFs } from '../../base/node/confine';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};

export function mimeType(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** A file of the built renderer, opened through the one confinement (base/node/confine); the caller closes it. */
export interface OpenedAsset {
  handle: FileHandle;
  size: number;
  /** Root-relative path, forward slashes. */
  relative: string;
}

/**
 * Opens the file a URL path names below `rootDir`: decoded once, `/` meaning index.html, refused (undefined) when it
 * would leave the folder lexically or through a symlink — checked on the opened file, so a link swapped meanwhile
 * is not followed — or is no regular file.
 */
export async function openAsset(rootDir: string, urlPath: string): Promise<OpenedAsset | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  try {
    const disk = await ConfinedFs.open(rootDir);
    const { handle, stats } = await disk.openRead(relative);
    if (stats.isFile()) return { handle, size: stats.size, relative };
    await handle.close();
  } catch {
    // Outside, missing or unreadable: the caller answers 404 either way.
  }
  return undefined;
}

/** Serves a file of the built renderer (see openAsset). Returns false when there is no such file (caller 404s). */
export async function serveStatic(
  rootDir: string,
  urlPath: string,
  res: ServerResponse,
  headers: Record<string, string>,
): Promise<boolean> {
  const asset = await openAsset(rootDir, urlPath);
  if (!asset) return false;
  const { handle, size, relative } = asset;
  const isHtml = relative.endsWith('.html');
  res.writeHead(200, {
    ...headers,
    'Content-Type': mimeType(relative),
    'Content-Length': String(size),
    // Vite names assets by content hash: cache them; always revalidate the page that references them.
    'Cache-Control': isHtml ? 'no-cache' : relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  await new Promise<void>((resolve) => {
    const stream = handle.createReadStream(); // closes the handle when done
    stream.on('error', () => {
      res.destroy();
      resolve();
    });
    stream.on('end', resolve);
    stream.pipe(res);
  });
  return true;
}
