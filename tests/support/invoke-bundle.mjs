// Runs one Lambda bundle the way the Lambda runtime does: a fresh Node process whose
// environment is exactly what the caller gives, the bundle imported by Node's own loader, one
// handler invoked with one event. Usage: node invoke-bundle.mjs <bundle> <export> <event.json> <result.json>
import { readFileSync, writeFileSync } from 'node:fs';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

const [bundle, exportName, eventFile, resultFile] = process.argv.slice(2);
const event = JSON.parse(readFileSync(eventFile, 'utf8'));
const context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME,
  functionVersion: '$LATEST',
  invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION}:123456789012:function:${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
  memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
  awsRequestId: 'local-request',
  logGroupName: `/aws/lambda/${process.env.AWS_LAMBDA_FUNCTION_NAME}`,
  logStreamName: 'local',
  getRemainingTimeInMillis: () => 60_000,
};
try {
  const module = await import(pathToFileURL(bundle).href);
  if (typeof module[exportName] !== 'function')
    throw new Error(`The bundle exports no function "${exportName}"`);
  const result = await module[exportName](event, context);
  writeFileSync(resultFile, JSON.stringify({ ok: true, result: result ?? null }));
} catch (error) {
  writeFileSync(resultFile, JSON.stringify({ ok: false, error: String(error?.stack ?? error) }));
}
// Lambda freezes the sandbox after the response: nothing left running must hold the result back.
process.exit(0);
