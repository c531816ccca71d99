import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addTodo, completeTodo } from './store.js';

test('addTodo numbers todos from 1', () => {
  const todos = addTodo(addTodo([], 'a'), 'b');
  assert.deepEqual(todos.map((t) => t.id), [1, 2]);
});

test('addTodo refuses an empty title', () => {
  assert.throws(() => addTodo([], '   '), /needs a title/);
});

test('completeTodo marks one todo done', () => {
  const todos = completeTodo(addTodo([], 'a'), 1);
  assert.equal(todos[0].done, true);
});
