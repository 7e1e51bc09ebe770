/**
 * Builds both stacks of a stage into an app. Environment-agnostic (no account, no lookups), so
 * `cdk synth` works offline; the account and region come from the deploying credentials.
 */
import { Tags, type App } from 'aws-cdk-lib';
import { readContext } from './context';
import { StatefulStack } from './stateful-stack';
import { StatelessStack, type StatelessStackProps } from './stateless-stack';

export type BuildOptions = Pick<
  StatelessStackProps,
  'functions' | 'repositoryRoot' | 'webBuildDir'
>;

export function buildApp(app: App, options: BuildOptions = {}) {
  const context = readContext(app.node);
  const prefix = `EchangeKaz-${context.stage}`;
  const stateful = new StatefulStack(app, `${prefix}-Data`, {
    context,
    description: `Échange Kaz (${context.stage}): table, photos, session secret, SES`,
    terminationProtection: context.retainData,
  });
  const stateless = new StatelessStack(app, `${prefix}-App`, {
    ...options,
    context,
    description: `Échange Kaz (${context.stage}): functions, HTTP API, CloudFront, alarms`,
    table: stateful.table,
    photosBucket: stateful.photosBucket,
    sessionSecret: stateful.sessionSecret,
    configurationSet: stateful.configurationSet,
  });
  for (const stack of [stateful, stateless]) {
    Tags.of(stack).add('project', 'echange-kaz');
    Tags.of(stack).add('stage', context.stage);
  }
  return { context, stateful, stateless };
}
