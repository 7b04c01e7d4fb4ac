/**
 * The built web app (web/dist) in a private bucket behind CloudFront, with `/api/*` forwarded to
 * the HTTP API so the app and its API share one origin (no CORS, one URL to hand out).
 */
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import type { CognitoWebConfig } from '#shared/api/web-config';


export interface WebProps {
  /** The directory `npm run build:web` writes (web/dist). */
  siteDir: string;
  /** Host name of the HTTP API's execute-api endpoint. */
  apiDomainName: string;
  /** What the web app reads from /config.json at start to choose its sign-in adapter. */
  config: CognitoWebConfig;
}

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

export class Web extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`: the site, and the origin the browser sends. */
  readonly url: string;

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

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Migrant service portal',
      defaultRootObject: 'index.html',
      // North America, Europe and Asia including Hong Kong: the edges nearest mainland users.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_200,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
        functionAssociations: [{ function: spaFallback, eventType: cloudfront.FunctionEventType.VIEWER_REQUEST }],
        compress: true,
      },
      additionalBehaviors: {
        '/api/*': {
          origin: new origins.HttpOrigin(props.apiDomainName, {
            protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
            originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
          }),
          // A redirected POST loses its body in many clients; API callers must use HTTPS.
          viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY,
          allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
          cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
          // Forwards Authorization and the query string; the Host header must stay the API's own.
          originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
          responseHeadersPolicy: cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS,
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
