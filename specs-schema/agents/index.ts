export { parseCustomAgent, serializeCustomAgent, type CustomAgentDoc } from './parse-agent';
export { parseSkill, serializeSkill, type SkillDoc } from './parse-skill';
export { matchPowerKeywords, parsePower, serializePower, type PowerDoc } from './parse-power';
export type { NameList } from './front-matter';
export { agentFileKind, type AgentFileKind } from './paths';
