import { readFileSync, writeFileSync, existsSync } from 'node:fs';

/** Todos live in a JSON file next to where the command runs. */
export function load(file) {
  if (!existsSync(file)) return [];
  return JSON.parse(readFileSync(file, 'utf8'));
}

export function save(file, todos) {
  writeFileSync(file, JSON.stringify(todos, null, 2) + '\n');
}

export function addTodo(todos, title) {
  const trimmed = title.trim();
  if (!trimmed) throw new Error('A todo needs a title.');
  const id = todos.reduce((max, t) => Math.max(max, t.id), 0) + 1;
  return [...todos, { id, title: trimmed, done: false }];
}

export function completeTodo(todos, id) {
  if (!todos.some((t) => t.id === id)) throw new Error(`No todo with id ${id}.`);
  return todos.map((t) => (t.id === id ? { ...t, done: true } : t));
}
