import { execFile } from 'node:child_process';
import type { CodebaseHit, CodebaseSearchPort, GitDiffPort } from '../../../agent/context';
import { significantTerms } from '../../../agent/context';
import type { TextSearch } from '../../../agent';

/** `#git diff`: the working tree against HEAD (staged and unstaged), from the user's own repository, read-only. */
export class WorkingTreeDiff implements GitDiffPort {
  /** `isTrusted`: the folder's workspace trust — a repository's own config can make git run programs. */
  constructor(
    private readonly root: string,
    private readonly isTrusted: () => boolean = () => true,
  ) {}

  async diff({ maxChars }: { maxChars: number }): Promise<string> {
    if (!this.isTrusted()) throw new Error('Restricted Mode: Keel runs no git in a folder you have not trusted');
    // Outside a repository git prints its whole usage text, which is no message for the user.
    const inside = await this.git(['rev-parse', '--is-inside-work-tree']).catch((e: Error) => {
      if (/ENOENT/.test(e.message)) throw new Error('git is not installed (or not on the PATH)');
      return '';
    });
    if (inside.trim() !== 'true') throw new Error('this folder is not a Git repository');
    // A repository without commits has no HEAD: then show what is staged.
    const out = await this.git(['diff', 'HEAD', '--no-color', '--no-ext-diff']).catch(() => this.git(['diff', '--cached', '--no-color', '--no-ext-diff']));
    return out.length > maxChars ? `${out.slice(0, maxChars)}\n… (diff cut at ${maxChars} characters)` : out;
  }

  private git(args: string[]): Promise<string> {
    return new Promise((resolve, reject) => {
      execFile('git', ['-c', 'core.quotepath=off', ...args], { cwd: this.root, maxBuffer: 32 * 1024 * 1024, env: { ...process.env, GIT_TERMINAL_PROMPT: '0' } }, (err, stdout, stderr) => {
        if (err) reject(new Error(stderr.trim() || err.message));
        else resolve(stdout);
      });
    });
  }
}

/**
 * `#codebase`: the files that mention the most of the prompt's significant terms, through the Search view's engine
 * (same ignore rules). A text search, not a semantic index: it finds what is named, which is what a prompt names.
 */
export class TermSearch implements CodebaseSearchPort {
  constructor(private readonly text: TextSearch) {}

  async search(query: string, options: { maxResults: number; signal?: AbortSignal }): Promise<CodebaseHit[]> {
    const terms = [...significantTerms(query)].slice(0, 8);
    if (terms.length === 0) return [];
    const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const matches = await this.text.search({ pattern: `(${escaped.join('|')})`, caseSensitive: false, maxResults: 2000 }, options.signal);
    const byFile = new Map<string, { terms: Set<string>; first: { line: number; text: string } }>();
    for (const m of matches) {
      const entry = byFile.get(m.path) ?? { terms: new Set<string>(), first: { line: m.line, text: m.text } };
      for (const t of terms) if (m.text.toLowerCase().includes(t)) entry.terms.add(t);
      byFile.set(m.path, entry);
    }
    return [...byFile]
      .sort((a, b) => b[1].terms.size - a[1].terms.size || a[0].localeCompare(b[0]))
      .slice(0, options.maxResults)
      .map(([path, e]) => ({ path, line: e.first.line, snippet: e.first.text.trim().slice(0, 300) }));
  }
}
