import type { WorkspaceService } from '../workspace/workspace-service';
import { SearchService } from './search-service';

let current: { workspace: WorkspaceService; service: SearchService } | undefined;

/**
 * The search service of the open folder, created on first use. Opening another folder gives a new service and
 * stops the old one's ripgrep processes — searches never outlive their folder.
 */
export function searchServiceFor(workspace: WorkspaceService): SearchService {
  if (current?.workspace !== workspace) {
    current?.service.dispose();
    current = { workspace, service: new SearchService(workspace.fs) };
  }
  return current.service;
}
