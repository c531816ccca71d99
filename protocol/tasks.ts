/**
 * Task execution: Start task, Run all, run history (issue #7).
 * Channels are added here and spread into the contract by protocol/contract.ts.
 */
export const tasksRequests = {} as const;

export const tasksEvents = {} as const;
