/** docs/architecture.md draws every Lambda function the stack declares. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, REPOSITORY_ROOT } from '../lib/functions';

describe('the architecture page', () => {
  it('names every declared function in its picture', () => {
    const page = readFileSync(join(REPOSITORY_ROOT, 'docs/architecture.md'), 'utf8');
    const picture = /```mermaid\n([\s\S]*?)```/.exec(page)?.[1] ?? '';

    const missing = FUNCTIONS.map((spec) => spec.name).filter(
      (name) => !new RegExp(`\\b${name}\\b`).test(picture),
    );

    expect(missing).toEqual([]);
  });
});
