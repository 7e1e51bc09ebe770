/**
 * Every Lambda function of the template, run from its synthesized bundle in a fresh Node
 * process with exactly the environment the template gives it (plus what the Lambda runtime
 * sets and the local engines' endpoints), on a real event shape, against DynamoDB Local, the
 * local SES endpoint and s3rver. Stream events are the records DynamoDB Local's stream really
 * produced. A bundle that does not load, a variable the code needs and the template does not
 * give, or a resource named to a function without a grant on it, fails here.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type {
  APIGatewayProxyStructuredResultV2,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../functions/api/origin-headers';
import { signSession } from '../../functions/lib/auth/session';
import type { Database } from '../../functions/lib/db/client';
import { keys } from '../../functions/lib/db/model';
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
import {
  ORIGIN_SECRET,
  PHOTO_SIGNING_KEY,
  SECRET_ARNS,
  EXERCISED,
  SCHEDULED,
  scheduledEvent,
} from '../support/bundle-fixtures';

const run = promisify(execFile);

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
  db = await createOwnTable('bundles-every', { stream: true });
  secrets = await startSecretsEndpoint({
    [SECRET_ARNS.SESSION_SECRET_ARN]: stack().sessionSecret,
    [SECRET_ARNS.PHOTOS_SIGNING_KEY_ARN]: PHOTO_SIGNING_KEY,
    [SECRET_ARNS.ORIGIN_VERIFY_SECRET_ARN]: ORIGIN_SECRET,
  });
  const { dynamodbEndpoint, sesUrl, s3Endpoint, photosBucket, appUrl, region } = stack();
  engines = {
    tableName: db.tableName,
    dynamodbEndpoint,
    sesEndpoint: sesUrl,
    s3Endpoint,
    photosBucket,
    appUrl,
    secretsEndpoint: secrets.url,
    secretArns: SECRET_ARNS,
    photoKeyPairId: 'K2LOCALBUNDLES',
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

const invoke = <T>(name: string, event: unknown) =>
  invokeBundle<T>(fn(name), event, lambdaEnvironment(fn(name), engines));

describe('the template', () => {
  it('has no function that this file does not run', () => {
    expect(functions.map((candidate) => candidate.name).sort()).toEqual([...EXERCISED].sort());
  });

  it('grants each function the data resources its variables name, the secrets it is given the ARN of, and mail sending with MAIL_FROM', () => {
    for (const candidate of functions) {
      const granted = grantedActions(candidate, statefulIds);
      for (const [name, value] of Object.entries(candidate.environment)) {
        if (typeof value === 'string') continue;
        for (const resource of referencedResources(value, statefulIds)) {
          expect(
            granted.get(resource),
            `${candidate.name}: ${name} names ${resource} without a grant`,
          ).toBeDefined();
        }
      }
      for (const [name, value] of Object.entries(candidate.environment)) {
        if (!name.endsWith('_ARN') || typeof value === 'string') continue;
        const readable = candidate.statements.some(
          (statement) =>
            ([] as string[]).concat(statement.Action).includes('secretsmanager:GetSecretValue') &&
            JSON.stringify(statement.Resource).includes(JSON.stringify(value)),
        );
        expect(readable, `${candidate.name}: ${name} names a secret it may not read`).toBe(true);
      }
      if ('MAIL_FROM' in candidate.environment) {
        const actions = candidate.statements.flatMap((statement) =>
          ([] as string[]).concat(statement.Action),
        );
        expect(actions, `${candidate.name}: MAIL_FROM without ses:SendEmail`).toContain(
          'ses:SendEmail',
        );
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
      ResourceProperties: {
        ServiceToken: 'arn:aws:lambda:eu-west-3:123456789012:function:ReferenceData',
        dataVersion: 'x',
      },
    });
    cloudFormation.close();
    const reference = await readReferenceData(db);

    expect(answers).toHaveLength(1);
    expect(answers[0]).toMatchObject({ Status: 'SUCCESS', Data: { inserted: expect.any(Number) } });
    expect([
      reference.communes.length,
      reference.quartiers.length,
      reference.lessors.length,
    ]).toEqual([3, 36, 7]);
  });

  it('Api, in production configuration, refuses a request without the origin secret and, through CloudFront, serves the reference data, signs in and creates a listing', async () => {
    const tenant = await createUser(
      db,
      { email: uniqueEmail(), role: 'tenant', displayName: 'Locataire' },
      new Date(),
    );
    const { token } = await signSession(stack().sessionSecret, tenant, new Date());
    // What CloudFront adds: the origin secret, and the viewer's address its viewer-request function writes.
    const viaCloudFront = {
      host: 'abc123.execute-api.eu-west-3.amazonaws.com',
      [ORIGIN_VERIFY_HEADER]: ORIGIN_SECRET,
      [VIEWER_ADDRESS_HEADER]: '198.51.100.24',
    };
    const json = { ...viaCloudFront, 'content-type': 'application/json' };

    const direct = await invoke<APIGatewayProxyStructuredResultV2>(
      'Api',
      httpApiEvent('GET', '/api/ref'),
    );
    const reference = await invoke<APIGatewayProxyStructuredResultV2>(
      'Api',
      httpApiEvent('GET', '/api/ref', { headers: viaCloudFront }),
    );
    const signInEmail = uniqueEmail('bundle');
    const signInRequest = await invoke<APIGatewayProxyStructuredResultV2>(
      'Api',
      httpApiEvent('POST', '/api/auth/login', {
        headers: json,
        body: JSON.stringify({ email: signInEmail }),
      }),
    );
    const created = await invoke<APIGatewayProxyStructuredResultV2>(
      'Api',
      httpApiEvent('POST', '/api/listings', {
        headers: { ...json, authorization: `Bearer ${token}` },
        body: JSON.stringify(listingInput()),
      }),
    );

    expect(direct.statusCode).toBe(403);
    expect(reference.statusCode, String(reference.body)).toBe(200);
    expect((JSON.parse(String(reference.body)) as { communes: unknown[] }).communes).toHaveLength(
      3,
    );
    expect(signInRequest.statusCode, String(signInRequest.body)).toBe(202);
    expect(created.statusCode, String(created.body)).toBe(201);
    // Every secret resolved from its ARN at cold start; the origin secret also at its previous stage, which a never-rotated secret lacks.
    expect(secrets.requested).toEqual(
      expect.arrayContaining([
        { secretId: SECRET_ARNS.SESSION_SECRET_ARN },
        { secretId: SECRET_ARNS.PHOTOS_SIGNING_KEY_ARN },
        { secretId: SECRET_ARNS.ORIGIN_VERIFY_SECRET_ARN },
        { secretId: SECRET_ARNS.ORIGIN_VERIFY_SECRET_ARN, versionStage: 'AWSPREVIOUS' },
      ]),
    );
    streamState.signInEmail = signInEmail;
    streamState.listing = {
      id: (JSON.parse(String(created.body)) as { id: string }).id,
      ownerId: tenant.id,
    };
  });

  it('Api loads pdf-lib, left out of its bundle, from beside it in the deployed asset (the swap file only needs it)', async () => {
    const bundle = fn('Api').bundle;

    const loaded = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "const { PDFDocument } = await import('pdf-lib'); const doc = await PDFDocument.create(); doc.addPage(); process.stdout.write(String((await doc.save()).length));",
      ],
      {
        cwd: dirname(bundle),
        env: { PATH: process.env.PATH ?? '' },
      },
    );

    expect(Number(loaded.stdout)).toBeGreaterThan(100);
    expect(readFileSync(bundle, 'utf8')).toMatch(/import\(\s*["']pdf-lib["']\s*\)/);
    expect(readFileSync(bundle, 'utf8')).not.toContain('Helvetica-BoldOblique');
  });

  it('the stream functions handle the records DynamoDB Local produced; the followers send the sign-in mail', async () => {
    const records = await streamRecords();

    const results = await Promise.all(
      ['Matcher', 'Followers'].map((name) =>
        invoke<{ batchItemFailures: unknown[] }>(name, { Records: records }),
      ),
    );

    expect(records.some((record) => record.dynamodb?.Keys?.sk?.S === 'LISTING')).toBe(true);
    for (const result of results) expect(result).toEqual({ batchItemFailures: [] });
    expect(await waitForMails(streamState.signInEmail, 1)).toHaveLength(1);
  });

  it('the scheduled functions run on an EventBridge event', async () => {
    const reports = await Promise.all(
      SCHEDULED.map((name) => invoke<unknown>(name, scheduledEvent(`${name}Schedule`))),
    );

    const byName = Object.fromEntries(SCHEDULED.map((name, index) => [name, reports[index]]));
    for (const name of SCHEDULED)
      expect(byName[name] === null || typeof byName[name] === 'object', name).toBe(true);
    expect(byName.ProposalDigests).toEqual({
      queued: expect.any(Number),
      sent: expect.any(Number),
    });
    expect(byName.SwapNudges).toEqual({
      proposals: expect.any(Number),
      nudged: expect.any(Number),
    });
    expect(byName.AgentQueues).toEqual({ agents: expect.any(Number), mailed: expect.any(Number) });
    expect(byName.InactiveAccounts).toMatchObject({ warned: 0, erased: 0, failed: 0 });
    expect(byName.PlanCheck).toMatchObject({ broken: expect.any(Number) });
    expect(byName.LessorDigests).toMatchObject({ failed: 0 });
  });

  it('the followers’ purge frees the owner’s one-active-listing guard when DynamoDB’s TTL deletes the listing', async () => {
    const { id, ownerId } = streamState.listing;
    const guard = () =>
      db.doc.send(new GetCommand({ TableName: db.tableName, Key: keys.activeListing(ownerId) }));
    expect((await guard()).Item).toMatchObject({ listingId: id });
    await db.doc.send(new DeleteCommand({ TableName: db.tableName, Key: keys.listing(id) }));
    const removal = (
      await streamRecords((key) => key.pk === keys.listing(id).pk && key.sk === keys.listing(id).sk)
    ).filter(
      (record) =>
        record.eventName === 'REMOVE' && record.dynamodb?.Keys?.pk?.S === keys.listing(id).pk,
    );

    const result = await invoke<{ batchItemFailures: unknown[] }>('Followers', {
      Records: removal,
    });

    expect(removal).toHaveLength(1);
    expect(removal[0]?.userIdentity).toEqual({
      type: 'Service',
      principalId: 'dynamodb.amazonaws.com',
    });
    expect(result).toEqual({ batchItemFailures: [] });
    expect((await guard()).Item).toBeUndefined();
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
            bucket: {
              name: stack().photosBucket,
              ownerIdentity: { principalId: 'local' },
              arn: `arn:aws:s3:::${stack().photosBucket}`,
            },
            object: {
              key: 'uploads/01JNOLISTING/01JNOPHOTO',
              size: 1024,
              eTag: 'e',
              sequencer: '1',
            },
          },
        },
      ],
    };

    // sharp is not in the bundle: the deployed asset carries it for Lambda's platform; here it is this machine's.
    const photos = withHostNativeModules(fn('Photos'), ['sharp']);

    expect(await invokeBundle(photos, event, lambdaEnvironment(photos, engines))).toBeNull();
  });
});

const streamState = { signInEmail: '', listing: { id: '', ownerId: '' } };

/** Every record the own table's stream holds so far, as the Lambda event source delivers them. */
async function streamRecords(
  isTtlDeletion?: (key: { pk?: string; sk?: string }) => boolean,
): Promise<DynamoDBRecord[]> {
  const records: DynamoDBRecord[] = [];
  const runner = new StreamRunner({
    endpoint: stack().dynamodbEndpoint,
    region: stack().region,
    tableName: db.tableName,
    isTtlDeletion,
    handlers: {
      capture: async (event: DynamoDBStreamEvent) => void records.push(...event.Records),
    },
  });
  await runner.start();
  await runner.settled();
  await runner.stop();
  return records;
}
