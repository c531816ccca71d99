import path from 'node:path';
import { z } from 'zod';
import { JsonStateFile } from '../json-state-file';
import type { CommandTrust } from './command-trust';
import type { CommandTrustRule } from './trust-rules';

const RulesFile = z.object({
  version: z.literal(1),
  rules: z.array(z.object({ pattern: z.string(), match: z.enum(['prefix', 'exact']) })),
});
type RulesFile = z.infer<typeof RulesFile>;

/**
 * The user's "always run" command rules, in the user data dir. "Run and trust" in the ask dialog adds the
 * suggested pattern here; a pattern that is not one literal command is refused with the reason.
 */
export class CommandRulesStore {
  private constructor(
    private readonly file: JsonStateFile<RulesFile>,
    private data: RulesFile,
    private readonly trust: CommandTrust,
    readonly loadProblem: string | undefined,
  ) {}

  static async open(userDataDir: string, trust: CommandTrust): Promise<CommandRulesStore> {
    const file = new JsonStateFile(path.join(userDataDir, 'trust', 'command-rules.json'), RulesFile, (): RulesFile => ({ version: 1, rules: [] }));
    const loaded = await file.load();
    return new CommandRulesStore(file, loaded.value, trust, loaded.problem);
  }

  rules(): CommandTrustRule[] {
    return this.data.rules.map((r) => ({ ...r }));
  }

  async add(rule: CommandTrustRule): Promise<void> {
    const error = this.trust.validateRule(rule);
    if (error) throw new Error(error);
    const pattern = rule.pattern.trim();
    if (this.data.rules.some((r) => r.pattern === pattern && r.match === rule.match)) return;
    this.data = { ...this.data, rules: [...this.data.rules, { pattern, match: rule.match }] };
    await this.file.save(this.data);
  }

  async remove(rule: CommandTrustRule): Promise<void> {
    this.data = { ...this.data, rules: this.data.rules.filter((r) => !(r.pattern === rule.pattern.trim() && r.match === rule.match)) };
    await this.file.save(this.data);
  }
}
