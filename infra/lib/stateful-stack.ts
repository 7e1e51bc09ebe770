/**
 * What holds data and outlives deployments (clean-serverless-code): the table, the photos
 * bucket, the session secret, SES's identity and configuration set. Outside `dev` all of it
 * is retained when the stack is deleted.
 */
import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { Effect, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  HttpMethods,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import {
  ConfigurationSet,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import type { DeployContext } from './context';

/**
 * The origins the browser uploads photos from (the bucket's CORS rule). With a custom domain,
 * exactly the app's origin. Without one the CloudFront name is only known to the app stack,
 * which depends on this one: any CloudFront name then (a dev set-up; CORS only lets a page read
 * the answer, the presigned signature is what authorises the upload).
 */
export function photoUploadCorsOrigins(domain?: string): string[] {
  return domain ? [`https://${domain}`] : ['https://*.cloudfront.net'];
}
import { PHOTO_PREFIXES } from './function';
import { createTable } from './table';

export interface StatefulStackProps extends StackProps {
  context: DeployContext;
}

export class StatefulStack extends Stack {
  readonly table: Table;
  readonly photosBucket: Bucket;
  readonly sessionSecret: Secret;
  readonly configurationSet: ConfigurationSet;
  /** SES bounces and complaints (for a future suppression handler; SES's account list already suppresses). */
  readonly mailFeedbackTopic: Topic;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { retainData, domain } = props.context;
    const removalPolicy = retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    this.table = createTable(this, { retainData });

    this.photosBucket = new Bucket(this, 'Photos', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      removalPolicy,
      autoDeleteObjects: !retainData,
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // Originals are re-encoded into photos/ then deleted; whatever is left is abandoned.
        { id: 'expire-originals', prefix: PHOTO_PREFIXES.uploads, expiration: Duration.days(1) },
      ],
      // Presigned PUTs from the web app; photos are read through CloudFront, not from here.
      cors: [
        {
          allowedMethods: [HttpMethods.PUT],
          allowedOrigins: photoUploadCorsOrigins(domain),
          allowedHeaders: ['content-type'],
          maxAge: 3000,
        },
      ],
    });
    // CloudFront (origin access control, /photos/*) reads processed photos, nothing else. The
    // distribution lives in the app stack, which depends on this one: its id cannot be named here.
    this.photosBucket.addToResourcePolicy(
      new PolicyStatement({
        sid: 'CloudFrontReadsProcessedPhotos',
        effect: Effect.ALLOW,
        principals: [new ServicePrincipal('cloudfront.amazonaws.com')],
        actions: ['s3:GetObject'],
        resources: [this.photosBucket.arnForObjects(`${PHOTO_PREFIXES.photos}*`)],
        conditions: {
          StringEquals: { 'AWS:SourceAccount': this.account },
          StringLike: {
            'AWS:SourceArn': `arn:${this.partition}:cloudfront::${this.account}:distribution/*`,
          },
        },
      }),
    );

    // Generated here, read by the functions at cold start: nobody ever sees or types it.
    this.sessionSecret = new Secret(this, 'SessionSecret', {
      description: `Échange Kaz (${props.context.stage}): HMAC key of session tokens`,
      generateSecretString: { passwordLength: 64, excludePunctuation: true, includeSpace: false },
      removalPolicy,
    });

    this.mailFeedbackTopic = new Topic(this, 'MailFeedback', { enforceSSL: true });
    this.configurationSet = new ConfigurationSet(this, 'Mail', {
      reputationMetrics: true,
      sendingEnabled: true,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    this.configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.snsTopic(this.mailFeedbackTopic),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT],
    });

    if (domain) {
      const identity = new EmailIdentity(this, 'MailDomain', {
        identity: Identity.domain(domain),
        configurationSet: this.configurationSet,
      });
      // Easy DKIM: publish these three CNAMEs in the domain's DNS (docs/deploy.md).
      identity.dkimRecords.forEach((record, index) => {
        new CfnOutput(this, `DkimRecord${index + 1}`, {
          value: `${record.name} CNAME ${record.value}`,
        });
      });
    }

    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'SessionSecretArn', { value: this.sessionSecret.secretArn });
  }
}
