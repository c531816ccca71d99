/**
 * Change review: pending changesets from the agent, per-file and per-hunk decisions, atomic apply (issue #7).
 * Channels are added here and spread into the contract by protocol/contract.ts.
 */
export const changesRequests = {} as const;

export const changesEvents = {} as const;
