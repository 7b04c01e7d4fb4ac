/**
 * The defaults every Lambda function of the portal shares: Node.js 24 on Graviton, an ESM bundle
 * built by esbuild with source maps, X-Ray tracing and a log group with a fixed retention.
 */
import * as path from 'node:path';
import { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as nodejs from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { repoRoot } from './repo-root.ts';

/**
 * The Cybersecurity Law (网络安全法, art. 21) requires network logs to be kept for no less than six
 * months; CloudWatch's 180-day option can fall a few days short of six calendar months.
 */
export const LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

export const FUNCTION_DEFAULTS = {
  memorySize: 512,
  timeout: Duration.seconds(10),
} as const;

/** Every portal function carries these; handlers read them through functions/commons. */
export const BASE_ENVIRONMENT = {
  POWERTOOLS_SERVICE_NAME: 'portal',
  POWERTOOLS_LOG_LEVEL: 'INFO',
  NODE_OPTIONS: '--enable-source-maps',
} as const;

export interface PortalFunctionProps {
  /** Handler module relative to the repository root; it exports `handler`. */
  entry: string;
  description: string;
  environment?: Record<string, string>;
  timeout?: Duration;
  /** Only for functions whose work needs more than the default (e.g. reading a large spreadsheet). */
  memorySize?: number;
  /** An execution role shared with functions of exactly the same access; otherwise the function gets its own. */
  role?: iam.IRole;
}

export function portalFunction(scope: Construct, id: string, props: PortalFunctionProps): nodejs.NodejsFunction {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: LOG_RETENTION });
  return new nodejs.NodejsFunction(scope, id, {
    entry: path.join(repoRoot, props.entry),
    handler: 'handler',
    projectRoot: repoRoot,
    depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    description: props.description,
    memorySize: props.memorySize ?? FUNCTION_DEFAULTS.memorySize,
    timeout: props.timeout ?? FUNCTION_DEFAULTS.timeout,
    ...(props.role ? { role: props.role } : {}),
    tracing: lambda.Tracing.ACTIVE,
    logGroup,
    environment: { ...BASE_ENVIRONMENT, ...props.environment },
    bundling: {
      format: nodejs.OutputFormat.ESM,
      // Some CommonJS dependencies call require() at run time; an ESM bundle has no require of its own.
      banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      mainFields: ['module', 'main'],
      minify: true,
      sourceMap: true,
      target: 'node24',
      // Bundle the AWS SDK too, so the version the tests ran against is the one that runs in Lambda.
      externalModules: [],
    },
  });
}
