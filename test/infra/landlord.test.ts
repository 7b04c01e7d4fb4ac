/**
 * Landlords and tenants in the synthesized portal stack: the hourly referral job (function,
 * schedule, retries, dead letters, alarms, least privilege) and the functions of the landlord's,
 * the tenant's and the officer's house routes, each with exactly the access the route table
 * declares. Bundling is skipped (the stack test bundles every handler); the template is the same.
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scheduledJobs, tenancyReferralSweep } from '#infra/jobs';
import { cloudRoutes } from '#infra/routes';
import { functionOfRoute, ofType, props, type Resources } from './cfn.ts';
import { expectedFunctions, expectGrantsOfFunction, functionServing, routeKeyOf } from './grants.ts';
import { expectJobDelivery, expectJobFunction, jobOf, synthesizePortal, type Synthesized } from './jobs.ts';

let synthesized: Synthesized;
let template: Template;
let resources: Resources;

beforeAll(() => {
  synthesized = synthesizePortal('LandlordTest');
  ({ template, resources } = synthesized);
});

afterAll(() => {
  synthesized?.dispose();
});

describe('the hourly referral job', () => {
  const job = () => jobOf(synthesized, 'ReferralSweepFunctionName');

  it('is its own function: Node.js 24, up to 15 minutes, the table and the keyed-hash key, nothing else', () => {
    expectJobFunction(resources, job());
    expect(props(job().fn).Description).toBe(tenancyReferralSweep.description);
  });

  it('is invoked by EventBridge Scheduler every hour', () => {
    expect(props(job().schedule).ScheduleExpression).toBe('rate(1 hour)');
  });

  it('retries a failed delivery within the hour, keeps what still failed in an encrypted dead-letter queue, and alarms', () => {
    expectJobDelivery(resources, job(), 3600);
  });

  it('is one of the jobs, each with its own schedule and dead-letter queue', () => {
    const daily = jobOf(synthesized, 'DailySweepFunctionName');
    expect(ofType(resources, 'AWS::Scheduler::Schedule')).toHaveLength(scheduledJobs.length);
    // Besides the jobs' dead letters: the import queue and its dead letters (test/infra/agency.test.ts).
    expect(ofType(resources, 'AWS::SQS::Queue')).toHaveLength(scheduledJobs.length + 2);
    expect(new Set([daily.fnId, job().fnId]).size).toBe(2);
    expect(new Set([daily.queueId, job().queueId]).size).toBe(2);
  });
});

describe('the house routes', () => {
  const HOUSE_HANDLERS = /^functions\/(landlord|tenancy|house-watch)\//;
  const houseRoutes = cloudRoutes.filter((route) => HOUSE_HANDLERS.test(route.handler));

  const uploadsBucketId = () => {
    const outputs = (template.toJSON() as { Outputs: Record<string, { Value: unknown }> }).Outputs;
    return (outputs.UploadsBucketName?.Value as { Ref: string }).Ref;
  };

  it("are all in the cloud, served by the landlord's, the tenant's and the officer's functions", () => {
    expect(houseRoutes.map((r) => r.id)).toEqual(expect.arrayContaining(['HouseByCode', 'ListMyTenancies', 'ConfirmTenancy', 'VerifyTenancy', 'ReportTenants', 'DecideConfirmation']));
    const functions = houseRoutes.map((route) => functionOfRoute(resources, routeKeyOf(route))[0]);
    expect(new Set(functions).size).toBe(3);
  });

  it('a tenant’s look-up of a house by its code only reads, without the keyed-hash key', () => {
    expect(houseRoutes.find((r) => r.id === 'HouseByCode')).toMatchObject({ table: 'read' });
    expect(houseRoutes.find((r) => r.id === 'HouseByCode')?.usesPiiKey).toBeUndefined();
  });

  it.each(expectedFunctions(houseRoutes))('the function of %s gets exactly the access its routes declare together', (_, served) => {
    expectGrantsOfFunction(resources, functionServing(resources, served), served, uploadsBucketId());
  });
});
