/**
 * The forms that check a field in the browser with the shared schemas (profile, child, address,
 * stay, house) say what the server would say of hidden characters: the field's name from
 * `errors:fields` and the text rule's message, in each language.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import type { ZodType } from 'zod';
import { HouseInput } from '#shared/api/landlord';
import { AddressDetail, PersonName, ProfileInput, ReasonDetail } from '#shared/api/residence';
import { LANGUAGES, type Language } from '#shared/i18n/languages';
import { checkField } from '../../../web/src/i18n/issues.ts';
import { createTestI18n } from './i18n-fixture.ts';

const t = {} as Record<Language, TFunction>;
beforeAll(async () => {
  for (const language of LANGUAGES) t[language] = (await createTestI18n(language)).t;
});

const fields: [string, ZodType, string][] = [
  ['name', PersonName, '古丽\u202E娜尔'],
  ['employer', ProfileInput.shape.employer, '示例\u200B公司'],
  ['hukou.detail', AddressDetail, '喀什市\u0000某某路12号'],
  ['reasonDetail', ReasonDetail, '照顾\u2067老人'],
  ['building', HouseInput.shape.building, '3\uFEFF栋'],
];

describe.each(fields)('%s', (field, schema, value) => {
  it('names the field and the hidden characters, in every language', () => {
    expect(checkField(t.en, schema, field, value)).toBe(`${t.en(`errors:fields.${field.replace('.', '_')}`)}: contains hidden or control characters`);
    expect(checkField(t['zh-CN'], schema, field, value)).toMatch(/：含有隐藏字符或控制字符$/);
    expect(checkField(t.ug, schema, field, value)).toMatch(/يوشۇرۇن ياكى كونترول ھەرپ-بەلگىلەر بار$/);
  });

  it('is quiet once the character is gone', () => {
    expect(checkField(t.en, schema, field, value.replace(/[\u202E\u200B\u0000\u2067\uFEFF]/u, ''))).toBeUndefined();
  });
});
