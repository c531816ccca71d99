/**
 * Agent Skills (`.kiro/skills/<name>/SKILL.md`, flat `.kiro/skills/<name>.md`, `~/.kiro/skills/…`): front matter
 * `name` and `description` (what the model is offered), a body loaded only when the skill is used. Real files add
 * `allowed-tools`, `metadata`, `version`, `tags` and more; one has no front matter. All kept.
 */
import { diag, type Diagnostic } from '../diagnostics';
import { joinLines, type SourceLine } from '../text/lines';
import { bodyText, nameList, optionalString, parseFrontMatterMarkdown, reportExtraKeys, type NameList } from './front-matter';

export interface SkillDoc {
  kind: 'skill';
  lines: SourceLine[];
  hasFrontMatter: boolean;
  /** The front matter's `name`, else the folder's (or flat file's) name. */
  name: string;
  description?: string;
  /** `allowed-tools` as written (Agent Skills standard); kept, not enforced. */
  allowedTools?: NameList;
  extra: Record<string, unknown>;
  /** The instructions, loaded when the skill is used. */
  body: string;
  bodyStart: number;
  diagnostics: Diagnostic[];
}

const KNOWN = new Set(['name', 'description', 'allowed-tools']);
/** Keys of the Agent Skills standard and Kiro's skill docs that change nothing in Keel. */
const STANDARD = new Set(['license', 'compatibility', 'metadata', 'version', 'argument-hint', 'user-invocable', 'disable-model-invocation', 'model']);

/** `fallbackName`: the skill's folder name (or the flat file's name without `.md`). */
export function parseSkill(source: string, fallbackName: string): SkillDoc {
  const fm = parseFrontMatterMarkdown(source, 'skill', 'Skill');
  const named = optionalString(fm, 'name', 'skill');
  const doc: SkillDoc = {
    kind: 'skill',
    lines: fm.lines,
    hasFrontMatter: fm.frontMatter !== undefined,
    name: named?.trim() || fallbackName,
    extra: {},
    body: bodyText(fm),
    bodyStart: fm.bodyStart,
    diagnostics: fm.diagnostics,
  };
  const description = optionalString(fm, 'description', 'skill');
  if (description?.trim()) doc.description = description.trim();
  const allowed = nameList(fm, 'allowed-tools', 'skill');
  if (allowed) doc.allowedTools = allowed;
  doc.extra = reportExtraKeys(fm, KNOWN, 'skill', 'skill', STANDARD);
  if (!doc.description && !doc.diagnostics.some((d) => d.severity === 'error')) {
    doc.diagnostics.push(
      diag('warning', 'skill/no-description', `Skill "${doc.name}" has no description in its front matter: the model is offered its name only.`, fm.frontMatter ? fm.keyLine('name') : 0, 0),
    );
  }
  return doc;
}

export function serializeSkill(doc: SkillDoc): string {
  return joinLines(doc.lines);
}
