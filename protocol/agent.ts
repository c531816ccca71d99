/**
 * The hosted agent: sessions, prompts, streamed turns, settings (issue #6). Owned by the agent host.
 * Channels are added here and spread into the contract by protocol/contract.ts.
 */
export const agentRequests = {} as const;

export const agentEvents = {} as const;
