/**
 * Room to grow: CloudFormation refuses a stack of more than 500 resources. A route adds one
 * resource (its API route) to its feature's function, so the stack with 150 more routes, spread
 * over the existing features with their kinds of access, stays well within the limit. Bundling
 * is skipped (the extra routes reuse existing handlers; the template is the same).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cloudRoutes, type Route } from '#infra/routes';
import { routesByFunction } from './grants.ts';
import { synthesizePortal, type Synthesized } from './jobs.ts';

const EXTRA_ROUTES = 150;

/** Copies of the non-isolated cloud routes in turn (same handler folder, access and contract), each under a path of its own. */
function extraRoutes(count: number): Route[] {
  const models = cloudRoutes.filter((route) => !route.isolated);
  return Array.from({ length: count }, (_, n) => {
    const model = models[n % models.length]!;
    return { ...model, id: `Extra${n}`, contract: { ...model.contract, path: `/api/extra/${n}${model.contract.path.replace(/^\/api/, '')}` } };
  });
}

let real: Synthesized;
let grown: Synthesized;
const grownRoutes = [...cloudRoutes, ...extraRoutes(EXTRA_ROUTES)];

beforeAll(() => {
  real = synthesizePortal('HeadroomReal');
  grown = synthesizePortal('HeadroomGrown', grownRoutes);
});

afterAll(() => {
  real?.dispose();
  grown?.dispose();
});

const count = (synthesized: Synthesized) => Object.keys(synthesized.resources).length;

it('keeps the stack as it is under 250 resources', () => {
  expect(count(real)).toBeLessThan(250);
});

it(`keeps the stack with ${EXTRA_ROUTES} more routes under 450 resources`, () => {
  expect(count(grown)).toBeLessThan(450);
});

it('serves the extra routes with the functions their features already have', () => {
  expect(routesByFunction(grown.resources, grownRoutes).size).toBe(routesByFunction(real.resources, cloudRoutes).size);
  expect(count(grown) - count(real)).toBe(EXTRA_ROUTES);
});
