import { readFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import { GENERATED_FILE, generatedApiTypes } from './api-client-types';

describe('the generated API client types', () => {
  it('match the current OpenAPI document (else run npm run generate:api-client)', async () => {
    const config = await resolveConfig(GENERATED_FILE);

    const fresh = await format(await generatedApiTypes(), { ...config, filepath: GENERATED_FILE });

    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(fresh);
  }, 60_000);
});
