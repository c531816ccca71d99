/**
 * Starter steering for "Create defaults": the three files Kiro generates (product, tech, structure), with
 * `inclusion: always` written out so users see where inclusion lives, and prompts to replace rather than prose.
 */
export interface StarterFile {
  name: string;
  text: string;
}

export const DEFAULT_STEERING: readonly StarterFile[] = [
  {
    name: 'product.md',
    text: `---
inclusion: always
---

# Product Overview

<!-- What the agent should know about the product before it writes any code. Replace the prompts below. -->

## Purpose

- What does this product do, and for whom?
- Which problem does it solve better than the alternatives?

## Key Features

- Feature one: what it lets users do
- Feature two: …

## Users and Constraints

- Who uses it (roles, skill level, devices)?
- Rules that must always hold (privacy, accessibility, compliance, supported platforms).
`,
  },
  {
    name: 'tech.md',
    text: `---
inclusion: always
---

# Technology Stack

<!-- The tools the agent must use, and the commands it may run. Replace the prompts below. -->

## Languages and Frameworks

- Language and version (e.g. TypeScript 5, Node 20)
- Frameworks and key libraries, and which ones to prefer for new code

## Common Commands

- Install: \`npm install\`
- Build: \`npm run build\`
- Test: \`npm test\`
- Lint: \`npm run lint\`

## Conventions

- Formatting, naming and error handling rules
- Libraries or patterns to avoid
`,
  },
  {
    name: 'structure.md',
    text: `---
inclusion: always
---

# Project Structure

<!-- Where things live, so the agent puts new code in the right place. Replace the prompts below. -->

## Folders

- \`src/\`: application code
- \`tests/\`: tests (naming: \`*.test.ts\` beside the code, or here)
- \`docs/\`: documentation

## Patterns

- How modules are organised (by feature, by layer)
- Where configuration, generated files and assets go
`,
  },
];
