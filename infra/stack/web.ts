/**
 * The built web app (web/dist) in a private bucket behind CloudFront, with `/api/*` forwarded to
 * the HTTP API so the app and its API share one origin (no CORS, one URL to hand out). Every answer
 * carries the portal's security headers (infra/security-headers.ts), and HSTS.
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { EDGE_HEADERS } from '#shared/api/rate-limits';
import type { CognitoWebConfig } from '#shared/api/web-config';
import { CAMERA_PAGES, securityHeaders, STRICT_TRANSPORT_SECURITY, type ExternalOrigins, type SecurityHeaders } from '#infra/security-headers';

export interface WebProps {
  /** The directory `npm run build:web` writes (web/dist). */
  siteDir: string;
  /** Host name of the HTTP API's execute-api endpoint. */
  apiDomainName: string;
  /** What the web app reads from /config.json at start to choose its sign-in adapter. */
  config: CognitoWebConfig;
  /** The bucket the browser PUTs uploads to and shows photos from, by presigned URL. */
  uploadsBucket: s3.IBucket;
  /** The identity provider's endpoint the web app's sign-in calls go to (`https://cognito-idp.<region>.<suffix>`). */
  identityEndpoint: string;
}

/** CloudFront's names for the header values of the shared set: a value it has no name for fails to compile. */
const FRAME_OPTION: Record<SecurityHeaders['x-frame-options'], cloudfront.HeadersFrameOption> = { DENY: cloudfront.HeadersFrameOption.DENY };
const REFERRER_POLICY: Record<SecurityHeaders['referrer-policy'], cloudfront.HeadersReferrerPolicy> = {
  'no-referrer': cloudfront.HeadersReferrerPolicy.NO_REFERRER,
};

/** Vite's default `build.assetsDir`: file names there carry a content hash. */
const HASHED_ASSETS = 'assets/*';

/**
 * Client-side routes (no file extension) get the app shell. Done per request on the site
 * behaviour instead of with distribution-wide 403/404 error pages, which would also replace the
 * API's own 403 and 404 answers with index.html.
 */
const SPA_FALLBACK = `function handler(event) {
  var request = event.request;
  var last = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (last.indexOf('.') === -1) request.uri = '/index.html';
  return request;
}`;

/**
 * The address the viewer connected from, for the API's per-client limits (API Gateway sees
 * CloudFront's). Set on every API request, so a viewer cannot send its own; it is believed only
 * with the origin secret CloudFront adds (functions/commons/http/rate-limit.ts).
 */
const VIEWER_ADDRESS = `function handler(event) {
  var request = event.request;
  request.headers['${EDGE_HEADERS.viewerAddress}'] = { value: event.viewer.ip };
  return request;
}`;

export class Web extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`: the site, and the origin the browser sends. */
  readonly url: string;
  /**
   * What CloudFront adds to every request it sends the API (a header replacing any a viewer sent):
   * the API's own endpoint stays reachable, and this tells the requests that came through here.
   */
  readonly originSecret: secretsmanager.Secret;

  constructor(scope: Construct, id: string, props: WebProps) {
    super(scope, id);

    if (!existsSync(path.join(props.siteDir, 'index.html'))) {
      throw new Error(
        `The built web app is missing (no index.html in ${props.siteDir}). Run \`npm run build:web\` before \`cdk synth\` or \`cdk deploy\` (\`npm run synth\` does both).`,
      );
    }

    this.bucket = new s3.Bucket(this, 'SiteBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      // Rebuildable content, but emptying it on stack deletion would need another custom resource.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const spaFallback = new cloudfront.Function(this, 'SpaFallback', {
      code: cloudfront.FunctionCode.fromInline(SPA_FALLBACK),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: 'Serve index.html for client-side routes',
    });

    this.originSecret = new secretsmanager.Secret(this, 'OriginSecret', {
      description: 'Sent by CloudFront to the API: requests carrying it came through CloudFront, with the viewer address it saw',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    const viewerAddress = new cloudfront.Function(this, 'ViewerAddress', {
      code: cloudfront.FunctionCode.fromInline(VIEWER_ADDRESS),
      runtime: cloudfront.FunctionRuntime.JS_2_0,
      comment: "Tell the API the viewer's address",
    });

    // Presigned URLs name the bucket's own host (`<bucket>.s3.<region>.<suffix>`), but the
    // bucket's name cannot appear here: its CORS rule names this distribution's domain, and a
    // policy of the distribution naming the bucket would close a circle CloudFormation refuses. So
    // the policy allows the region's S3 endpoint; scripts stay limited to the site itself.
    const uploads = `https://*.s3.${props.uploadsBucket.env.region}.${Stack.of(this).urlSuffix}`;
    const external: ExternalOrigins = { images: [uploads], connect: [uploads, props.identityEndpoint] };
    const headersPolicy = (id: string, camera: boolean) => {
      const headers = securityHeaders({ camera, external });
      return new cloudfront.ResponseHeadersPolicy(this, id, {
        comment: camera ? 'Portal security headers, camera allowed (permit check)' : 'Portal security headers',
        securityHeadersBehavior: {
          contentSecurityPolicy: { contentSecurityPolicy: headers['content-security-policy'], override: true },
          contentTypeOptions: { override: true },
          frameOptions: { frameOption: FRAME_OPTION[headers['x-frame-options']], override: true },
          referrerPolicy: { referrerPolicy: REFERRER_POLICY[headers['referrer-policy']], override: true },
          strictTransportSecurity: {
            accessControlMaxAge: Duration.seconds(STRICT_TRANSPORT_SECURITY.maxAgeSeconds),
            includeSubdomains: STRICT_TRANSPORT_SECURITY.includeSubdomains,
            override: true,
          },
        },
        customHeadersBehavior: { customHeaders: [{ header: 'Permissions-Policy', value: headers['permissions-policy'], override: true }] },
      });
    };
    const pageHeaders = headersPolicy('SecurityHeaders', false);

    const siteOrigin = origins.S3BucketOrigin.withOriginAccessControl(this.bucket);
    // One origin for both page behaviours: each would otherwise get an origin and an access control of its own.
    const sitePages = (responseHeadersPolicy: cloudfront.IResponseHeadersPolicy): cloudfront.BehaviorOptions => ({
      origin: siteOrigin,
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      responseHeadersPolicy,
      functionAssociations: [{ function: spaFallback, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
      compress: true,
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Migrant service portal',
      defaultRootObject: 'index.html',
      // North America, Europe and Asia including Hong Kong: the edges nearest mainland users.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: sitePages(pageHeaders),
      additionalBehaviors: {
        // The camera is a page's permission, granted where it loads: the permit check scans QR codes.
        [CAMERA_PAGES]: sitePages(headersPolicy('CameraPageSecurityHeaders', true)),
        '/api/*': {
          origin: new origins.HttpOrigin(props.apiDomainName, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
            // A dynamic reference: CloudFormation reads the secret at deployment, the template does not hold it.
            customHeaders: { [EDGE_HEADERS.originSecret]: this.originSecret.secretValue.unsafeUnwrap() },
          }),
          functionAssociations: [{ function: viewerAddress, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
          // A redirected POST loses its body in many clients; API callers must use HTTPS.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Forwards Authorization and the query string; the Host header must stay the API's own.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: pageHeaders,
        },
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;

    // Hashed files never change, so browsers may keep them; old ones stay for pages still open.
    const assets = new s3deploy.BucketDeployment(this, 'DeployAssets', {
      sources: [s3deploy.Source.asset(props.siteDir)],
      destinationBucket: this.bucket,
      exclude: ['*'],
      include: [HASHED_ASSETS],
      prune: false,
      cacheControl: [
        s3deploy.CacheControl.setPublic(),
        s3deploy.CacheControl.maxAge(Duration.days(365)),
        s3deploy.CacheControl.immutable(),
      ],
      memoryLimit: 512,
    });

    // Everything else (index.html, config.json, public files) is revalidated on every load, so
    // a deployment reaches users at their next visit.
    const pages = new s3deploy.BucketDeployment(this, 'DeployPages', {
      sources: [s3deploy.Source.asset(props.siteDir), s3deploy.Source.jsonData('config.json', props.config)],
      destinationBucket: this.bucket,
      exclude: [HASHED_ASSETS],
      cacheControl: [s3deploy.CacheControl.noCache()],
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    // index.html must never name an asset that is not uploaded yet.
    pages.node.addDependency(assets);
  }
}
