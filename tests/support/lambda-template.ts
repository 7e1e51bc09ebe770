/**
 * What the synthesized template gives each Lambda function (environment, role policies), and a
 * way to run its bundle in a fresh Node process with exactly that environment, against the
 * local engines. Values that are CloudFormation references become their local counterparts;
 * a reference this file does not know fails the test that meets it.
 */
import { execFile } from 'node:child_process';
import { once } from 'node:events';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REPOSITORY_ROOT } from '../../infra/lib/functions';
import type { Synthesized } from '../../infra/test/synth';

const run = promisify(execFile);

export interface TemplateFunction {
  logicalId: string;
  /** The name in infra/lib/functions.ts (or the deploy-time function's construct id). */
  name: string;
  exportName: string;
  memorySize: number;
  environment: Record<string, unknown>;
  bundle: string;
  /** Every statement of the policies attached to the function's role. */
  statements: Array<{ Action: string | string[]; Resource: unknown }>;
}

type Resource = { Properties: Record<string, unknown> };

export function templateFunctions(synth: Synthesized): TemplateFunction[] {
  const functions = synth.stateless.findResources('AWS::Lambda::Function') as Record<
    string,
    Resource
  >;
  const policies = Object.values(
    synth.stateless.findResources('AWS::IAM::Policy') as Record<string, Resource>,
  );
  return Object.entries(functions)
    .filter(([, fn]) => String(fn.Properties.Description ?? '').startsWith('Échange Kaz '))
    .map(([logicalId, fn]) => {
      const props = fn.Properties as {
        Description: string;
        Handler: string;
        MemorySize: number;
        Environment?: { Variables: Record<string, unknown> };
        Code: { S3Key: string };
        Role: { 'Fn::GetAtt': [string, string] };
      };
      const roleId = props.Role['Fn::GetAtt'][0];
      const statements = policies
        .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
        .flatMap(
          (policy) =>
            (policy.Properties.PolicyDocument as { Statement: TemplateFunction['statements'] })
              .Statement,
        );
      return {
        logicalId,
        name: /^Échange Kaz (\w+) /.exec(props.Description)?.[1] ?? logicalId,
        exportName: props.Handler.replace(/^index\./, ''),
        memorySize: props.MemorySize,
        environment: props.Environment?.Variables ?? {},
        bundle: join(synth.outdir, `asset.${props.Code.S3Key.replace(/\.zip$/, '')}`, 'index.mjs'),
        statements,
      };
    });
}

/** Logical ids of the data stack's resources (table, bucket, secret…) that `value` refers to. */
export function referencedResources(value: unknown, statefulIds: string[]): string[] {
  const text = JSON.stringify(value);
  return statefulIds.filter((id) => text.includes(id));
}

/** The data-stack resources a function's role may act on, with the actions granted. */
export function grantedActions(fn: TemplateFunction, statefulIds: string[]): Map<string, string[]> {
  const granted = new Map<string, string[]>();
  for (const statement of fn.statements) {
    const actions = ([] as string[]).concat(statement.Action);
    for (const id of referencedResources(statement.Resource, statefulIds))
      granted.set(id, [...(granted.get(id) ?? []), ...actions]);
  }
  return granted;
}

export interface LocalEngines {
  tableName: string;
  dynamodbEndpoint: string;
  sesEndpoint: string;
  s3Endpoint: string;
  photosBucket: string;
  appUrl: string;
  secretsEndpoint: string;
  /** The ARN each `*_ARN` variable names locally; the secrets endpoint serves exactly these. */
  secretArns: {
    SESSION_SECRET_ARN: string;
    PHOTOS_SIGNING_KEY_ARN: string;
    ORIGIN_VERIFY_SECRET_ARN: string;
  };
  /** The CloudFront public key id photo links are signed for (the local key pair's). */
  photoKeyPairId: string;
  region: string;
}

/**
 * The function's environment as Lambda would set it: the template's variables (references
 * replaced by the local resources), the runtime's own variables, and for each resource the
 * template points it at, the local endpoint of that engine (nothing else).
 */
export function lambdaEnvironment(
  fn: TemplateFunction,
  engines: LocalEngines,
): Record<string, string> {
  const local: Record<string, string> = {
    TABLE_NAME: engines.tableName,
    PHOTOS_BUCKET: engines.photosBucket,
    ...engines.secretArns,
    PHOTOS_KEY_PAIR_ID: engines.photoKeyPairId,
    APP_URL: engines.appUrl,
    SES_CONFIGURATION_SET: 'local',
  };
  const environment: Record<string, string> = {};
  for (const [name, value] of Object.entries(fn.environment)) {
    if (typeof value === 'string') environment[name] = value;
    else if (local[name] !== undefined) environment[name] = local[name];
    else
      throw new Error(
        `${fn.name}: no local value for the template's ${name} = ${JSON.stringify(value)}`,
      );
  }
  const has = (name: string) => name in environment;
  const readsSecrets = Object.keys(engines.secretArns).some(has);
  return {
    PATH: process.env.PATH ?? '',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    AWS_REGION: engines.region,
    AWS_DEFAULT_REGION: engines.region,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_LAMBDA_FUNCTION_NAME: fn.name,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(fn.memorySize),
    ...environment,
    ...(has('TABLE_NAME') ? { DYNAMODB_ENDPOINT: engines.dynamodbEndpoint } : {}),
    ...(has('MAIL_FROM') ? { SES_ENDPOINT: engines.sesEndpoint } : {}),
    ...(has('PHOTOS_BUCKET') ? { S3_ENDPOINT: engines.s3Endpoint } : {}),
    ...(readsSecrets ? { AWS_ENDPOINT_URL_SECRETS_MANAGER: engines.secretsEndpoint } : {}),
    // Quiet: the tests read results, not logs.
    LOG_LEVEL: 'error',
  };
}

const invoker = join(import.meta.dirname, 'invoke-bundle.mjs');
const scratch = mkdtempSync(join(tmpdir(), 'echange-kaz-invoke-'));
let invocations = 0;

/**
 * The bundle copied into a folder of its own whose node_modules holds only `modules`, for this
 * machine's platform (the repository's): native modules left out of a bundle load as they would
 * beside it on Lambda, whatever platform the deployed asset was prepared for.
 */
export function withHostNativeModules(fn: TemplateFunction, modules: string[]): TemplateFunction {
  const folder = mkdtempSync(join(scratch, `${fn.name}-`));
  copyFileSync(fn.bundle, join(folder, 'index.mjs'));
  mkdirSync(join(folder, 'node_modules'));
  for (const name of modules)
    symlinkSync(join(REPOSITORY_ROOT, 'node_modules', name), join(folder, 'node_modules', name));
  return { ...fn, bundle: join(folder, 'index.mjs') };
}

/** Invokes the function's bundle once in a fresh Node process (the pinned Node running the tests). */
export async function invokeBundle<T = unknown>(
  fn: TemplateFunction,
  event: unknown,
  env: Record<string, string>,
): Promise<T> {
  invocations += 1;
  const eventFile = join(scratch, `event-${invocations}.json`);
  const resultFile = join(scratch, `result-${invocations}.json`);
  writeFileSync(eventFile, JSON.stringify(event));
  await run(process.execPath, [invoker, fn.bundle, fn.exportName, eventFile, resultFile], {
    env,
    timeout: 60_000,
    maxBuffer: 16 * 1024 * 1024,
  });
  const outcome = JSON.parse(readFileSync(resultFile, 'utf8')) as {
    ok: boolean;
    result?: T;
    error?: string;
  };
  if (!outcome.ok) throw new Error(`${fn.name} failed: ${outcome.error}`);
  return outcome.result as T;
}

export interface SecretRequest {
  secretId: string;
  /** The staging label asked for; absent means AWSCURRENT. */
  versionStage?: string;
}

/**
 * Secrets Manager's GetSecretValue for the given secrets, which the bundles call at cold start
 * through Powertools' Parameters (no local engine exists for it). Each secret has one version,
 * AWSCURRENT, as a secret never rotated: asking for another stage (AWSPREVIOUS) answers
 * ResourceNotFoundException, as AWS does. Any other secret is refused, as IAM would refuse a
 * secret the function was not granted.
 */
export async function startSecretsEndpoint(
  secrets: Record<string, string>,
): Promise<{ url: string; requested: SecretRequest[]; server: Server }> {
  const requested: SecretRequest[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      const { SecretId, VersionStage } = JSON.parse(body || '{}') as {
        SecretId?: string;
        VersionStage?: string;
      };
      requested.push({
        secretId: String(SecretId),
        ...(VersionStage ? { versionStage: VersionStage } : {}),
      });
      const value = SecretId ? secrets[SecretId] : undefined;
      const fail = (type: string, message: string) => {
        response.statusCode = 400;
        response.end(JSON.stringify({ __type: type, message }));
      };
      response.setHeader('content-type', 'application/x-amz-json-1.1');
      if (
        request.headers['x-amz-target'] !== 'secretsmanager.GetSecretValue' ||
        value === undefined
      )
        return fail('AccessDeniedException', `Not granted: ${SecretId}`);
      if (VersionStage && VersionStage !== 'AWSCURRENT') {
        return fail(
          'ResourceNotFoundException',
          `Secrets Manager can't find the specified secret value for staging label: ${VersionStage}`,
        );
      }
      response.end(
        JSON.stringify({
          ARN: SecretId,
          Name: SecretId?.split(':').pop(),
          SecretString: value,
          VersionId: 'v1',
          VersionStages: ['AWSCURRENT'],
          CreatedDate: 1.7e9,
        }),
      );
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requested, server };
}
