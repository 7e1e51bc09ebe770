/**
 * The edge of the deployed platform, on the synthesized templates and assets: photos served
 * through CloudFront with signed links and uploaded to the bucket under its CORS rule, sharp's
 * native binaries in the photo function's asset, only CloudFront reaching the API, and each
 * function reaching only what it uses.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  cpSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, parse } from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../functions/api/origin-headers';
import { EchangeKazFunction, PHOTO_ITEM_ATTRIBUTES } from '../lib/function';
import { REPOSITORY_ROOT } from '../lib/functions';
import { nativeModulesBundling } from '../lib/native-modules';
import { PhotoSigningKey } from '../lib/photo-signing-key';
import { photoUploadCorsOrigins } from '../lib/stateful-stack';
import { API_PATH_PATTERN, PHOTOS_PATH_PATTERN } from '../lib/web';
import { flattenJoin, synthesize, type Synthesized } from './synth';

let synth: Synthesized;

beforeAll(() => {
  synth = synthesize();
}, 240_000);

type Resource = { Type: string; Properties: Record<string, unknown> };
type Statement = {
  Effect: string;
  Action: string | string[];
  Resource: unknown;
  Condition?: Record<string, unknown>;
};

const asArray = <T>(value: T | T[]): T[] => (Array.isArray(value) ? value : [value]);
const resources = (template: Template, type: string) =>
  Object.entries(template.findResources(type)) as Array<[string, Resource]>;
const distribution = () =>
  resources(synth.stateless, 'AWS::CloudFront::Distribution')[0]![1].Properties
    .DistributionConfig as {
    CacheBehaviors: Array<Record<string, unknown>>;
    Origins: Array<Record<string, unknown>>;
  };
const behaviour = (pattern: string) =>
  distribution().CacheBehaviors.find((candidate) => candidate.PathPattern === pattern)!;
const originOf = (pattern: string) =>
  distribution().Origins.find((origin) => origin.Id === behaviour(pattern).TargetOriginId)!;

/** Logical id of the function whose id starts with `name` (entry functions only). */
function functionId(name: string): string {
  const match = resources(synth.stateless, 'AWS::Lambda::Function').find(
    ([id, fn]) =>
      id.startsWith(name) && String(fn.Properties.Description ?? '').startsWith('Échange Kaz'),
  );
  if (!match) throw new Error(`No function ${name}`);
  return match[0];
}

/** The statements of the policies attached to a function's role. */
function statementsOf(name: string): Statement[] {
  const fn = synth.stateless.findResources('AWS::Lambda::Function')[functionId(name)] as Resource;
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return resources(synth.stateless, 'AWS::IAM::Policy')
    .filter(([, policy]) => JSON.stringify(policy.Properties.Roles).includes(`"${roleId}"`))
    .flatMap(
      ([, policy]) => (policy.Properties.PolicyDocument as { Statement: Statement[] }).Statement,
    );
}

/** Entry functions whose role may read the secret whose reference text contains `marker`. */
function readersOfSecret(marker: RegExp): string[] {
  const names = resources(synth.stateless, 'AWS::Lambda::Function')
    .filter(([, fn]) => String(fn.Properties.Description ?? '').startsWith('Échange Kaz'))
    .map(([id]) => id.replace(/[0-9A-F]{8}$/, ''));
  return names.filter((name) =>
    statementsOf(name).some(
      (statement) =>
        asArray(statement.Action).includes('secretsmanager:GetSecretValue') &&
        marker.test(JSON.stringify(statement.Resource)),
    ),
  );
}

/** ELF e_machine: 0xB7 is AArch64, 0x3E is x86-64. */
function elfMachine(file: string): number {
  const header = Buffer.alloc(20);
  const fd = openSync(file, 'r');
  readSync(fd, header, 0, 20, 0);
  closeSync(fd);
  return header.readUInt16LE(18);
}

describe('photos deployed', () => {
  it('puts sharp’s linux-arm64 binaries beside the photo function’s bundle', () => {
    const asset = dirname(synth.bundle('Photos'));
    const lib = join(asset, 'node_modules/@img/sharp-linux-arm64/lib');
    const binaries = existsSync(lib)
      ? readdirSync(lib).filter((file) => file.endsWith('.node'))
      : [];
    const binary = join(lib, binaries[0] ?? 'missing.node');

    expect(binaries).toEqual([expect.stringMatching(/^sharp-linux-arm64.*\.node$/)]);
    expect(elfMachine(binary)).toBe(0xb7);
    expect(existsSync(join(asset, 'node_modules/@img/sharp-libvips-linux-arm64'))).toBe(true);
    expect(existsSync(join(asset, 'node_modules/@img/sharp-linux-x64'))).toBe(false);
    // Only the photo function carries sharp; the API carries only pdf-lib, which it loads lazily; the others stay single files.
    expect(existsSync(join(dirname(synth.bundle('Api')), 'node_modules/sharp'))).toBe(false);
    expect(existsSync(join(dirname(synth.bundle('Api')), 'node_modules/pdf-lib'))).toBe(true);
    expect(existsSync(join(dirname(synth.bundle('Followers')), 'node_modules'))).toBe(false);
  });

  it('allows uploads from the app to the bucket only, and reads nothing from it in the browser', () => {
    const headers = resources(synth.stateless, 'AWS::CloudFront::ResponseHeadersPolicy')[0]![1]
      .Properties.ResponseHeadersPolicyConfig as {
      SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: unknown } };
    };
    const csp = flattenJoin(
      headers.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy,
    );

    expect(csp).toContain("connect-src 'self' https://<token>.s3.<token>.amazonaws.com;");
    expect(csp).toContain("img-src 'self' data: blob:;");
    synth.stateful.hasResourceProperties('AWS::S3::Bucket', {
      CorsConfiguration: {
        CorsRules: [
          {
            AllowedMethods: ['PUT'],
            AllowedOrigins: ['https://*.cloudfront.net'],
            AllowedHeaders: ['content-type'],
            MaxAge: 3000,
          },
        ],
      },
    });
    expect(photoUploadCorsOrigins('echange-kaz.cinor.re')).toEqual([
      'https://echange-kaz.cinor.re',
    ]);
  });

  it('serves /photos/* from the photos bucket through origin access control, for signed links only', () => {
    const photos = behaviour(PHOTOS_PATH_PATTERN);
    const origin = originOf(PHOTOS_PATH_PATTERN);
    const keyGroups = resources(synth.stateless, 'AWS::CloudFront::KeyGroup');

    expect(PHOTOS_PATH_PATTERN).toBe('/photos/*');
    expect(photos).toMatchObject({
      AllowedMethods: ['GET', 'HEAD'],
      ViewerProtocolPolicy: 'https-only',
      TrustedKeyGroups: [{ Ref: keyGroups[0]![0] }],
    });
    expect(JSON.stringify(origin.DomainName)).toMatch(/PhotosBucket|Photos/);
    expect(origin.OriginAccessControlId).toBeDefined();
    synth.stateful.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'cloudfront.amazonaws.com' },
            Action: 's3:GetObject',
            Resource: { 'Fn::Join': ['', [Match.anyValue(), '/photos/*']] },
          }),
        ]),
      },
    });
    const api = synth.stateless.findResources('AWS::Lambda::Function')[
      functionId('Api')
    ] as Resource;
    expect(
      (api.Properties.Environment as { Variables: Record<string, unknown> }).Variables,
    ).toMatchObject({
      PHOTOS_KEY_PAIR_ID: { Ref: expect.stringMatching(/^PhotoSigningKeyPublicKey/) },
      PHOTOS_SIGNING_KEY_ARN: { Ref: expect.stringMatching(/^PhotoSigningKeyPrivateKey/) },
    });
  });
});

describe('photo key rotation', () => {
  it('creates a new public key, the key group trusting it, and writes the new private key', () => {
    const stack = new Stack(new App(), 'Rotation');
    new PhotoSigningKey(stack, 'Key', { rotation: '2027-01', retainLogs: false });
    const template = Template.fromStack(stack);

    const [keyId] = Object.keys(template.findResources('AWS::CloudFront::PublicKey'));
    expect(keyId).toMatch(/^KeyPublicKey202701/);
    template.hasResourceProperties('AWS::CloudFront::KeyGroup', {
      KeyGroupConfig: Match.objectLike({ Items: [{ Ref: keyId }] }),
    });
    template.hasResourceProperties('AWS::CloudFormation::CustomResource', { Rotation: '2027-01' });
  });
});

describe('the photo function’s bundle built for x64', () => {
  it('re-encodes a JPEG carrying GPS EXIF into a WebP without it, from a folder with no node_modules around', async () => {
    const app = new App({ outdir: mkdtempSync(join(tmpdir(), 'echange-kaz-x64-')) });
    const stack = new Stack(app, 'PhotosX64');
    new EchangeKazFunction(stack, 'Photos', {
      entry: join(REPOSITORY_ROOT, 'functions/photos/index.ts'),
      handler: 'handler',
      kind: 's3',
      stage: 'test',
      projectRoot: REPOSITORY_ROOT,
      depsLockFilePath: join(REPOSITORY_ROOT, 'package-lock.json'),
      bundling: nativeModulesBundling(['sharp'], 'x64'),
    });
    const assembly = app.synth();
    const fn = Object.values(
      Template.fromStack(stack).findResources('AWS::Lambda::Function'),
    )[0] as Resource;
    const key = (fn.Properties.Code as { S3Key: string }).S3Key.replace(/\.zip$/, '');
    const folder = mkdtempSync(join(tmpdir(), 'echange-kaz-photos-bundle-'));
    cpSync(join(assembly.directory, `asset.${key}`), folder, { recursive: true });
    for (let dir = dirname(folder); dir !== parse(dir).root; dir = dirname(dir))
      expect(existsSync(join(dir, 'node_modules')), dir).toBe(false);
    const photo = await sharp({
      create: { width: 1200, height: 900, channels: 3, background: { r: 200, g: 120, b: 40 } },
    })
      .withExif({
        IFD3: {
          GPSLatitudeRef: 'S',
          GPSLatitude: '20/1 52/1 3000/100',
          GPSLongitudeRef: 'E',
          GPSLongitude: '55/1 27/1 0/1',
        },
      })
      .jpeg()
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    writeFileSync(join(folder, 'input.jpg'), photo);
    const script = `import('./index.mjs').then(async ({ encodePhoto }) => {
      const { writeFileSync, readFileSync } = await import('node:fs');
      const encoded = await encodePhoto(readFileSync('input.jpg'));
      writeFileSync('output.webp', encoded.photo);
    });`;

    execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: folder,
      env: { PATH: process.env.PATH ?? '' },
      stdio: 'pipe',
    });

    const output = await sharp(readFileSync(join(folder, 'output.webp'))).metadata();
    expect(output.format).toBe('webp');
    expect(output.exif).toBeUndefined();
    expect([output.width, output.height]).toEqual([1200, 900]);
  }, 180_000);
});

describe('only CloudFront reaches the API', () => {
  it('sends the origin secret from Secrets Manager and the viewer address written at the edge', () => {
    const origin = originOf(API_PATH_PATTERN);
    const headers = origin.OriginCustomHeaders as Array<{
      HeaderName: string;
      HeaderValue: unknown;
    }>;
    const api = behaviour(API_PATH_PATTERN);
    const [, viewerFunction] = resources(synth.stateless, 'AWS::CloudFront::Function').find(
      ([id]) => id.startsWith('OriginVerifyViewerAddress'),
    )!;

    expect(headers.map((header) => header.HeaderName)).toEqual([ORIGIN_VERIFY_HEADER]);
    expect(JSON.stringify(headers[0]!.HeaderValue)).toMatch(
      /\{\{resolve:secretsmanager:.*OriginVerifySecret.*:SecretString:::\}\}/,
    );
    expect(api.FunctionAssociations).toEqual([
      { EventType: 'viewer-request', FunctionARN: expect.anything() },
    ]);
    expect(String(viewerFunction.Properties.FunctionCode)).toContain(
      `request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip }`,
    );
    synth.stateless.hasResourceProperties('AWS::CloudFront::OriginRequestPolicy', {
      OriginRequestPolicyConfig: Match.objectLike({
        HeadersConfig: { HeaderBehavior: 'allExcept', Headers: ['host'] },
        CookiesConfig: { CookieBehavior: 'all' },
        QueryStringsConfig: { QueryStringBehavior: 'all' },
      }),
    });
    synth.stateless.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ PasswordLength: 48, ExcludePunctuation: true }),
    });
  });
});

describe('least privilege per function', () => {
  it('lets only the functions that sign or verify sessions read the session key', () => {
    expect(readersOfSecret(/SessionSecret/).sort()).toEqual(['Api', 'ListingExpiry']);
  });

  it('lets only the API read the photo signing key and the origin secret', () => {
    expect(readersOfSecret(/PhotoSigningKeyPrivateKey/)).toEqual(['Api']);
    expect(readersOfSecret(/OriginVerifySecret/)).toEqual(['Api']);
  });

  it('keeps the photo job to photo items (listing partitions, photo attributes) and photo objects', () => {
    const statements = statementsOf('Photos');
    const dynamo = statements.filter((statement) =>
      asArray(statement.Action).some((action) => action.startsWith('dynamodb:')),
    );
    const s3 = statements.filter((statement) =>
      asArray(statement.Action).some((action) => action.startsWith('s3:')),
    );

    expect(dynamo).toHaveLength(1);
    expect(asArray(dynamo[0]!.Action).sort()).toEqual(['dynamodb:Query', 'dynamodb:UpdateItem']);
    expect(JSON.stringify(dynamo[0]!.Resource)).not.toContain('/index/');
    expect(dynamo[0]!.Condition).toEqual({
      'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['LISTING#*'] },
      'ForAllValues:StringEquals': { 'dynamodb:Attributes': [...PHOTO_ITEM_ATTRIBUTES] },
      StringEqualsIfExists: {
        'dynamodb:Select': 'SPECIFIC_ATTRIBUTES',
        'dynamodb:ReturnValues': ['NONE', 'UPDATED_OLD', 'UPDATED_NEW'],
      },
    });
    const objectGrants = s3.filter((statement) => JSON.stringify(statement.Resource).includes('/'));
    expect(
      objectGrants.map((statement) => [
        asArray(statement.Action).sort(),
        flattenJoin(statement.Resource),
      ]),
    ).toEqual([
      [['s3:DeleteObject', 's3:GetObject'], '<token>/uploads/*'],
      [['s3:DeleteObject', 's3:PutObject'], '<token>/photos/*'],
    ]);
    expect(
      statements.some((statement) => JSON.stringify(statement).includes('secretsmanager')),
    ).toBe(false);
  });

  it('gives the photos bucket to the API and the photo job; the purges may only delete processed photos', () => {
    const s3Statements = (name: string) =>
      statementsOf(name).filter((statement) =>
        asArray(statement.Action).some((action) => action.startsWith('s3:')),
      );
    const touching = resources(synth.stateless, 'AWS::Lambda::Function')
      .filter(([, fn]) => String(fn.Properties.Description ?? '').startsWith('Échange Kaz'))
      .map(([id]) => id.replace(/[0-9A-F]{8}$/, ''))
      .filter((name) => s3Statements(name).length > 0);

    expect(touching.sort()).toEqual(['Api', 'Followers', 'InactiveAccounts', 'Photos']);
    for (const purge of ['Followers', 'InactiveAccounts']) {
      const statements = s3Statements(purge);
      expect(statements.flatMap((statement) => asArray(statement.Action))).toEqual([
        's3:DeleteObject',
      ]);
      expect(JSON.stringify(statements.map((statement) => statement.Resource))).toContain(
        '/photos/*',
      );
    }
  });
});
