// Context assembly for the agent: steering by inclusion, AGENTS.md, #[[file:…]] includes, chips, secrets, and
// summarising old turns without touching the cached prefix. The host implements the ports in `ports.ts`.
export * from './ports';
export { buildContext, type BuildContextInput, type BuiltContext, type IncludedSteering } from './build-context';
export { loadSteering, loadWorkspaceSteering, loadUserSteering, loadAgentsFile, WORKSPACE_STEERING_DIR, type SteeringEntry, type SteeringSource } from './steering-load';
export { selectSteering, effectiveInclusion, mentionsManual, type SelectedSteering, type Placement } from './steering-select';
export { steeringFor, type SteeringApplication } from './steering-for';
export { compilePatterns, firstMatchingPattern, type PathMatcher } from './globs';
export { autoMatch, significantTerms } from './auto-match';
export { parseChips, mergeChips, promptWithoutChips, type Chip } from './chips-parse';
export { resolveIncludes, fileRefsIn, type IncludedFile } from './includes';
export { DEFAULT_LIMITS, type ContextLimits } from './limits';
export { compactHistory, applyCompaction, estimateRequestTokens, outlineSummary, turnStarts, SUMMARY_TAG, type CompactionOptions, type CompactionResult, type Summarize } from './compact';
