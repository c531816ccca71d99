/**
 * Spec from a prompt (issue #7 item 4): the planner writes requirements → design → tasks (or bugfix → design →
 * tasks), one phase at a time, each streamed into the spec editor and approved or refined by the user.
 * Spread into the contract by protocol/contract.ts.
 */
export const specwriterRequests = {} as const;

export const specwriterEvents = {} as const;
