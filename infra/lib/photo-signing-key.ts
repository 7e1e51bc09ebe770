/**
 * The key pair photo links are signed with. A small custom resource generates an RSA key at
 * deploy time, writes the private half into a Secrets Manager secret (read by the API only) and
 * hands the public half to CloudFront (public key + trusted key group of `/photos/*`). The
 * private key never appears in a template, a log or an output. Rotation: deploy with a new
 * `photoKeyRotation` context value (docs/deploy.md).
 */
import { CustomResource, Duration, RemovalPolicy } from 'aws-cdk-lib';
import { KeyGroup, PublicKey } from 'aws-cdk-lib/aws-cloudfront';
import { Architecture, Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Provider } from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';

/** CommonJS, inline: the runtime's own SDK is enough for one PutSecretValue. */
const GENERATOR = `
const { generateKeyPairSync } = require('node:crypto');
const { SecretsManagerClient, PutSecretValueCommand } = require('@aws-sdk/client-secrets-manager');
exports.handler = async (event) => {
  const secretArn = event.ResourceProperties.SecretArn;
  if (event.RequestType === 'Delete') return { PhysicalResourceId: event.PhysicalResourceId };
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const client = new SecretsManagerClient({});
  await client.send(new PutSecretValueCommand({ SecretId: secretArn, SecretString: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() }));
  const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
  return { PhysicalResourceId: secretArn + ':' + (event.ResourceProperties.Rotation || 'initial'), Data: { PublicKey: publicPem } };
};
`;

export interface PhotoSigningKeyProps {
  /** Changing it generates a new key pair. */
  rotation?: string;
  retainLogs: boolean;
}

export class PhotoSigningKey extends Construct {
  readonly privateKey: Secret;
  readonly publicKey: PublicKey;
  readonly keyGroup: KeyGroup;

  constructor(scope: Construct, id: string, props: PhotoSigningKeyProps) {
    super(scope, id);
    this.privateKey = new Secret(this, 'PrivateKey', {
      description:
        'Échange Kaz: private key of the photo links (CloudFront signed URLs), written at deploy time',
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const logs = (name: string) =>
      new LogGroup(this, name, {
        retention: RetentionDays.ONE_MONTH,
        removalPolicy: props.retainLogs ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
    const generator = new LambdaFunction(this, 'Generator', {
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      handler: 'index.handler',
      code: Code.fromInline(GENERATOR),
      timeout: Duration.seconds(30),
      // Not an app function (their descriptions start with the product name): a deploy-time helper.
      description: 'Photo links key pair generator (Échange Kaz)',
      logGroup: logs('GeneratorLogs'),
    });
    this.privateKey.grantWrite(generator);
    const provider = new Provider(this, 'Provider', {
      onEventHandler: generator,
      logGroup: logs('ProviderLogs'),
    });
    const keyPair = new CustomResource(this, 'KeyPair', {
      serviceToken: provider.serviceToken,
      properties: { SecretArn: this.privateKey.secretArn, Rotation: props.rotation ?? 'initial' },
    });
    // CloudFront cannot change a public key's value: a rotation creates a new one (new id), the
    // key group then trusts it, and the old one is deleted.
    const rotation = (props.rotation ?? '').replace(/[^A-Za-z0-9]/g, '');
    this.publicKey = new PublicKey(this, `PublicKey${rotation}`, {
      encodedKey: keyPair.getAttString('PublicKey'),
      comment: 'Échange Kaz: photo links',
    });
    this.keyGroup = new KeyGroup(this, 'KeyGroup', {
      items: [this.publicKey],
      comment: 'Échange Kaz: who may sign photo links',
    });
  }
}
