/**
 * The synthesized templates of the default (dev) stage: what must hold for the platform to be
 * safe and to work. One synth for the whole file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Match } from 'aws-cdk-lib/assertions';
import { tableDefinition } from '../../functions/lib/db/model';
import { FUNCTIONS, presentFunctions } from '../lib/functions';
import { API_PATH_PATTERN } from '../lib/web';
import { flattenJoin, synthesize, type Synthesized } from './synth';

let synth: Synthesized;

beforeAll(() => {
  synth = synthesize();
}, 120_000);

type Statement = { Effect: string; Action: string | string[]; Resource: unknown };
type Resource = { Type: string; Properties: Record<string, unknown>; DeletionPolicy?: string };

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);

function statements(): Statement[] {
  return Object.values(synth.stateless.findResources('AWS::IAM::Policy'))
    .flatMap(
      (policy) => (policy as Resource).Properties.PolicyDocument as { Statement: Statement[] },
    )
    .flatMap((document) => document.Statement);
}

function resources(type: string): Resource[] {
  return Object.values(synth.stateless.findResources(type)) as Resource[];
}

describe('stateful stack', () => {
  it('builds the table from tableDefinition: keys, GSIs, stream, TTL, PITR, on demand', () => {
    const [table] = Object.values(
      synth.stateful.findResources('AWS::DynamoDB::Table'),
    ) as Resource[];
    const props = table!.Properties as {
      KeySchema: Array<{ AttributeName: string; KeyType: string }>;
      GlobalSecondaryIndexes: Array<{
        IndexName: string;
        KeySchema: Array<{ AttributeName: string; KeyType: string }>;
        Projection: unknown;
      }>;
    };

    expect(props.KeySchema).toEqual([
      { AttributeName: tableDefinition.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableDefinition.sortKey, KeyType: 'RANGE' },
    ]);
    const indexes = Object.fromEntries(
      props.GlobalSecondaryIndexes.map((index) => [
        index.IndexName,
        {
          partitionKey: index.KeySchema[0]?.AttributeName,
          sortKey: index.KeySchema[1]?.AttributeName,
        },
      ]),
    );
    expect(indexes).toEqual(tableDefinition.indexes);
    synth.stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      BillingMode: 'PAY_PER_REQUEST',
      StreamSpecification: { StreamViewType: tableDefinition.streamView },
      TimeToLiveSpecification: { AttributeName: tableDefinition.ttlAttribute, Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('lets dev be deleted with its data', () => {
    synth.stateful.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Delete' });
    synth.stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      DeletionProtectionEnabled: false,
    });
  });

  it('keeps photos private, encrypted, over TLS, and expires abandoned originals', () => {
    synth.stateful.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          { ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } },
        ],
      },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({
            AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 },
            Status: 'Enabled',
          }),
          Match.objectLike({ Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' }),
        ]),
      },
    });
    synth.stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Deny',
            Condition: { Bool: { 'aws:SecureTransport': 'false' } },
          }),
        ]),
      },
    });
  });

  it('sends SES bounces and complaints to a topic, with reputation metrics', () => {
    synth.stateful.hasResourceProperties('AWS::SES::ConfigurationSet', {
      ReputationOptions: { ReputationMetricsEnabled: true },
    });
    synth.stateful.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: Match.objectLike({
        Enabled: true,
        MatchingEventTypes: Match.arrayEquals(['bounce', 'complaint']),
        SnsDestination: Match.anyValue(),
      }),
    });
  });

  it('generates the session secret instead of asking for one', () => {
    synth.stateful.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 64, ExcludePunctuation: true }),
    });
  });
});

describe('functions', () => {
  it('creates one function per present entry, with the shared defaults', () => {
    const { present } = presentFunctions();
    // The deploy-time reference-data loader has its own test (reference-data.test.ts).
    const functions = resources('AWS::Lambda::Function').filter(
      (fn) =>
        String(fn.Properties.Description).startsWith('Échange Kaz') &&
        !String(fn.Properties.Description).includes('ReferenceData'),
    );

    expect(functions).toHaveLength(present.length);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Environment: {
          Variables: expect.objectContaining({
            STAGE: 'dev',
            NODE_OPTIONS: '--enable-source-maps',
            AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
            TABLE_NAME: expect.anything(),
            APP_URL: expect.anything(),
          }),
        },
      });
    }
    synth.stateless.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('skips declared functions whose entry file is not on disk yet', () => {
    const declared = [
      ...FUNCTIONS,
      { ...FUNCTIONS[0]!, name: 'NotYet', entry: 'functions/not-yet/index.ts' },
    ];

    const { present, skipped } = presentFunctions(declared);

    expect(skipped.map((spec) => spec.name)).toContain('NotYet');
    expect(present.map((spec) => spec.name)).toEqual(
      expect.arrayContaining(['Api', 'Followers', 'OutboxSweep']),
    );
  });

  it('grants no wildcard action, and no DynamoDB action on every resource', () => {
    const all = statements();

    for (const statement of all) {
      for (const action of asArray(statement.Action)) expect(action).not.toMatch(/^\*$|:\*$/);
    }
    const dynamodbOnStar = all.filter(
      (statement) =>
        asArray(statement.Action).some((action) => action.startsWith('dynamodb:')) &&
        asArray(statement.Resource).includes('*'),
    );
    // ListStreams has no resource type: the event source mapping needs it on '*', and nothing else.
    expect(new Set(dynamodbOnStar.flatMap((statement) => asArray(statement.Action)))).toEqual(
      new Set(dynamodbOnStar.length ? ['dynamodb:ListStreams'] : []),
    );
    expect(JSON.stringify(all)).not.toContain('dynamodb:Scan');
  });

  it('maps the table stream with bisection, partial batch failures, bounded retries and a DLQ', () => {
    const mappings = resources('AWS::Lambda::EventSourceMapping');

    expect(mappings.length).toBeGreaterThanOrEqual(1);
    for (const mapping of mappings) {
      expect(mapping.Properties).toMatchObject({
        BisectBatchOnFunctionError: true,
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        MaximumRetryAttempts: expect.any(Number),
        MaximumRecordAgeInSeconds: expect.any(Number),
        DestinationConfig: { OnFailure: { Destination: expect.anything() } },
      });
      expect(mapping.Properties.MaximumRetryAttempts).toBeLessThanOrEqual(5);
    }
  });

  it('reads the table stream with two functions at most, as AWS advises for a DynamoDB stream shard', () => {
    const mappings = resources('AWS::Lambda::EventSourceMapping');

    expect(mappings).toHaveLength(2);
    // Lambda takes five filters per mapping unless a quota is raised.
    for (const mapping of mappings) {
      const { Filters } = mapping.Properties.FilterCriteria as { Filters: unknown[] };
      expect(Filters.length).toBeLessThanOrEqual(5);
    }
  });

  it('lets only new outbox items and webhook deliveries, never their updates, reach the followers as inserts', () => {
    synth.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: {
        Filters: Match.arrayWith([
          {
            Pattern: Match.stringLikeRegexp(
              '"eventName":\\["INSERT"\\].*"Outbox","WebhookDelivery"',
            ),
          },
        ]),
      },
    });
  });

  it('lets only DynamoDB’s TTL deletions reach the purge, and runs the inactive-accounts job daily', () => {
    synth.stateless.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      FilterCriteria: {
        Filters: Match.arrayWith([
          { Pattern: Match.stringLikeRegexp('"principalId":\\["dynamodb.amazonaws.com"\\]') },
        ]),
      },
    });
    synth.stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 4 * * ? *)',
    });
  });

  it('routes ANY /api/{proxy+} of the HTTP API to the api function', () => {
    synth.stateless.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'ANY /api/{proxy+}',
    });
    synth.stateless.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      PayloadFormatVersion: '2.0',
    });
  });

  it('runs the outbox sweep every five minutes', () => {
    synth.stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0/5 * * * ? *)',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^OutboxSweep'), 'Arn'] },
        }),
      ],
    });
  });
});

describe('web distribution', () => {
  const distribution = () =>
    resources('AWS::CloudFront::Distribution')[0]!.Properties.DistributionConfig as {
      CacheBehaviors: Array<Record<string, unknown>>;
      DefaultCacheBehavior: Record<string, unknown>;
      CustomErrorResponses?: unknown;
    };

  it('passes /api/* to the HTTP API uncached, with every viewer header but Host and every method', () => {
    const api = distribution().CacheBehaviors.find(
      (behavior) => behavior.PathPattern === API_PATH_PATTERN,
    );

    expect(api).toMatchObject({
      CachePolicyId: '4135ea2d-6df8-44a3-9df3-4b5a84be39ad', // Managed-CachingDisabled
      OriginRequestPolicyId: { Ref: expect.stringMatching(/^OriginVerifyApiRequests/) },
      AllowedMethods: expect.arrayContaining([
        'GET',
        'HEAD',
        'OPTIONS',
        'PUT',
        'PATCH',
        'POST',
        'DELETE',
      ]),
    });
    synth.stateless.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({
        HeadersConfig: { HeaderBehavior: 'allExcept', Headers: ['host'] },
      }),
    });
  });

  it('routes the SPA with a function on the default behaviour, never with distribution-wide error pages', () => {
    const config = distribution();

    expect(config.CustomErrorResponses).toBeUndefined();
    expect(config.DefaultCacheBehavior.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: expect.anything() },
    ]);
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
  });

  it('serves the app from a private bucket through origin access control', () => {
    // The app's bucket, and the photos bucket (/photos/*).
    synth.stateless.resourceCountIs('AWS::CloudFront::OriginAccessControl', 2);
    synth.stateless.allResourcesProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    const allows = resources('AWS::S3::BucketPolicy')
      .flatMap(
        (policy) =>
          (policy.Properties.PolicyDocument as { Statement: Array<Record<string, unknown>> })
            .Statement,
      )
      .filter((statement) => statement.Effect === 'Allow');
    expect(allows).toContainEqual(
      expect.objectContaining({ Principal: { Service: 'cloudfront.amazonaws.com' } }),
    );
    for (const statement of allows)
      expect(JSON.stringify(statement.Principal)).not.toMatch(/^"\*"$|"AWS":"\*"/);
  });

  it('sends security headers: CSP without unsafe-inline scripts, HSTS, no framing, nosniff, referrer policy', () => {
    const [policy] = resources('AWS::CloudFront::ResponseHeadersPolicy');
    const headers = (
      policy!.Properties.ResponseHeadersPolicyConfig as {
        SecurityHeadersConfig: Record<string, Record<string, unknown>>;
      }
    ).SecurityHeadersConfig;
    const csp = flattenJoin(headers.ContentSecurityPolicy?.ContentSecurityPolicy);

    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*;/);
    expect(headers.StrictTransportSecurity).toMatchObject({
      AccessControlMaxAgeSec: 31_536_000,
      IncludeSubdomains: true,
    });
    expect(headers.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(headers.ContentTypeOptions).toMatchObject({ Override: true });
    expect(headers.ReferrerPolicy).toMatchObject({
      ReferrerPolicy: 'strict-origin-when-cross-origin',
    });
  });
});

describe('alarms', () => {
  const alarms = () => resources('AWS::CloudWatch::Alarm').map((alarm) => alarm.Properties);

  it('watches errors and throttles of every function', () => {
    const { present } = presentFunctions();
    const lambdaAlarms = alarms().filter((alarm) => alarm.Namespace === 'AWS/Lambda');

    // …and the reference-data loader run at deployment.
    expect(lambdaAlarms.filter((alarm) => alarm.MetricName === 'Errors')).toHaveLength(
      present.length + 1,
    );
    expect(lambdaAlarms.filter((alarm) => alarm.MetricName === 'Throttles')).toHaveLength(
      present.length + 1,
    );
  });

  it('watches every dead-letter queue and the SES bounce rate, and tells the alarm topic', () => {
    const queues = resources('AWS::SQS::Queue');
    const all = alarms();

    expect(
      all.filter((alarm) => alarm.MetricName === 'ApproximateNumberOfMessagesVisible'),
    ).toHaveLength(queues.length);
    expect(all).toContainEqual(
      expect.objectContaining({
        Namespace: 'AWS/SES',
        MetricName: 'Reputation.BounceRate',
        Threshold: 0.05,
      }),
    );
    for (const alarm of all)
      expect(alarm.AlarmActions).toEqual([{ Ref: expect.stringMatching(/^AlarmsTopic/) }]);
  });
});
