/** The router of a function: route key → the handler its route's module exports, loaded once, on first call. */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { describe, expect, it, vi } from 'vitest';
import { lambdaContext } from '#infra/local/api-gateway-event';
import { dispatcher, type RouteHandler } from '#functions/commons/http/dispatcher';

const event = (routeKey: string) => ({ routeKey, headers: { 'accept-language': 'en' } }) as unknown as APIGatewayProxyEventV2;
const answering = (body: string): RouteHandler => async () => ({ statusCode: 200, body });

describe('dispatcher', () => {
  it('hands each route key to its handler, loading the module on the first call only', async () => {
    const profile = vi.fn(async () => ({ handler: answering('profile') }));
    const children = vi.fn(async () => ({ handler: answering('children') }));
    const handle = dispatcher({ 'GET /api/me/profile': profile, 'GET /api/me/children': children });
    expect(handle.routeKeys).toEqual(['GET /api/me/profile', 'GET /api/me/children']);
    expect(profile).not.toHaveBeenCalled();

    expect((await handle(event('GET /api/me/profile'), lambdaContext('Residence'))).body).toBe('profile');
    expect((await handle(event('GET /api/me/profile'), lambdaContext('Residence'))).body).toBe('profile');
    expect(profile).toHaveBeenCalledTimes(1);
    expect(children).not.toHaveBeenCalled();
  });

  it('answers a route key it does not serve with a translated server error', async () => {
    const handle = dispatcher({ 'GET /api/me/profile': async () => ({ handler: answering('profile') }) });
    const answer = await handle(event('GET /api/me/children'), lambdaContext('Residence'));
    expect(answer.statusCode).toBe(500);
    expect(JSON.parse(answer.body!)).toEqual({ error: { code: 'internal', message: expect.any(String) } });
  });

  it('refuses a module that exports no handler, on load as on a call', async () => {
    const handle = dispatcher({ 'GET /api/me/profile': async () => ({}) });
    await expect(handle.load('GET /api/me/profile')).rejects.toThrow(/exports no handler/);
    await expect(handle.loadAll()).rejects.toThrow(/exports no handler/);
    await expect(handle.load('GET /api/elsewhere')).rejects.toThrow(/serves no route/);
  });
});
