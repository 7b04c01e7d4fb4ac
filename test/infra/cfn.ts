/** Reading a synthesized CloudFormation template: resources, references between them, IAM grants. */
import type { Template } from 'aws-cdk-lib/assertions';

export interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
  DependsOn?: string | string[];
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}
export type Resources = Record<string, CfnResource>;

export interface PolicyStatement {
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: unknown;
  Condition?: unknown;
  Principal?: unknown;
}

/** A resource's properties as CDK rendered them; the assertions check their shape. */
export type Props = Record<string, unknown>;

/** A fixed account and region in the commercial partition: no credentials needed, stable names. */
export const fixture = {
  env: { account: '123456789012', region: 'ap-northeast-1' },
} as const;

export function resourcesOf(template: Template): Resources {
  return (template.toJSON() as { Resources: Resources }).Resources;
}

export function ofType(resources: Resources, type: string): [string, CfnResource][] {
  return Object.entries(resources).filter(([, resource]) => resource.Type === type);
}

export function onlyOfType(resources: Resources, type: string): [string, CfnResource] {
  const found = ofType(resources, type);
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0] as [string, CfnResource];
}

export const props = (resource: CfnResource): Props => resource.Properties ?? {};

/**
 * The logical id of the keyed-hash secret (the Data construct's `PiiKey`): the stack holds another
 * secret, the one CloudFront sends the API (infra/stack/web.ts).
 */
export function piiKeySecretId(resources: Resources): string {
  const found = ofType(resources, 'AWS::SecretsManager::Secret').filter(([id]) => id.startsWith('DataPiiKey'));
  if (found.length !== 1) throw new Error(`expected one keyed-hash secret, found ${found.length}`);
  return found[0]![0];
}

/** Logical ids a value refers to through Ref, Fn::GetAtt or Fn::Sub. */
export function referencedIds(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) referencedIds(item, into);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      if (key === 'Ref' && typeof inner === 'string' && !inner.startsWith('AWS::')) into.add(inner);
      else if (key === 'Fn::GetAtt' && Array.isArray(inner) && typeof inner[0] === 'string') into.add(inner[0]);
      else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? inner[0] : inner;
        if (typeof text === 'string') {
          for (const match of text.matchAll(/\$\{([A-Za-z0-9]+)(?:\.[^}]*)?\}/g)) {
            if (match[1]) into.add(match[1]);
          }
        }
        if (Array.isArray(inner)) referencedIds(inner[1], into);
      } else referencedIds(inner, into);
    }
  }
  return into;
}

export const refersTo = (value: unknown, logicalId: string) => referencedIds(value).has(logicalId);

/** The Lambda function an HTTP API route invokes, followed through its integration. */
export function functionOfRoute(resources: Resources, routeKey: string): [string, CfnResource] {
  const route = ofType(resources, 'AWS::ApiGatewayV2::Route').find(([, r]) => props(r).RouteKey === routeKey);
  if (!route) throw new Error(`no route ${routeKey}`);
  const [integrationId] = [...referencedIds(props(route[1]).Target)];
  const integration = integrationId ? resources[integrationId] : undefined;
  if (!integration) throw new Error(`route ${routeKey} has no integration`);
  const [functionId] = [...referencedIds(props(integration).IntegrationUri)];
  const fn = functionId ? resources[functionId] : undefined;
  if (!functionId || fn?.Type !== 'AWS::Lambda::Function') throw new Error(`route ${routeKey} invokes no function`);
  return [functionId, fn];
}

/** Every statement of every policy attached to the function's execution role. */
export function statementsOfFunction(resources: Resources, fn: CfnResource): PolicyStatement[] {
  const [roleId] = [...referencedIds(props(fn).Role)];
  if (!roleId) throw new Error('function has no role');
  const role = resources[roleId];
  const inline = ((role && props(role).Policies) as { PolicyDocument: { Statement: PolicyStatement[] } }[] | undefined) ?? [];
  const attached = ofType(resources, 'AWS::IAM::Policy')
    .filter(([, policy]) => refersTo(props(policy).Roles, roleId))
    .map(([, policy]) => props(policy).PolicyDocument as { Statement: PolicyStatement[] });
  return [...inline.map((p) => p.PolicyDocument), ...attached].flatMap((document) => document.Statement);
}

export const actionsOf = (statements: PolicyStatement[]) =>
  statements.filter((s) => s.Effect === 'Allow').flatMap((s) => [s.Action].flat());

export const environmentOf = (fn: CfnResource) =>
  ((props(fn).Environment as { Variables?: Record<string, unknown> } | undefined)?.Variables ?? {});
