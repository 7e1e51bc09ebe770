import { describe, expect, it } from 'vitest';
import { isLessorEndpoint } from './scope';

describe('what an API client may call', () => {
  it.each([
    ['GET', '/lessor/listings'],
    ['POST', '/listings/01H/verification'],
    ['GET', '/swaps'],
    ['GET', '/swaps/01H'],
    ['POST', '/swaps/01H/reviews'],
    ['POST', '/swaps/01H/complete'],
    ['GET', '/swaps/01H/file.pdf'],
    ['POST', '/lessor/webhooks'],
    ['DELETE', '/lessor/webhooks/01H'],
  ])('allows %s %s', (method, path) => {
    expect(isLessorEndpoint(method, path)).toBe(true);
  });

  it.each([
    ['GET', '/me'],
    ['GET', '/matches'],
    ['POST', '/swaps'],
    ['POST', '/swaps/01H/cancel'],
    ['POST', '/swaps/01H/confirm'],
    ['PATCH', '/listings/01H'],
    ['GET', '/admin/users'],
    ['POST', '/admin/api-clients'],
    ['GET', '/stats/quartiers'],
    ['POST', '/oauth/token'],
    ['GET', '/listings/01H/verification/../../admin'],
  ])('refuses %s %s', (method, path) => {
    expect(isLessorEndpoint(method, path)).toBe(false);
  });
});
