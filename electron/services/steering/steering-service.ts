/**
 * The steering pane's service for one open folder: lists workspace, user-level and AGENTS.md steering, edits
 * inclusion front matter (minimal edits, conflict-checked), tests fileMatch patterns over the file index, writes
 * starter files and answers "which steering applies to this file" with the agent's own rules (agent/context).
 */
import { KeelError, type SteeringApplication, type SteeringFileInfo, type SteeringInclusion, type SteeringRef } from '../../../protocol';
import {
  compilePatterns,
  effectiveInclusion,
  loadAgentsFile,
  loadSteering,
  loadUserSteering,
  loadWorkspaceSteering,
  steeringFor,
  WORKSPACE_STEERING_DIR,
  type ContextWorkspace,
  type SteeringEntry,
} from '../../../agent/context';
import { parseSteering } from '../../../specs-schema';
import { defineFolderService } from '../app/folder-service';
import type { WorkspaceService } from '../workspace/workspace-service';
import { DEFAULT_STEERING } from './defaults';
import { applyInclusion, type InclusionChange } from './front-matter';
import { defaultUserSteeringDir, UserSteeringDir } from './user-steering';
import { contextWorkspace } from './workspace-port';

/** Quick open's index holds every non-ignored file; an empty query lists them all up to this cap. */
const ALL_FILES = 500_000;

export class SteeringService {
  private readonly files: ContextWorkspace;

  constructor(
    private readonly ws: WorkspaceService,
    private readonly user: UserSteeringDir,
  ) {
    this.files = contextWorkspace(ws.fs);
  }

  async list(): Promise<{ files: SteeringFileInfo[]; userDir: string }> {
    const workspace = await loadWorkspaceSteering({ workspace: this.files });
    const taken = new Map(workspace.map((e) => [e.name.toLowerCase(), e.path]));
    const user = await loadUserSteering({ workspace: this.files, userSteering: this.user });
    const agents = await loadAgentsFile({ workspace: this.files });
    const files = [...workspace, ...user, ...(agents ? [agents] : [])].map((e) => info(e, e.source === 'user' ? taken.get(e.name.toLowerCase()) : undefined));
    return { files, userDir: this.user.displayPath('').replace(/\/$/, '') };
  }

  async setInclusion(ref: SteeringRef, change: InclusionChange): Promise<{ file: SteeringFileInfo; changed: boolean }> {
    if (ref.source === 'agents') throw new KeelError('BAD_REQUEST', 'AGENTS.md is always included; it has no inclusion to set.');
    const current = await this.read(ref);
    const edit = applyInclusion(current.text, change);
    if (!edit.ok) throw new KeelError('BAD_REQUEST', `${this.display(ref)}: ${edit.message}`);
    if (edit.changed) {
      if (ref.source === 'user') await this.user.write(ref.path, edit.text);
      // The version read above: a change on disk in between is a CONFLICT, never overwritten.
      else await this.ws.fs.writeFile(ref.path, edit.text, current.version);
    }
    const entry = await this.entryOf(ref, edit.text);
    return { file: info(entry), changed: edit.changed };
  }

  async testPattern(patterns: string[], limit = 200): Promise<{ matches: string[]; total: number }> {
    const match = compilePatterns(patterns);
    const { matches } = await this.ws.quickOpen('', ALL_FILES);
    const hits = matches.map((m) => m.path).filter(match).sort();
    return { matches: hits.slice(0, limit), total: hits.length };
  }

  async createDefaults(): Promise<{ created: string[]; existing: string[] }> {
    const created: string[] = [];
    const existing: string[] = [];
    for (const file of DEFAULT_STEERING) {
      const path = `${WORKSPACE_STEERING_DIR}/${file.name}`;
      try {
        // Exclusive create: a file the user already has is never overwritten.
        await this.ws.fs.createFile(path, file.text);
        created.push(path);
      } catch (err) {
        if (err instanceof KeelError && err.code === 'EXISTS') existing.push(path);
        else throw err;
      }
    }
    return { created, existing };
  }

  async appliesTo(path: string): Promise<{ applies: SteeringApplication[]; onRequest: SteeringApplication[] }> {
    const entries = await loadSteering({ workspace: this.files, userSteering: this.user });
    const r = steeringFor(path, entries);
    const toWire = (a: (typeof r.applies)[number]): SteeringApplication => ({
      source: a.source,
      path: a.source === 'user' ? a.path.replace(/^~\/\.kiro\/steering\//, '') : a.path,
      name: a.name,
      inclusion: a.inclusion as SteeringInclusion,
      reason: a.reason,
    });
    return { applies: r.applies.map(toWire), onRequest: r.onRequest.map(toWire) };
  }

  private async read(ref: SteeringRef): Promise<{ text: string; version?: string }> {
    if (ref.source === 'user') {
      try {
        return { text: await this.user.read(ref.path) };
      } catch (err) {
        if (err instanceof KeelError) throw err;
        throw new KeelError('NOT_FOUND', `${this.display(ref)} does not exist`);
      }
    }
    if (!ref.path.startsWith(`${WORKSPACE_STEERING_DIR}/`) || !/\.md$/i.test(ref.path)) {
      throw new KeelError('BAD_REQUEST', `${ref.path} is not a steering file (.kiro/steering/*.md)`);
    }
    const file = await this.ws.fs.readFile(ref.path);
    if (file.readOnly) throw new KeelError('READ_ONLY', `${ref.path} cannot be edited as text`);
    return { text: file.content, version: file.version };
  }

  private async entryOf(ref: SteeringRef, text: string): Promise<SteeringEntry> {
    const all = ref.source === 'user' ? await loadUserSteering({ workspace: this.files, userSteering: this.user }) : await loadWorkspaceSteering({ workspace: this.files });
    const path = ref.source === 'user' ? this.user.displayPath(ref.path) : ref.path;
    const found = all.find((e) => e.path === path);
    if (found) return found;
    return { name: ref.path.replace(/\.md$/i, ''), source: ref.source, path, text, doc: parseSteering(text) };
  }

  private display(ref: SteeringRef): string {
    return ref.source === 'user' ? this.user.displayPath(ref.path) : ref.path;
  }
}

function info(e: SteeringEntry, shadowedBy?: string): SteeringFileInfo {
  const { doc } = e;
  const out: SteeringFileInfo = {
    source: e.source,
    path: e.source === 'user' ? e.path.replace(/^~\/\.kiro\/steering\//, '') : e.path,
    displayPath: e.path,
    name: e.name,
    inclusion: effectiveInclusion(e),
    hasFrontMatter: doc.frontMatter !== undefined,
    fileMatchPatterns: doc.fileMatchPatterns,
    diagnostics: doc.diagnostics.map((d) => ({ severity: d.severity, message: d.message, line: d.line })),
  };
  if (doc.unknownInclusion !== undefined) out.unknownInclusion = doc.unknownInclusion;
  if (doc.name !== undefined) out.frontName = doc.name;
  if (doc.description !== undefined) out.description = doc.description;
  if (shadowedBy) out.shadowedBy = shadowedBy;
  return out;
}

export const steeringServiceKey = defineFolderService('steering', (ctx) => new SteeringService(ctx.workspace, new UserSteeringDir(defaultUserSteeringDir())));
