import type { TextMatch, TextSearch } from '../../../agent/core/ports';
import type { SearchService } from './search-service';

/**
 * The agent's grepSearch port on top of the workbench's search service: one engine, one set of ignore rules
 * (.gitignore, .kiroignore) for the user and the agent. Each agent search runs as its own owner so it neither
 * cancels nor is cancelled by what the user types in the Search view.
 */
export class ServiceTextSearch implements TextSearch {
  private seq = 0;

  constructor(private readonly service: SearchService) {}

  async search(
    query: { pattern: string; include?: string; exclude?: string; caseSensitive: boolean; maxResults: number },
    signal?: AbortSignal,
  ): Promise<TextMatch[]> {
    const result = await this.service.collect(
      {
        pattern: query.pattern,
        isRegex: true,
        matchCase: query.caseSensitive,
        include: query.include ?? '',
        exclude: query.exclude ?? '',
        maxResults: Math.max(1, Math.min(query.maxResults, 100_000)),
      },
      `agent-${++this.seq}`,
      signal,
    );
    if (result.summary.error) throw new Error(result.summary.error);
    const matches: TextMatch[] = [];
    for (const file of result.files) {
      for (const line of file.lines) matches.push({ path: file.path, line: line.line, text: line.text });
    }
    return matches.slice(0, query.maxResults);
  }
}
