/** The CDK app: `npx cdk synth` / `npm run deploy` (cdk.json). Parameters: docs/deploy.md. */
import { App } from 'aws-cdk-lib';
import { buildApp } from '../lib/app';

buildApp(new App());
