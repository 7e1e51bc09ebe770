/** The reference-data custom resource in the synthesized template. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { referenceDataVersion } from '../lib/reference-data';
import { synthesize, type Synthesized } from './synth';

let synth: Synthesized;

beforeAll(() => {
  synth = synthesize();
}, 120_000);

describe('reference data at deployment', () => {
  it('runs the loader as a custom resource, again whenever the repository data changes', () => {
    const [resource] = Object.values(
      synth.stateless.findResources('Custom::ReferenceData'),
    ) as Array<{ Properties: Record<string, unknown> }>;

    expect(resource?.Properties).toMatchObject({
      ServiceToken: { 'Fn::GetAtt': [expect.stringMatching(/^ReferenceDataFunction/), 'Arn'] },
      dataVersion: referenceDataVersion(),
    });
  });

  it('gives the loader Node 24, the table name and item writes on that table only, no secret', () => {
    const functions = synth.stateless.findResources('AWS::Lambda::Function', {
      Properties: { Description: Match.stringLikeRegexp('ReferenceData') },
    });
    const [fn] = Object.values(functions) as Array<{
      Properties: { Runtime: string; Environment: { Variables: Record<string, unknown> } };
    }>;

    expect(fn?.Properties.Runtime).toBe('nodejs24.x');
    expect(Object.keys(fn?.Properties.Environment.Variables ?? {})).toContain('TABLE_NAME');
    expect(Object.keys(fn?.Properties.Environment.Variables ?? {})).not.toContain(
      'SESSION_SECRET_ARN',
    );
    synth.stateless.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^ReferenceDataFunction') }],
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Action: Match.arrayWith(['dynamodb:PutItem', 'dynamodb:Query']) }),
        ],
      },
    });
  });
});
