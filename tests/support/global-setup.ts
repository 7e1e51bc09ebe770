/**
 * Starts one local stack (in-memory DynamoDB Local, local SES, stream runner, API + built web
 * app) for every integration and end-to-end test file, and stops it afterwards.
 */
import type { TestProject } from 'vitest/node';
import { startLocalStack, type LocalStack } from '../../scripts/local/stack';

export interface StackInfo {
  appUrl: string;
  sesUrl: string;
  dynamodbEndpoint: string;
  tableName: string;
  region: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    stack: StackInfo;
  }
}

let stack: LocalStack | undefined;

export async function setup(project: TestProject): Promise<void> {
  stack = await startLocalStack({ logLevel: 'error', loginLimitPerIpPerHour: 100_000 });
  project.provide('stack', {
    appUrl: stack.appUrl,
    sesUrl: stack.sesUrl,
    dynamodbEndpoint: stack.dynamodbEndpoint,
    tableName: stack.config.tableName,
    region: stack.config.region,
  });
}

export async function teardown(): Promise<void> {
  await stack?.stop();
}
