/** The public policy API over the real local server: packs resolved, divisions checked and named. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';

let product: TestProduct;

beforeAll(async () => {
  product = await startProduct();
});

afterAll(async () => {
  await product?.close();
});

describe('GET /api/policies', () => {
  it('lists the five packs with their prefixes and sources, cacheable', async () => {
    const { status, body, headers } = await call(product, 'GET', '/api/policies');
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('public, max-age=3600');
    const byId = Object.fromEntries(body.packs.map((p: any) => [p.id, p]));
    expect(Object.keys(byId).sort()).toEqual(['datong', 'liaoning', 'national', 'ningxia', 'xinjiang']);
    expect(byId.datong).toMatchObject({ extends: 'national', divisionPrefixes: ['1402'] });
    expect(byId.national.divisionPrefixes).toEqual([]);
    expect(byId.xinjiang.sources.map((s: any) => s.id)).toEqual(['national', 'xinjiang']);
    expect(byId.liaoning.sources[1]).toMatchObject({ title: '辽宁省实有人口服务管理办法', issuer: '辽宁省人民政府令第281号' });
  });
});

describe('GET /api/policies/{id}', () => {
  it('returns a pack resolved: inherited national rules included, local rules in their place', async () => {
    const { status, body } = await call(product, 'GET', '/api/policies/ningxia');
    expect(status).toBe(200);
    expect(body.pack.landlord.reportMoveIn).toMatchObject({ within: { amount: 3, unit: 'workingDays' }, from: 'leaseStart' });
    // Ningxia's permit is the national one (Art.7 执行国家有关规定).
    expect(body.pack.permit.issueWithin.citation.source).toBe('national');
    expect(body.pack.permit.issueWithin.within).toEqual({ amount: 15, unit: 'days' });
  });

  it('answers 404 in the caller’s language for a pack that does not exist', async () => {
    const { status, body } = await call(product, 'GET', '/api/policies/shanghai', { language: 'en' });
    expect(status).toBe(404);
    expect(body.error).toMatchObject({ code: 'policy_not_found' });
    expect(body.error.message).toContain('shanghai');
  });

  it('rejects an id that is not a pack name with a field error', async () => {
    const { status, body } = await call(product, 'GET', '/api/policies/Da-Tong', { language: 'zh-CN' });
    expect(status).toBe(400);
    expect(body.error.fields[0]).toMatchObject({ path: 'id' });
    expect(body.error.fields[0].message).toBe('编号：只能包含小写字母');
  });
});

describe('GET /api/policies/for-division/{code}', () => {
  it.each([
    ['140213', 'datong', ['山西省', '大同市', '平城区']],
    ['1402', 'datong', ['山西省', '大同市']],
    ['1401', 'national', ['山西省', '太原市']],
    ['210102', 'liaoning', ['辽宁省', '沈阳市', '和平区']],
    ['650102', 'xinjiang', ['新疆维吾尔自治区', '乌鲁木齐市', '天山区']],
    ['640104', 'ningxia', ['宁夏回族自治区', '银川市', '兴庆区']],
    ['440304', 'national', ['广东省', '深圳市', '福田区']],
  ])('%s is governed by %s', async (code, packId, path) => {
    const { status, body } = await call(product, 'GET', `/api/policies/for-division/${code}`);
    expect(status).toBe(200);
    expect(body.pack.id).toBe(packId);
    expect(body.division).toEqual({ code, name: path.at(-1), path });
  });

  it('knows streets and villages by their street', async () => {
    const street = await call(product, 'GET', '/api/policies/for-division/210102001');
    expect(street.status).toBe(200);
    expect(street.body.division.path).toHaveLength(4);
    expect(street.body.pack.id).toBe('liaoning');
    const village = await call(product, 'GET', '/api/policies/for-division/210102001001');
    expect(village.status).toBe(200);
    expect(village.body.division.path).toEqual(street.body.division.path);
  });

  it('answers 404 for a well-formed code that names no division', async () => {
    const { status, body } = await call(product, 'GET', '/api/policies/for-division/149999', { language: 'ug' });
    expect(status).toBe(404);
    expect(body.error.code).toBe('division_not_found');
    expect(body.error.message).toContain('149999');
  });

  it.each(['1', '140', '14021', 'abcd', '1402131'])('rejects %s with a field error naming the division', async (code) => {
    const { status, body } = await call(product, 'GET', `/api/policies/for-division/${code}`, { language: 'en' });
    expect(status).toBe(400);
    expect(body.error.fields).toEqual([
      { path: 'division', message: 'Division code: must have 2, 4, 6, 9 or 12 digits' },
    ]);
  });
});
