import type { z } from 'zod';
import { agentEvents, agentRequests } from './agent';
import { appEvents, appRequests } from './app';
import { changesEvents, changesRequests } from './changes';
import { gitEvents, gitRequests } from './git';
import { specsRequests } from './specs';
import { specwriterEvents, specwriterRequests } from './specwriter';
import { steeringEvents, steeringRequests } from './steering';
import { tasksEvents, tasksRequests } from './tasks';
import { trustEvents, trustRequests } from './trust';
import { searchEvents, searchRequests } from './search';
import { terminalEvents, terminalRequests } from './terminal';
import { workspaceEvents, workspaceRequests } from './workspace';

/**
 * The whole renderer ⇄ main contract. Adding a feature = one entry here + one handler in electron/ipc/handlers.
 * A missing handler is a compile error (see `Handlers`).
 */
export const requests = {
  ...appRequests,
  ...workspaceRequests,
  ...terminalRequests,
  ...specsRequests,
  ...searchRequests,
  ...steeringRequests,
  ...agentRequests,
  ...changesRequests,
  ...tasksRequests,
  ...trustRequests,
  ...gitRequests,
  ...specwriterRequests,
} as const;

export const events = {
  ...appEvents,
  ...workspaceEvents,
  ...terminalEvents,
  ...searchEvents,
  ...steeringEvents,
  ...agentEvents,
  ...changesEvents,
  ...tasksEvents,
  ...trustEvents,
  ...gitEvents,
  ...specwriterEvents,
} as const;

export type Requests = typeof requests;
export type Events = typeof events;
export type Channel = keyof Requests;
export type EventName = keyof Events;
/** What the caller passes (defaults optional). */
export type RequestOf<C extends Channel> = z.input<Requests[C]['request']>;
/** What the handler receives after validation (defaults applied). */
export type ParsedRequestOf<C extends Channel> = z.output<Requests[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<Requests[C]['response']>;
export type EventOf<E extends EventName> = z.output<Events[E]>;

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(requests, name);
}

export function isEventName(name: unknown): name is EventName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name);
}
