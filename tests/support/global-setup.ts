/**
 * Starts one local stack (in-memory DynamoDB Local, local SES, stream runner, API + built web
 * app) for every integration and end-to-end test file, and stops it afterwards.
 */
import type { TestProject } from 'vitest/node';
import { localStaffAccounts } from '../../scripts/local/seed';
import { seedReferenceData } from '../../shared/reference/index';
import { startLocalStack, type LocalStack } from '../../scripts/local/stack';

async function openStaffSessions(
  appUrl: string,
  sesUrl: string,
): Promise<StackInfo['staffSessions']> {
  const sessions: StackInfo['staffSessions'] = {};
  const accounts = localStaffAccounts(seedReferenceData.lessors.map((lessor) => lessor.id));
  await Promise.all(
    accounts.map(async ({ email }) => {
      await fetch(`${appUrl}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email }),
      });
      for (let attempt = 0; attempt < 200; attempt += 1) {
        const { emails } = (await (await fetch(`${sesUrl}/store`)).json()) as {
          emails: Array<{ destination: { to: string[] }; body: { text?: string } }>;
        };
        const mail = emails.find((m) => m.destination.to.includes(email));
        const token = mail?.body.text && /token=([A-Za-z0-9_-]+)/.exec(mail.body.text)?.[1];
        if (token) {
          const verified = await fetch(`${appUrl}/api/auth/verify`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ token }),
          });
          const session = (await verified.json()) as {
            sessionToken: string;
            user: StackInfo['staffSessions'][string]['user'];
          };
          sessions[email] = { token: session.sessionToken, user: session.user };
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`No sign-in link for ${email}`);
    }),
  );
  return sessions;
}

export interface StackInfo {
  appUrl: string;
  sesUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  region: string;
  s3Endpoint: string;
  photosBucket: string;
  /** Lets expiry tests sign renewal links as the stack's expiry job does. */
  sessionSecret: string;
  /**
   * Sessions of the seeded staff accounts, opened once through the real e-mail link: test files
   * share them rather than each asking for links (5 per address per 15 minutes).
   */
  staffSessions: Record<
    string,
    { token: string; user: { id: string; email: string; role: string; lessorId?: string } }
  >;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

let stack: LocalStack | undefined;

export async function setup(project: TestProject): Promise<void> {
  stack = await startLocalStack({
    logLevel: 'error',
    loginLimitPerIpPerHour: 100_000,
    ttlSweepMs: 3_000,
  });
  project.provide('stack', {
    appUrl: stack.appUrl,
    sesUrl: stack.sesUrl,
    dynamodbEndpoint: stack.dynamodbEndpoint,
    tableName: stack.config.tableName,
    region: stack.config.region,
    s3Endpoint: stack.s3Endpoint,
    photosBucket: stack.photosBucket,
    sessionSecret: stack.config.sessionSecret,
    staffSessions: await openStaffSessions(stack.appUrl, stack.sesUrl),
  });
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}
