/**
 * Documents residents and agencies upload with presigned PUTs (proof of residence, ID photos,
 * spreadsheets). Route functions never move the bytes: they presign a PUT for the browser and a GET
 * for the officer, so a function needs exactly the S3 action the URL it signs will perform. The
 * bytes a function reads itself it reads to check them (a file's SHA-256 when it is attached and
 * before it is served) or, the import worker, to read organisations' spreadsheets. Objects
 * are write-once: the bucket refuses every PUT that does not carry `If-None-Match: *`, so a
 * presigned URL still valid after its file was attached cannot replace the file.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Route } from '#infra/routes';
import { IMPORTS_PREFIX } from '#functions/agency/items';
import { PROOFS_PREFIX } from '#functions/residence/items';

/** The keys a route's presigned URLs may name: organisations' spreadsheets for the agency routes, proof documents for the others. */
export const blobPrefixOf = (route: Pick<Route, 'contract'>) => (route.contract.path.startsWith('/api/agency/') ? IMPORTS_PREFIX : PROOFS_PREFIX);

export type BlobAccess = NonNullable<Route['blobs']>;

/**
 * The S3 actions behind each kind of presigned URL. A presigned GET also serves ranged reads and
 * HEAD requests, both of which s3:GetObject authorises.
 */
export const BLOB_ACTIONS: Readonly<Record<BlobAccess, readonly string[]>> = {
  read: ['s3:GetObject'],
  write: ['s3:PutObject'],
  readWrite: ['s3:GetObject', 's3:PutObject'],
};

export class Uploads extends Construct {
  readonly bucket: s3.Bucket;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.bucket = new s3.Bucket(this, 'Bucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      versioned: true,
      lifecycleRules: [
        // Abandoned parts and overwritten versions still hold personal data: keep them no longer than needed.
        { abortIncompleteMultipartUploadAfter: Duration.days(1) },
        { noncurrentVersionExpiration: Duration.days(90) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // S3's condition key for conditional writes: absent (Null) when a request may overwrite. Every
    // write of the product is a PUT that carries `If-None-Match: *` (signed into every presigned
    // one); multipart uploads and CopyObject, which cannot work under this policy, are not used.
    this.bucket.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'DenyOverwritingWrites',
        effect: iam.Effect.DENY,
        principals: [new iam.AnyPrincipal()],
        actions: ['s3:PutObject'],
        resources: [this.bucket.arnForObjects('*')],
        conditions: { Null: { 's3:if-none-match': 'true' } },
      }),
    );
  }

  /**
   * Lets the site's pages (`https://…`) PUT to presigned URLs. The browser sends Content-Type (the
   * signature covers it) and sets Content-Length itself, which needs no CORS permission. Reads need
   * no rule: the officer opens a presigned GET URL in a new tab, a navigation rather than a fetch.
   * Called once the site's origin is known: the distribution is built after the API that uses this bucket.
   */
  allowUploadsFrom(siteOrigin: string) {
    this.bucket.addCorsRule({
      allowedMethods: [s3.HttpMethods.PUT],
      allowedOrigins: [siteOrigin],
      allowedHeaders: ['*'],
      exposedHeaders: ['ETag'],
      maxAge: 3600,
    });
  }
}

/** Grants a function what `access` to the keys under `prefix` needs (presigning such URLs, or the import worker's reads), and nothing else. */
export function grantBlobAccess(bucket: s3.IBucket, grantee: iam.IGrantable, access: BlobAccess, prefix: string) {
  return iam.Grant.addToPrincipal({
    grantee,
    actions: [...BLOB_ACTIONS[access]],
    resourceArns: [bucket.arnForObjects(`${prefix}*`)],
  });
}
