import { describe, expect, it } from 'vitest';
import { parseGroups } from '#functions/commons/http/caller';
import { pickLanguage } from '#shared/i18n/languages';
import { fillPath } from '#shared/api/route';

describe('groups claim, as each authorizer passes it', () => {
  it.each([
    ['API Gateway HTTP API string', '[officer admin]', ['officer', 'admin']],
    ['one group', '[resident]', ['resident']],
    ['JSON array string', '["agency","resident"]', ['agency', 'resident']],
    ['a real array', ['admin'], ['admin']],
    ['unknown groups dropped', '[visitor officer]', ['officer']],
    ['empty', '[]', []],
    ['missing', undefined, []],
  ] as const)('%s', (_, value, expected) => {
    expect(parseGroups(value as never)).toEqual(expected);
  });
});

describe('language of a request', () => {
  it.each([
    [undefined, 'zh-CN'],
    ['en-GB,en;q=0.9', 'en'],
    ['ug-CN', 'ug'],
    ['fr-FR, en;q=0.5', 'en'],
    ['zh-TW', 'zh-CN'],
    ['de', 'zh-CN'],
  ])('%s → %s', (header, expected) => {
    expect(pickLanguage(header)).toBe(expected);
  });
});

describe('path templates', () => {
  it('fills and encodes parameters', () => {
    expect(fillPath('/api/things/{id}/parts/{part}', { id: 'a b', part: '7' })).toBe('/api/things/a%20b/parts/7');
  });
  it('refuses a missing parameter', () => {
    expect(() => fillPath('/api/things/{id}', {})).toThrow('missing path parameter id');
  });
});
