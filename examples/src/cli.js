#!/usr/bin/env node
import { addTodo, completeTodo, load, save } from './store.js';

const FILE = process.env.TODO_FILE ?? 'todos.json';
const [command, ...args] = process.argv.slice(2);

try {
  const todos = load(FILE);
  switch (command) {
    case 'add':
      save(FILE, addTodo(todos, args.join(' ')));
      break;
    case 'done':
      save(FILE, completeTodo(todos, Number(args[0])));
      break;
    case 'list':
    case undefined:
      for (const t of todos) console.log(`${t.done ? '[x]' : '[ ]'} ${t.id}. ${t.title}`);
      break;
    default:
      console.error(`Unknown command "${command}". Try: add, done, list.`);
      process.exitCode = 2;
  }
} catch (err) {
  console.error(err.message);
  process.exitCode = 1;
}
