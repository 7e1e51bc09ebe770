import { describe, expect, it } from 'vitest';
import { hashSecret, newClientSecret, verifySecret } from './secret-hash';

describe('client secret hashing', () => {
  it('accepts the secret it hashed and refuses any other', async () => {
    const secret = newClientSecret();
    const stored = await hashSecret(secret);

    expect(await verifySecret(secret, stored)).toBe(true);
    expect(await verifySecret(`${secret}x`, stored)).toBe(false);
    expect(await verifySecret(newClientSecret(), stored)).toBe(false);
  });

  it('never stores the secret itself, and salts each hash', async () => {
    const secret = newClientSecret();

    const [first, second] = await Promise.all([hashSecret(secret), hashSecret(secret)]);

    expect(first).not.toContain(secret.slice(4));
    expect(first).not.toBe(second);
    expect(first).toMatch(/^scrypt\$16384\$8\$1\$/);
  });

  it('refuses a malformed stored value', async () => {
    expect(await verifySecret('kzs_x', 'plain')).toBe(false);
  });
});
