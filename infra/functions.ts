/**
 * The Lambda functions of the portal, derived from the route table and the job list. The routes of
 * one feature folder of functions/ share one function, which dispatches on the event's route key;
 * a route declared `isolated` (a privilege that must not be shared) gets a function of its own.
 * Every function's access is the union of what its routes declare. The CDK stack deploys these,
 * the local server runs the same dispatchers, and the benchmark measures their cold start.
 */
import type { Route } from './routes.ts';
import { scheduledJobs } from './jobs.ts';

/** One function serving routes. */
export interface RouteFunction {
  /** Construct id and log name: the feature in PascalCase (`PermitReview`), or the isolated route's id. */
  id: string;
  /** The feature folder: `functions/<feature>/`. */
  feature: string;
  routes: readonly Route[];
  isolated: boolean;
}

/** The feature folder a route's handler lives in: `functions/permit-review/queue.ts` → `permit-review`. */
function featureOf(route: Pick<Route, 'handler'>): string {
  const [top, feature] = route.handler.split('/');
  if (top !== 'functions' || !feature) throw new Error(`${route.handler} is not in a feature folder of functions/`);
  return feature;
}

const pascalCase = (feature: string) => feature.replace(/(^|-)(\w)/g, (_, __, c: string) => c.toUpperCase());

/** The functions that serve `routes`: one per feature in the order features first appear, then one per isolated route. */
export function routeFunctions(routes: readonly Route[]): RouteFunction[] {
  const features = new Map<string, Route[]>();
  const isolated: RouteFunction[] = [];
  for (const route of routes) {
    const feature = featureOf(route);
    if (route.isolated) isolated.push({ id: route.id, feature, routes: [route], isolated: true });
    else features.set(feature, [...(features.get(feature) ?? []), route]);
  }
  const functions = [
    ...[...features].map(([feature, members]) => ({ id: pascalCase(feature), feature, routes: members, isolated: false })),
    ...isolated,
  ];
  const ids = functions.map((fn) => fn.id);
  const clash = ids.find((id, i) => ids.indexOf(id) !== i);
  if (clash) throw new Error(`two functions would be named ${clash}: rename the isolated route or the feature`);
  return functions;
}

/** Functions that serve no route, each alone in its function: an authorizer, a queue's worker, a trigger or a scheduled job. */
export interface OtherFunction {
  id: string;
  /** Handler module relative to the repository root; it exports `handler`. */
  entry: string;
  kind: 'authorizer' | 'worker' | 'trigger' | 'job';
}

export const keyAuthorizer: OtherFunction = { id: 'KeyAuthorizer', entry: 'functions/agency/authorizer.ts', kind: 'authorizer' };
export const importWorker: OtherFunction = { id: 'ImportWorker', entry: 'functions/agency/import-worker.ts', kind: 'worker' };
export const postConfirmation: OtherFunction = { id: 'PostConfirmation', entry: 'functions/identity/post-confirmation.ts', kind: 'trigger' };

export const otherFunctions: readonly OtherFunction[] = [
  keyAuthorizer,
  importWorker,
  postConfirmation,
  ...scheduledJobs.map((job): OtherFunction => ({ id: job.id, entry: job.handler, kind: 'job' })),
];
