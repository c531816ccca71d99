/**
 * Workspace trust, command approval, hooks and MCP status (issue #8).
 * Channels are added here and spread into the contract by protocol/contract.ts.
 */
export const trustRequests = {} as const;

export const trustEvents = {} as const;
