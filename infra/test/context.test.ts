/** Deployment parameters: defaults, derived values, and clear errors for bad ones. */
import { describe, expect, it } from 'vitest';
import { App } from 'aws-cdk-lib';
import { mailAddress, readContext } from '../lib/context';
import { sesIdentities } from '../lib/function';

const read = (context: Record<string, string>) => readContext(new App({ context }).node);

describe('deployment context', () => {
  it('defaults to a dev stage that may be deleted with its data', () => {
    expect(read({})).toEqual({ stage: 'dev', retainData: false });
  });

  it('derives the sender from the domain and retains data outside dev', () => {
    const context = read({ stage: 'prod', domain: 'Echange-Kaz.cinor.re' });

    expect(context).toMatchObject({
      stage: 'prod',
      domain: 'echange-kaz.cinor.re',
      mailFrom: 'Échange Kaz <ne-pas-repondre@echange-kaz.cinor.re>',
      retainData: true,
    });
  });

  it.each([
    [{ stage: 'Prod!' }, /stage/],
    [{ domain: 'not a domain' }, /domain/],
    [{ mailFrom: 'nobody' }, /mailFrom/],
    [{ alarmEmail: 'ops@' }, /alarmEmail/],
    [
      { domain: 'x.re', certificateArn: 'arn:aws:acm:eu-west-3:123456789012:certificate/abc' },
      /us-east-1/,
    ],
    [{ certificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc' }, /needs "domain"/],
  ])('rejects %o', (context, message) => {
    expect(() => read(context)).toThrow(message);
  });

  it('checks SES sending against the address and its domain', () => {
    expect(mailAddress('Échange Kaz <ne-pas-repondre@cinor.re>')).toBe('ne-pas-repondre@cinor.re');
    expect(sesIdentities('Échange Kaz <ne-pas-repondre@cinor.re>', 'echange-kaz.cinor.re')).toEqual(
      ['ne-pas-repondre@cinor.re', 'cinor.re', 'echange-kaz.cinor.re'],
    );
  });
});
