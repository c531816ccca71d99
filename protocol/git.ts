/**
 * Source control: status, staging, commits, branches (issue #9).
 * Channels are added here and spread into the contract by protocol/contract.ts.
 */
export const gitRequests = {} as const;

export const gitEvents = {} as const;
