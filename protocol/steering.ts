/**
 * Steering files: listing, inclusion editing, which steering applies to a file (issue #5).
 * Channels are added here and spread into the contract by protocol/contract.ts.
 */
export const steeringRequests = {} as const;

export const steeringEvents = {} as const;
