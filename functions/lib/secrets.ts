/**
 * On AWS the session key lives in Secrets Manager: the stack gives each function the secret's
 * ARN, and the entry point resolves it once at cold start, before the configuration is read.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

export async function resolveSecrets(env: Record<string, string | undefined> = process.env): Promise<void> {
  const arn = env.SESSION_SECRET_ARN;
  if (!arn || env.SESSION_SECRET) return;
  const client = new SecretsManagerClient({});
  const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: arn }));
  if (!SecretString) throw new Error('The session secret is empty');
  env.SESSION_SECRET = SecretString;
  client.destroy();
}
