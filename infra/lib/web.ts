/**
 * The web app on one origin: the SvelteKit static build from a private S3 bucket (OAC),
 * `/api/*` passed to the HTTP API with the origin-verify header, and `/photos/*` read from the
 * photos bucket (OAC) for signed links only. Unknown app paths get index.html through a
 * CloudFront Function on the default behaviour only, so API errors reach the client as sent.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Annotations, CfnOutput, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import {
  AccessLevel,
  AllowedMethods,
  type IKeyGroup,
  CachePolicy,
  Distribution,
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionEventType,
  FunctionRuntime,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  OriginProtocolPolicy,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectOwnership,
  type IBucket,
} from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { contentSecurityPolicy, inlineScriptHashes } from './csp';
import { PHOTO_PREFIXES } from './function';
import { REPOSITORY_ROOT } from './functions';
import type { OriginVerify } from './origin-verify';

export const WEB_BUILD_DIR = join(REPOSITORY_ROOT, 'web', 'build');
export const API_PATH_PATTERN = '/api/*';
/** Object keys `photos/…` are served at `/photos/…`: the API signs links to exactly these paths. */
export const PHOTOS_PATH_PATTERN = `/${PHOTO_PREFIXES.photos}*`;

/** Paths without a file extension are app routes: serve the SPA fallback. */
const SPA_ROUTING = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

export interface WebProps {
  httpApi: IHttpApi;
  domain?: string;
  certificateArn?: string;
  retainData: boolean;
  /** Folder of the built web app; deployed when it exists. */
  buildDir?: string;
  /** The photos bucket, read through origin access control with links signed for `keyGroup`. */
  photos: { bucket: IBucket; keyGroup: IKeyGroup; uploadOrigin: string };
  originVerify: OriginVerify;
}

export class Web extends Construct {
  readonly distribution: Distribution;
  readonly bucket: Bucket;
  /** https://<custom domain> or https://<cloudfront domain>. */
  readonly url: string;
  readonly deployed: boolean;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);
    const buildDir = props.buildDir ?? WEB_BUILD_DIR;
    this.deployed = existsSync(join(buildDir, 'index.html'));

    this.bucket = new Bucket(this, 'Bucket', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // The build is reproducible from the repository: nothing to keep.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });

    const headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Échange Kaz: CSP, HSTS, no framing, nosniff, referrer policy',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(inlineScriptHashes(buildDir), {
            photoUploadOrigin: props.photos.uploadOrigin,
          }),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        contentTypeOptions: { override: true },
        referrerPolicy: {
          referrerPolicy: HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
          override: true,
        },
      },
    });

    const spaRouting = new CloudFrontFunction(this, 'SpaRouting', {
      code: FunctionCode.fromInline(SPA_ROUTING),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'App routes without a file extension get /index.html',
    });

    // https://<id>.execute-api.<region>.amazonaws.com → its host name.
    const apiDomain = Fn.select(2, Fn.split('/', props.httpApi.apiEndpoint));
    const customDomain = props.domain && props.certificateArn ? props.domain : undefined;

    this.distribution = new Distribution(this, 'Distribution', {
      // The rotation marker makes CloudFormation update the distribution, hence re-read the origin secret.
      comment:
        props.originVerify.rotation === 'initial'
          ? 'Échange Kaz'
          : `Échange Kaz (origine ${props.originVerify.rotation})`,
      defaultRootObject: 'index.html',
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_ALL,
      ...(customDomain
        ? {
            domainNames: [customDomain],
            certificate: Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn!),
          }
        : {}),
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
        functionAssociations: [
          { function: spaRouting, eventType: FunctionEventType.VIEWER_REQUEST },
        ],
      },
      additionalBehaviors: {
        [API_PATH_PATTERN]: {
          origin: new HttpOrigin(apiDomain, {
            protocolPolicy: OriginProtocolPolicy.HTTPS_ONLY,
            customHeaders: props.originVerify.originHeaders(),
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_ALL,
          cachePolicy: CachePolicy.CACHING_DISABLED,
          originRequestPolicy: props.originVerify.requestPolicy,
          responseHeadersPolicy: headers,
          compress: true,
          functionAssociations: [
            {
              function: props.originVerify.viewerAddress,
              eventType: FunctionEventType.VIEWER_REQUEST,
            },
          ],
        },
        [PHOTOS_PATH_PATTERN]: {
          // Read-only access to the bucket (its policy, in the data stack, allows photos/* only).
          origin: S3BucketOrigin.withOriginAccessControl(props.photos.bucket, {
            originAccessLevels: [AccessLevel.READ],
          }),
          viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
          cachePolicy: CachePolicy.CACHING_OPTIMIZED,
          // Only links signed by the API (short-lived, for authorised viewers) are served.
          trustedKeyGroups: [props.photos.keyGroup],
          responseHeadersPolicy: headers,
          compress: false,
        },
      },
    });
    // The photos bucket's policy (data stack) already lets this account's CloudFront read photos/*.
    Annotations.of(this).acknowledgeWarning(
      '@aws-cdk/aws-cloudfront-origins:updateImportedBucketPolicyOac',
      'The photos bucket policy is declared in the data stack.',
    );
    this.url = customDomain
      ? `https://${customDomain}`
      : `https://${this.distribution.distributionDomainName}`;

    if (this.deployed) this.deploy(buildDir);

    new CfnOutput(this, 'Url', { value: this.url });
    new CfnOutput(this, 'DistributionDomain', {
      value: this.distribution.distributionDomainName,
      description: customDomain ? `CNAME ${customDomain} to this name` : 'The app is served here',
    });
  }

  /** Hashed assets cached for a year; everything else revalidated, and the CDN invalidated. */
  private deploy(buildDir: string): void {
    const logGroup = new LogGroup(this, 'DeployLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    const immutable = new BucketDeployment(this, 'DeployAssets', {
      sources: [
        Source.asset(buildDir, {
          exclude: ['*', '!_app', '!_app/immutable', '!_app/immutable/**'],
        }),
      ],
      destinationBucket: this.bucket,
      cacheControl: [CacheControl.fromString('public, max-age=31536000, immutable')],
      // Old chunks stay for clients still running the previous version.
      prune: false,
      memoryLimit: 512,
      logGroup,
    });
    const pages = new BucketDeployment(this, 'DeployPages', {
      sources: [Source.asset(buildDir, { exclude: ['_app/immutable'] })],
      destinationBucket: this.bucket,
      cacheControl: [CacheControl.fromString('public, max-age=0, must-revalidate')],
      prune: false,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
      logGroup,
    });
    // Pages point at chunks: upload the chunks first.
    pages.node.addDependency(immutable);
  }
}
