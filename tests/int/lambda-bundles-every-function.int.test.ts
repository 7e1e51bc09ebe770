/**
 * Every Lambda function of the template, run from its synthesized bundle in a fresh Node
 * process with exactly the environment the template gives it (plus what the Lambda runtime
 * sets and the local engines' endpoints), on a real event shape, against DynamoDB Local, the
 * local SES endpoint and s3rver. Stream events are the records DynamoDB Local's stream really
 * produced. A bundle that does not load, a variable the code needs and the template does not
 * give, or a resource named to a function without a grant on it, fails here.
 */
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyStructuredResultV2, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { signSession } from '../../functions/lib/auth/session';
import type { Database } from '../../functions/lib/db/client';
import { readReferenceData } from '../../functions/lib/db/reference';
import { createUser } from '../../functions/lib/db/users';
import { httpApiEvent } from '../../infra/test/bundle-events';
import { synthesize, type Synthesized } from '../../infra/test/synth';
import { StreamRunner } from '../../scripts/local/stream-runner';
import { listingInput } from '../support/factories';
import {
  grantedActions,
  invokeBundle,
  lambdaEnvironment,
  referencedResources,
  startSecretsEndpoint,
  templateFunctions,
  type LocalEngines,
  type TemplateFunction,
  withHostNativeModules,
} from '../support/lambda-template';
import { waitForMails } from '../support/mailbox';
import { createOwnTable, dropOwnTable, stack, uniqueEmail } from '../support/stack';

const SESSION_SECRET_ARN = 'arn:aws:secretsmanager:eu-west-3:123456789012:secret:EchangeKaz-session-local';

let synth: Synthesized;
let functions: TemplateFunction[];
let statefulIds: string[];
let db: Database;
let engines: LocalEngines;
let secrets: Awaited<ReturnType<typeof startSecretsEndpoint>>;

beforeAll(async () => {
  synth = synthesize({ mailFrom: 'Échange Kaz <ne-pas-repondre@echange-kaz.example>' });
  functions = templateFunctions(synth);
  statefulIds = Object.keys(synth.stateful.toJSON().Resources as Record<string, unknown>);
  db = await createOwnTable('bundles-every');
  secrets = await startSecretsEndpoint({ [SESSION_SECRET_ARN]: stack().sessionSecret });
  const { dynamodbEndpoint, sesUrl, s3Endpoint, photosBucket, appUrl, region } = stack();
  engines = {
    tableName: db.tableName,
    dynamodbEndpoint,
    sesEndpoint: sesUrl,
    s3Endpoint,
    photosBucket,
    appUrl,
    secretsEndpoint: secrets.url,
    sessionSecretArn: SESSION_SECRET_ARN,
    region,
  };
}, 180_000);

afterAll(async () => {
  secrets?.server.close();
  await dropOwnTable(db);
});

const fn = (name: string): TemplateFunction => {
  const found = functions.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`No function ${name} in the template`);
  return found;
};

const invoke = <T>(name: string, event: unknown) => invokeBundle<T>(fn(name), event, lambdaEnvironment(fn(name), engines));

const scheduledEvent = (rule: string) => ({
  version: '0',
  id: `event-${rule}`,
  'detail-type': 'Scheduled Event',
  source: 'aws.events',
  account: '123456789012',
  time: new Date().toISOString(),
  region: stack().region,
  resources: [`arn:aws:events:${stack().region}:123456789012:rule/${rule}`],
  detail: {},
});

const EXERCISED = [
  'ReferenceData', 'Api', 'Notifier', 'Matcher', 'ProposalFanOut', 'Stats', 'OutboxSweep',
  'ListingExpiry', 'AnswerReminders', 'ReviewDeadlines', 'MatchOptimiser', 'Photos',
];

describe('the template', () => {
  it('has no function that this file does not run', () => {
    expect(functions.map((candidate) => candidate.name).sort()).toEqual([...EXERCISED].sort());
  });

  it('grants each function the data resources its variables name, and mail sending with MAIL_FROM', () => {
    for (const candidate of functions) {
      const granted = grantedActions(candidate, statefulIds);
      for (const [name, value] of Object.entries(candidate.environment)) {
        if (typeof value === 'string') continue;
        for (const resource of referencedResources(value, statefulIds)) {
          expect(granted.get(resource), `${candidate.name}: ${name} names ${resource} without a grant`).toBeDefined();
        }
      }
      if ('MAIL_FROM' in candidate.environment) {
        const actions = candidate.statements.flatMap((statement) => ([] as string[]).concat(statement.Action));
        expect(actions, `${candidate.name}: MAIL_FROM without ses:SendEmail`).toContain('ses:SendEmail');
      }
    }
  });
});

describe('bundles on the local engines', () => {
  it('ReferenceData answers CloudFormation SUCCESS after loading the reference data into an empty table', async () => {
    const answers: Array<{ Status: string; Data?: Record<string, number> }> = [];
    const cloudFormation = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        answers.push(JSON.parse(body) as (typeof answers)[number]);
        response.end();
      });
    });
    cloudFormation.listen(0, '127.0.0.1');
    await once(cloudFormation, 'listening');
    const responseUrl = `http://127.0.0.1:${(cloudFormation.address() as AddressInfo).port}/cloudformation-response`;

    await invoke('ReferenceData', {
      RequestType: 'Create',
      ServiceToken: 'arn:aws:lambda:eu-west-3:123456789012:function:ReferenceData',
      ResponseURL: responseUrl,
      StackId: 'arn:aws:cloudformation:eu-west-3:123456789012:stack/EchangeKaz-dev-App/1',
      RequestId: 'request-1',
      LogicalResourceId: 'ReferenceDataLoad',
      ResourceType: 'Custom::ReferenceData',
      ResourceProperties: { ServiceToken: 'arn:aws:lambda:eu-west-3:123456789012:function:ReferenceData', dataVersion: 'x' },
    });
    cloudFormation.close();
    const reference = await readReferenceData(db);

    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ Status: 'SUCCESS', Data: { inserted: expect.any(Number) } });
    expect([reference.communes.length, reference.quartiers.length, reference.lessors.length]).toEqual([3, 36, 7]);
  });

  it('Api serves the reference data, signs in and creates a listing, resolving its secret from the ARN', async () => {
    const tenant = await createUser(db, { email: uniqueEmail(), role: 'tenant', displayName: 'Locataire' }, new Date());
    const { token } = await signSession(stack().sessionSecret, tenant, new Date());
    const json = { 'content-type': 'application/json', host: 'abc123.execute-api.eu-west-3.amazonaws.com' };

    const reference = await invoke<APIGatewayProxyStructuredResultV2>('Api', httpApiEvent('GET', '/api/ref'));
    const signInEmail = uniqueEmail('bundle');
    const signInRequest = await invoke<APIGatewayProxyStructuredResultV2>(
      'Api',
      httpApiEvent('POST', '/api/auth/login', { headers: json, body: JSON.stringify({ email: signInEmail }) }),
    );
    const created = await invoke<APIGatewayProxyStructuredResultV2>(
      'Api',
      httpApiEvent('POST', '/api/listings', { headers: { ...json, authorization: `Bearer ${token}` }, body: JSON.stringify(listingInput()) }),
    );

    expect(reference.statusCode).toBe(200);
    expect((JSON.parse(String(reference.body)) as { communes: unknown[] }).communes).toHaveLength(3);
    expect(signInRequest.statusCode).toBe(202);
    expect(created.statusCode, String(created.body)).toBe(201);
    expect(secrets.requested).toContain(SESSION_SECRET_ARN);
    streamState.signInEmail = signInEmail;
  });

  it('the stream functions handle the records DynamoDB Local produced; the notifier sends the sign-in mail', async () => {
    const records = await streamRecords();

    const results = await Promise.all(
      ['Notifier', 'Matcher', 'ProposalFanOut', 'Stats'].map((name) => invoke<{ batchItemFailures: unknown[] }>(name, { Records: records })),
    );

    expect(records.some((record) => record.dynamodb?.Keys?.sk?.S === 'LISTING')).toBe(true);
    for (const result of results) expect(result).toEqual({ batchItemFailures: [] });
    expect(await waitForMails(streamState.signInEmail, 1)).toHaveLength(1);
  });

  it('the scheduled functions run on an EventBridge event', async () => {
    const names = ['OutboxSweep', 'ListingExpiry', 'AnswerReminders', 'ReviewDeadlines', 'MatchOptimiser'];

    const reports = await Promise.all(names.map((name) => invoke<unknown>(name, scheduledEvent(`${name}Schedule`))));

    for (const report of reports) expect(report === null || typeof report === 'object').toBe(true);
  });

  it('Photos loads sharp and handles an S3 ObjectCreated event for an upload no photo waits for', async () => {
    const event = {
      Records: [
        {
          eventVersion: '2.1',
          eventSource: 'aws:s3',
          awsRegion: stack().region,
          eventTime: new Date().toISOString(),
          eventName: 'ObjectCreated:Put',
          userIdentity: { principalId: 'local' },
          requestParameters: { sourceIPAddress: '127.0.0.1' },
          responseElements: { 'x-amz-request-id': 'local', 'x-amz-id-2': 'local' },
          s3: {
            s3SchemaVersion: '1.0',
            configurationId: 'uploads',
            bucket: { name: stack().photosBucket, ownerIdentity: { principalId: 'local' }, arn: `arn:aws:s3:::${stack().photosBucket}` },
            object: { key: 'uploads/01JNOLISTING/01JNOPHOTO', size: 1024, eTag: 'e', sequencer: '1' },
          },
        },
      ],
    };

    // sharp is not in the bundle: the deployed asset carries it for Lambda's platform; here it is this machine's.
    const photos = withHostNativeModules(fn('Photos'), ['sharp']);

    expect(await invokeBundle(photos, event, lambdaEnvironment(photos, engines))).toBeNull();
  });
});

const streamState = { signInEmail: '' };

/** Every record the own table's stream holds so far, as the Lambda event source delivers them. */
async function streamRecords(): Promise<DynamoDBRecord[]> {
  const records: DynamoDBRecord[] = [];
  const runner = new StreamRunner({
    endpoint: stack().dynamodbEndpoint,
    region: stack().region,
    tableName: db.tableName,
    handlers: { capture: async (event: DynamoDBStreamEvent) => void records.push(...event.Records) },
  });
  await runner.start();
  await runner.settled();
  await runner.stop();
  return records;
}
