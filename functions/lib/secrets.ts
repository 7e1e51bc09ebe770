/**
 * On AWS the keys live in Secrets Manager: the stack gives each function the ARNs of the secrets
 * it may read (and only those), and the entry point resolves them once at cold start, before the
 * configuration is read — through Powertools' Parameters utility (one maintained client, caching).
 */
import { ParameterNotFoundError } from '@aws-lambda-powertools/parameters/errors';
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

/** `<NAME>_ARN` in the environment → `<NAME>` with the secret's value. */
const SECRETS = ['SESSION_SECRET', 'PHOTOS_SIGNING_KEY'] as const;

async function secretValue(arn: string, stage?: 'AWSPREVIOUS'): Promise<string | undefined> {
  try {
    const value = await getSecret(arn, {
      maxAge: 3600,
      // A secret never rotated has no previous version: Parameters then says "not found".
      ...(stage ? { sdkOptions: { VersionStage: stage }, throwOnMissing: true } : {}),
    });
    return typeof value === 'string' ? value : undefined;
  } catch (error) {
    if (stage && error instanceof ParameterNotFoundError) return undefined;
    throw error;
  }
}

export async function resolveSecrets(
  env: Record<string, string | undefined> = process.env,
): Promise<void> {
  const wanted = SECRETS.filter((name) => env[`${name}_ARN`] && !env[name]);
  const originArn =
    env.ORIGIN_VERIFY_SECRET_ARN && !env.ORIGIN_VERIFY_SECRETS
      ? env.ORIGIN_VERIFY_SECRET_ARN
      : undefined;
  if (wanted.length === 0 && !originArn) return;
  // In parallel: this is on every cold start's path.
  const [values, origin] = await Promise.all([
    Promise.all(wanted.map((name) => secretValue(env[`${name}_ARN`]!))),
    // During a rotation CloudFront may still send the previous value for a few minutes.
    originArn
      ? Promise.all([secretValue(originArn), secretValue(originArn, 'AWSPREVIOUS')])
      : undefined,
  ]);
  wanted.forEach((name, index) => {
    const value = values[index];
    if (!value) throw new Error(`The secret ${name} is empty`);
    env[name] = value;
  });
  if (origin) {
    const [current, previous] = origin;
    if (!current) throw new Error('The origin-verify secret is empty');
    env.ORIGIN_VERIFY_SECRETS = [current, previous].filter(Boolean).join(',');
  }
}
