import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const base = { TABLE_NAME: 'echange-kaz-test' };
const secret = 'a'.repeat(40);

describe('parseConfig', () => {
  it('gives the session key only to functions configured with it', () => {
    const without = parseConfig(base);
    const withKey = parseConfig({ ...base, SESSION_SECRET: 's'.repeat(43) });

    expect(() => without.sessionSecret).toThrow(ConfigError);
    expect(withKey.sessionSecret).toBe('s'.repeat(43));
  });

  it('never lets the API run open where the origin secret is expected', () => {
    expect(() =>
      parseConfig({
        ...base,
        ORIGIN_VERIFY_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-3:1:secret:x',
      }),
    ).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, ORIGIN_VERIFY_SECRETS: `${secret},short` })).toThrow(
      ConfigError,
    );
    expect(
      parseConfig({ ...base, ORIGIN_VERIFY_SECRETS: `${secret}, ${'b'.repeat(40)}` })
        .originVerifySecrets,
    ).toEqual([secret, 'b'.repeat(40)]);
    expect(parseConfig(base).originVerifySecrets).toBeUndefined();
  });
});
