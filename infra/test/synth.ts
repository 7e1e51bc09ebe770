/**
 * Test support: synthesizes the app into a temporary folder, the way `cdk synth` does (same
 * cdk.json context), and finds each function's bundle in the cloud assembly.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildApp, type BuildOptions } from '../lib/app';
import { REPOSITORY_ROOT } from '../lib/functions';

export interface Synthesized {
  outdir: string;
  stateful: Template;
  stateless: Template;
  statefulStackName: string;
  statelessStackName: string;
  /** Absolute path of the `index.mjs` bundle of the function whose logical id starts with `name`. */
  bundle(name: string): string;
}

const cdkJsonContext = (): Record<string, unknown> =>
  (
    JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'cdk.json'), 'utf8')) as {
      context: Record<string, unknown>;
    }
  ).context;

export function synthesize(
  context: Record<string, string> = {},
  options: BuildOptions = {},
): Synthesized {
  const outdir = mkdtempSync(join(tmpdir(), 'echange-kaz-cdk-'));
  const app = new App({ outdir, context: { ...cdkJsonContext(), ...context } });
  const { stateful, stateless } = buildApp(app, options);
  app.synth();
  const statelessTemplate = Template.fromStack(stateless);
  return {
    outdir,
    stateful: Template.fromStack(stateful),
    stateless: statelessTemplate,
    statefulStackName: stateful.stackName,
    statelessStackName: stateless.stackName,
    bundle(name) {
      const functions = statelessTemplate.findResources('AWS::Lambda::Function');
      const match = Object.entries(functions).find(([logicalId, resource]) => {
        const props = resource.Properties as { Handler?: string };
        return logicalId.startsWith(name) && props.Handler?.startsWith('index.');
      });
      if (!match) throw new Error(`No function ${name} in the template`);
      const key = (match[1].Properties as { Code: { S3Key: string } }).Code.S3Key;
      return join(outdir, `asset.${key.replace(/\.zip$/, '')}`, 'index.mjs');
    },
  };
}

/** A string, or an Fn::Join of strings and tokens (each token shown as `<token>`). */
export function flattenJoin(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] } | undefined)?.['Fn::Join'];
  if (!join) return '<token>';
  return join[1].map((part) => (typeof part === 'string' ? part : '<token>')).join(join[0]);
}
