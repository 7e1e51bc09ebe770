/**
 * A production stage with every parameter set: data retained, SES identity for the domain,
 * sending allowed from that identity only, the custom domain on CloudFront, alarms mailed.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { synthesize, type Synthesized } from './synth';

const context = {
  stage: 'prod',
  domain: 'echange-kaz.cinor.re',
  alarmEmail: 'exploitation@cinor.re',
  certificateArn:
    'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b',
};

let synth: Synthesized;

beforeAll(() => {
  synth = synthesize(context);
}, 120_000);

describe('production stage', () => {
  it('names its stacks after the stage', () => {
    expect([synth.statefulStackName, synth.statelessStackName]).toEqual([
      'EchangeKaz-prod-Data',
      'EchangeKaz-prod-App',
    ]);
  });

  it('protects and retains the data', () => {
    synth.stateful.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
    synth.stateful.hasResource('AWS::S3::Bucket', { DeletionPolicy: 'Retain' });
    synth.stateful.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    synth.stateful.resourceCountIs('Custom::S3AutoDeleteObjects', 0);
  });

  it('verifies the domain with SES (Easy DKIM) on the configuration set', () => {
    synth.stateful.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: context.domain,
      ConfigurationSetAttributes: { ConfigurationSetName: Match.anyValue() },
    });
  });

  it('sends mail from the domain, allowed on that identity and configuration set only', () => {
    synth.stateless.hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          MAIL_FROM: `Échange Kaz <ne-pas-repondre@${context.domain}>`,
          SES_CONFIGURATION_SET: Match.anyValue(),
          APP_URL: `https://${context.domain}`,
        }),
      },
    });
    const policies = JSON.stringify(synth.stateless.findResources('AWS::IAM::Policy'));
    expect(policies).toContain(`:identity/${context.domain}`);
    expect(policies).toContain(':configuration-set/');
    expect(policies).not.toContain(':identity/*');
  });

  it('serves the custom domain with its certificate', () => {
    synth.stateless.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        Aliases: [context.domain],
        ViewerCertificate: Match.objectLike({
          AcmCertificateArn: context.certificateArn,
          SslSupportMethod: 'sni-only',
        }),
      }),
    });
  });

  it('mails the alarms', () => {
    synth.stateless.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: context.alarmEmail,
    });
  });
});
