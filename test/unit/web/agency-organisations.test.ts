/**
 * What the administrator's organisation screens decide on their own: the address cascader's levels
 * and the street it ends at, and a refused request's field messages put under the right fields.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { ApiError } from '../../../web/src/api/errors.ts';
import { chosenStreet, divisionOption, withChildren, type DivisionOption } from '../../../web/src/office/organisations/divisions.ts';
import { fieldErrors } from '../../../web/src/office/organisations/form-errors.ts';
import { createTestI18n } from './i18n-fixture.ts';

let zh: TFunction;
beforeAll(async () => {
  zh = (await createTestI18n('zh-CN')).t;
});

describe('the address cascader', () => {
  it('opens a province, city or county to load what is under it; a street is the end', () => {
    expect(divisionOption({ code: '44', name: '广东省', hasChildren: true })).toEqual({ value: '44', label: '广东省', isLeaf: false });
    expect(divisionOption({ code: '440304', name: '福田区', hasChildren: true })).toEqual({ value: '440304', label: '福田区', isLeaf: false });
    expect(divisionOption({ code: '440304001', name: '南园街道', hasChildren: false })).toEqual({ value: '440304001', label: '南园街道', isLeaf: true });
  });

  it('cannot choose a division above street level that has no streets', () => {
    expect(divisionOption({ code: '4403', name: '深圳市', hasChildren: false })).toEqual({ value: '4403', label: '深圳市', isLeaf: true, disabled: true });
  });

  it('puts a loaded level under the option its path reaches, leaving the rest as they were', () => {
    const provinces: DivisionOption[] = [
      { value: '44', label: '广东省', isLeaf: false },
      { value: '65', label: '新疆维吾尔自治区', isLeaf: false },
    ];
    const cities = [{ value: '4403', label: '深圳市', isLeaf: false }];
    const withCities = withChildren(provinces, ['44'], cities);
    expect(withCities[0]!.children).toEqual(cities);
    expect(withCities[1]).toBe(provinces[1]);
    expect(provinces[0]!.children).toBeUndefined();

    const counties = [{ value: '440304', label: '福田区', isLeaf: false }];
    const deeper = withChildren(withCities, ['44', '4403'], counties);
    expect(deeper[0]!.children![0]!.children).toEqual(counties);
  });

  it('ends at a street (9 digits), also straight under a city without counties', () => {
    expect(chosenStreet(['44', '4403', '440304', '440304001'])).toBe('440304001');
    expect(chosenStreet(['44', '4419', '441900003'])).toBe('441900003');
    expect(chosenStreet(['44', '4403', '440304'])).toBeUndefined();
    expect(chosenStreet(undefined)).toBeUndefined();
  });
});

describe('a refused request on a form', () => {
  const paths = { creditCode: 'creditCode', 'address.division': 'division', 'address.detail': 'detail' } as const;

  it('puts each field message under the form field its path maps to', () => {
    const error = new ApiError(400, 'validation_failed', '请检查填写的内容', [
      { path: 'creditCode', message: '统一社会信用代码不正确' },
      { path: 'address.division', message: '没有这个行政区划' },
    ]);
    expect(fieldErrors(error, paths, zh)).toEqual({
      fields: [
        { name: 'creditCode', errors: ['统一社会信用代码不正确'] },
        { name: 'division', errors: ['没有这个行政区划'] },
      ],
    });
  });

  it('keeps two messages for one field together', () => {
    const error = new ApiError(400, 'validation_failed', 'x', [
      { path: 'address.detail', message: 'a' },
      { path: 'address.detail', message: 'b' },
    ]);
    expect(fieldErrors(error, paths, zh).fields).toEqual([{ name: 'detail', errors: ['a', 'b'] }]);
  });

  it('says the rest above the buttons: a conflict, a field the form does not show, anything else', () => {
    expect(fieldErrors(new ApiError(409, 'credit_code_taken', '这个代码已登记'), paths, zh)).toEqual({ fields: [], message: '这个代码已登记' });
    expect(fieldErrors(new ApiError(400, 'validation_failed', '请检查', [{ path: 'body', message: 'x' }]), paths, zh).message).toBe('请检查');
    expect(fieldErrors(new Error('boom'), paths, zh).message).toBe(zh('errors:codes.internal'));
  });
});
