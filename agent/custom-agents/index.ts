export { TOOL_CATEGORIES, TOOL_NAMES, TOOLS_WITHOUT_KEEL_EQUIVALENT } from './tool-table';
export { selectAgentTools, type AgentToolFields, type AvailableTool, type ToolSelection } from './select-tools';
export { findSkill, loadSkillTool, renderSkill, renderSkillIndex, type SkillEntry } from './skills';
export { renderAgentPrompt, renderPower } from './render';
export { discoverKiroAgents, type AgentEntry, type KiroAgentFiles, type KiroDirPort, type PowerEntry } from './discover';
