/** Real Lambda event shapes, built by factories (Prepare / Act / Assess). */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export function httpApiEvent(
  method: string,
  path: string,
  overrides: Partial<APIGatewayProxyEventV2> = {},
): APIGatewayProxyEventV2 {
  const [rawPath = path, rawQueryString = ''] = path.split('?');
  return {
    version: '2.0',
    routeKey: 'ANY /api/{proxy+}',
    rawPath,
    rawQueryString,
    headers: {
      host: 'abc123.execute-api.eu-west-3.amazonaws.com',
      'user-agent': 'vitest',
      'x-forwarded-for': '203.0.113.7',
    },
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      domainName: 'abc123.execute-api.eu-west-3.amazonaws.com',
      domainPrefix: 'abc123',
      http: {
        method,
        path: rawPath,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.7',
        userAgent: 'vitest',
      },
      requestId: 'request-1',
      routeKey: 'ANY /api/{proxy+}',
      stage: '$default',
      time: '28/Nov/2026:12:00:00 +0000',
      timeEpoch: Date.UTC(2026, 10, 28, 12),
    },
    pathParameters: { proxy: rawPath.replace(/^\/api\//, '') },
    isBase64Encoded: false,
    ...overrides,
  };
}

export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-3:123456789012:function:${functionName}`,
    memoryLimitInMB: '1024',
    awsRequestId: 'aws-request-1',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
