import type { Client } from '../../../protocol/client';
import { useTerminals } from '../state/terminals';
import type { ChipSources } from './chips';

/** Chip targets from the host: the file index (quick open's fuzzy match), the spec list, the steering files, skills and powers. */
export function hostChipSources(client: Pick<Client, 'request'>): ChipSources {
  return {
    files: async (query) => (await client.request('workspace/quickOpen', { query, limit: 30 })).matches.map((m) => m.path),
    specs: async () => (await client.request('spec/list', {})).specs.map((s) => ({ name: s.name, dir: s.dir })),
    steering: async () => (await client.request('steering/list', {})).files.map((f) => ({ name: f.name, path: f.path })),
    terminals: () => useTerminals.getState().terminals.map((t) => ({ id: t.id, title: t.title })),
    skills: async () => (await client.request('agent/customAgents', {})).skills,
    powers: async () => (await client.request('agent/customAgents', {})).powers.map((p) => ({ name: p.name, ...(p.description ? { description: p.description } : {}) })),
  };
}
