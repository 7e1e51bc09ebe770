/**
 * Only CloudFront reaches the API. The distribution adds a secret header to every request it
 * sends to the API origin; the API refuses any request without it (functions/api/middleware/
 * origin-verify.ts), so the public execute-api address answers 403 to everyone else. The
 * viewer's address is written at the edge (a CloudFront Function, over whatever the viewer sent)
 * and forwarded by the origin request policy below; the API reads it only on verified requests.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import {
  Function as CloudFrontFunction,
  FunctionCode,
  FunctionRuntime,
  OriginRequestCookieBehavior,
  OriginRequestHeaderBehavior,
  OriginRequestPolicy,
  OriginRequestQueryStringBehavior,
} from 'aws-cdk-lib/aws-cloudfront';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { ORIGIN_VERIFY_HEADER, VIEWER_ADDRESS_HEADER } from '../../functions/api/origin-headers';

const VIEWER_ADDRESS = `function handler(event) {
  var request = event.request;
  request.headers['${VIEWER_ADDRESS_HEADER}'] = { value: event.viewer.ip };
  return request;
}`;

export interface OriginVerifyProps {
  /** Changing it makes CloudFront re-read the secret (rotation, docs/deploy.md). */
  rotation?: string;
}

export class OriginVerify extends Construct {
  readonly secret: Secret;
  readonly requestPolicy: OriginRequestPolicy;
  readonly viewerAddress: CloudFrontFunction;
  readonly rotation: string;

  constructor(scope: Construct, id: string, props: OriginVerifyProps = {}) {
    super(scope, id);
    this.rotation = props.rotation ?? 'initial';
    this.secret = new Secret(this, 'Secret', {
      description:
        'Échange Kaz: header value CloudFront sends to the API origin; the API refuses requests without it',
      generateSecretString: { passwordLength: 48, excludePunctuation: true, includeSpace: false },
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.viewerAddress = new CloudFrontFunction(this, 'ViewerAddress', {
      code: FunctionCode.fromInline(VIEWER_ADDRESS),
      runtime: FunctionRuntime.JS_2_0,
      comment: 'Writes the viewer address for the API rate limits, over any value the viewer sent',
    });
    this.requestPolicy = new OriginRequestPolicy(this, 'ApiRequests', {
      comment:
        'Échange Kaz API: every viewer header but Host (API Gateway routes on it), with the viewer address written at the edge',
      headerBehavior: OriginRequestHeaderBehavior.denyList('host'),
      cookieBehavior: OriginRequestCookieBehavior.all(),
      queryStringBehavior: OriginRequestQueryStringBehavior.all(),
    });
  }

  /** The origin's custom headers: CloudFormation resolves the secret at deploy time. */
  originHeaders(): Record<string, string> {
    return { [ORIGIN_VERIFY_HEADER]: this.secret.secretValue.unsafeUnwrap() };
  }
}
