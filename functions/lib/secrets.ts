/**
 * On AWS the session key lives in Secrets Manager: the stack gives each function the secret's
 * ARN, and the entry point resolves it once at cold start, before the configuration is read
 * (Powertools' Parameters utility: one maintained client, retries and caching).
 */
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';

export async function resolveSecrets(env: Record<string, string | undefined> = process.env): Promise<void> {
  const arn = env.SESSION_SECRET_ARN;
  if (!arn || env.SESSION_SECRET) return;
  const value = await getSecret(arn, { maxAge: 3600 });
  if (typeof value !== 'string' || value.length === 0) throw new Error('The session secret is empty');
  env.SESSION_SECRET = value;
}
