/**
 * The defaults every Lambda function of the portal shares: Node.js 24 on Graviton, the bundle of
 * infra/stack/bundling.ts (one ESM file, its source map beside it but not loaded at run time), X-Ray
 * tracing and a log group with a fixed retention.
 */
import { Duration } from 'aws-cdk-lib';
import type * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { BUNDLE_FILE, functionCode, type FunctionSource } from './bundling.ts';

/**
 * The Cybersecurity Law (网络安全法, art. 21) requires network logs to be kept for no less than six
 * months; CloudWatch's 180-day option can fall a few days short of six calendar months.
 */
export const LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

export const FUNCTION_DEFAULTS = {
  memorySize: 512,
  timeout: Duration.seconds(10),
} as const;

/**
 * Every portal function carries these; handlers read them through functions/commons. No
 * `--enable-source-maps`: it doubles the start-up memory of a large bundle, and a stack trace is
 * mapped afterwards instead (README: "Mapping a stack trace").
 */
export const BASE_ENVIRONMENT = {
  POWERTOOLS_SERVICE_NAME: 'portal',
  POWERTOOLS_LOG_LEVEL: 'INFO',
} as const;

export interface PortalFunctionProps {
  /** What the function runs: a handler module (relative to the repository root, exporting `handler`), or the routes it dispatches. */
  entry: FunctionSource['entry'];
  description: string;
  environment?: Record<string, string>;
  timeout?: Duration;
  /** Only for functions whose work needs more than the default (e.g. reading a large spreadsheet). */
  memorySize?: number;
  /** The function's execution role, when the caller grants it; otherwise the function gets its own. */
  role?: iam.IRole;
}

export function portalFunction(scope: Construct, id: string, props: PortalFunctionProps): lambda.Function {
  const logGroup = new logs.LogGroup(scope, `${id}Logs`, { retention: LOG_RETENTION });
  return new lambda.Function(scope, id, {
    code: functionCode({ name: id, entry: props.entry }),
    handler: `${BUNDLE_FILE.replace(/\.mjs$/, '')}.handler`,
    runtime: lambda.Runtime.NODEJS_24_X,
    architecture: lambda.Architecture.ARM_64,
    description: props.description,
    memorySize: props.memorySize ?? FUNCTION_DEFAULTS.memorySize,
    timeout: props.timeout ?? FUNCTION_DEFAULTS.timeout,
    ...(props.role ? { role: props.role } : {}),
    tracing: lambda.Tracing.ACTIVE,
    logGroup,
    environment: { ...BASE_ENVIRONMENT, ...props.environment },
  });
}
