import { parseDesign, parseTasks, renumberDesignRefs, renumberTaskRefs, type RequirementEditResult } from '../../../specs-schema';
import { getServices } from '../app/services';
import { linkUndo } from './linkedUndo';
import { editDoc } from './useDocText';

/**
 * Applies a requirement edit and keeps `_Requirements:_` refs true after a renumbering: tasks.md and design.md are
 * edited in their own buffers (so they show as unsaved like any edit), and the edits are linked so one Undo in
 * requirements.md also takes back the references it moved.
 */
export function applyRequirementEdit(path: string, basedOn: string, result: RequirementEditResult, tasksPath?: string, designPath?: string): boolean {
  if (!editDoc(path, basedOn, result)) return false;
  if (result.idMap.size === 0) return true;
  const { documents } = getServices();
  const followers: string[] = [];
  if (tasksPath) {
    const t = documents.buffer(tasksPath)?.getText();
    if (t !== undefined && editDoc(tasksPath, t, renumberTaskRefs(parseTasks(t), result.idMap))) followers.push(tasksPath);
  }
  if (designPath) {
    const d = documents.buffer(designPath)?.getText();
    if (d !== undefined && editDoc(designPath, d, renumberDesignRefs(parseDesign(d), result.idMap))) followers.push(designPath);
  }
  if (followers.length) linkUndo(path, followers);
  return true;
}
