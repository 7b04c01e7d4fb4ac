/** The real-name profile and accompanying children, through the local server on DynamoDB Local. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call } from '#test/support/api-client';
import { startProduct, type TestProduct } from '#test/support/product';
import { citizenId, newResident, profileBody, residentWithProfile } from '#test/support/residents';

let product: TestProduct;

beforeAll(async () => {
  product = await startProduct();
});

afterAll(async () => {
  await product?.close();
});

const putProfile = (token: string, body: unknown, language = 'en') => call(product, 'PUT', '/api/me/profile', { token, body, language });
const getProfile = (token: string) => call(product, 'GET', '/api/me/profile', { token, language: 'en' });

describe('PUT/GET /api/me/profile', () => {
  it('answers 404 before the profile exists, then creates it with birth date and sex read from the ID number', async () => {
    const resident = await newResident(product, '1');
    expect((await getProfile(resident.token)).body.error.code).toBe('profile_not_found');

    const number = citizenId('110101', '19900307', '123');
    const saved = await putProfile(resident.token, profileBody(number));
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    expect(saved.body).toMatchObject({
      citizenIdMasked: `110101********${number.slice(14)}`,
      birthDate: '1990-03-07',
      sex: 'male',
      phone: resident.phone,
      hukou: { division: '653101', path: ['新疆维吾尔自治区', '喀什地区', '喀什市'] },
      version: 1,
    });
    const read = await getProfile(resident.token);
    expect(read.body).toEqual(saved.body);
    expect(JSON.stringify(read.body)).not.toContain(number);
  });

  it('refuses a wrong check character with a translated field message', async () => {
    const resident = await newResident(product, '1');
    const number = citizenId('110101', '19900307', '124');
    const wrong = `${number.slice(0, 17)}${number[17] === '0' ? '1' : '0'}`;
    const zh = await putProfile(resident.token, profileBody(wrong), 'zh-CN');
    expect(zh.status).toBe(400);
    expect(zh.body.error.fields).toEqual([{ path: 'citizenId', message: expect.stringContaining('公民身份号码') }]);
    expect(zh.body.error.fields[0].message).toContain('校验');
    const en = await putProfile(resident.token, profileBody(wrong), 'en');
    expect(en.body.error.fields[0].message).toBe('Citizen ID number: the check character does not match; check every digit');
  });

  it('refuses an ID number whose birth date is in the future, and an unknown hukou county', async () => {
    const resident = await newResident(product, '1');
    const unborn = await putProfile(resident.token, profileBody(citizenId('110101', '20990101', '123')));
    expect(unborn.status).toBe(400);
    expect(unborn.body.error.fields[0]).toMatchObject({ path: 'citizenId' });
    const nowhere = await putProfile(resident.token, profileBody(citizenId('110101', '19900101', '123'), { hukou: { division: '659999', detail: '某地1号' } }));
    expect(nowhere.status).toBe(400);
    expect(nowhere.body.error.fields).toEqual([{ path: 'hukou.division', message: 'Hukou county: there is no such division; choose it from the list' }]);
    expect((await getProfile(resident.token)).status).toBe(404);
  });

  it('updates at the version read, and refuses a stale one', async () => {
    const resident = await residentWithProfile(product, '1');
    const current = (await getProfile(resident.token)).body;
    const updated = await putProfile(resident.token, profileBody(resident.citizenId, { employment: 'selfEmployed', employer: undefined, version: current.version }));
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body).toMatchObject({ employment: 'selfEmployed', version: 2 });
    expect(updated.body.employer).toBeUndefined();
    const stale = await putProfile(resident.token, profileBody(resident.citizenId, { version: current.version }));
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('conflict');
    const recreate = await putProfile(resident.token, profileBody(resident.citizenId));
    expect(recreate.status).toBe(409);
  });

  it('gives one ID number to one account only; another account writes nothing', async () => {
    const owner = await residentWithProfile(product, '1');
    const other = await newResident(product, '1');
    const taken = await putProfile(other.token, profileBody(owner.citizenId));
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('citizen_id_taken');
    expect((await getProfile(other.token)).status).toBe(404);
  });

  it('lets exactly one of two accounts win when both save the same number at once', async () => {
    const number = citizenId('650102', '19880808', '246');
    const [a, b] = await Promise.all([newResident(product, '1'), newResident(product, '1')]);
    const answers = await Promise.all([putProfile(a.token, profileBody(number)), putProfile(b.token, profileBody(number))]);
    expect(answers.map((x) => x.status).sort()).toEqual([200, 409]);
    expect(answers.find((x) => x.status === 409)!.body.error.code).toBe('citizen_id_taken');
    const profiles = await Promise.all([getProfile(a.token), getProfile(b.token)]);
    expect(profiles.map((p) => p.status).sort()).toEqual([200, 404]);
  });

  it('frees the old number when an account changes its number', async () => {
    const first = await residentWithProfile(product, '1');
    const second = await newResident(product, '1');
    const corrected = citizenId('653101', '19920316', '888');
    const version = (await getProfile(first.token)).body.version;
    expect((await putProfile(first.token, profileBody(corrected, { version }))).status).toBe(200);
    expect((await putProfile(second.token, profileBody(first.citizenId))).status).toBe(200);
  });
});

describe('GET/POST /api/me/children', () => {
  const addChild = (token: string, body: unknown, language = 'en') => call(product, 'POST', '/api/me/children', { token, body, language });

  it('needs the parent’s profile first', async () => {
    const resident = await newResident(product, '1');
    const answer = await addChild(resident.token, { name: '小明', birthDate: '2020-01-01', schoolStatus: 'kindergarten' });
    expect(answer.status).toBe(409);
    expect(answer.body.error.code).toBe('profile_required');
  });

  it('adds children under 16, reading birth date and sex from an ID number', async () => {
    const parent = await residentWithProfile(product, '1');
    const withId = await addChild(parent.token, { name: '小红', citizenId: citizenId('653101', '20180601', '002'), schoolStatus: 'primary' });
    expect(withId.status, JSON.stringify(withId.body)).toBe(201);
    expect(withId.body).toMatchObject({ birthDate: '2018-06-01', sex: 'female', citizenIdMasked: expect.stringMatching(/^653101\*{8}/) });
    const withDate = await addChild(parent.token, { name: '小明', birthDate: '2021-02-03', sex: 'male', schoolStatus: 'notYetInSchool' });
    expect(withDate.status).toBe(201);
    const list = await call(product, 'GET', '/api/me/children', { token: parent.token });
    expect(list.body.max).toBe(10);
    expect(list.body.children.map((c: { name: string }) => c.name)).toEqual(['小红', '小明']);
  });

  it('refuses a child of 16 or more, a future birth date and a birth date the ID number contradicts', async () => {
    const parent = await residentWithProfile(product, '1');
    const old = await addChild(parent.token, { name: '大明', birthDate: '2008-01-01', schoolStatus: 'seniorSecondary' }, 'zh-CN');
    expect(old.status).toBe(400);
    expect(old.body.error.fields[0]).toMatchObject({ path: 'birthDate', message: expect.stringContaining('16') });
    const oldById = await addChild(parent.token, { name: '大红', citizenId: citizenId('653101', '20050101', '002'), schoolStatus: 'notInSchool' });
    expect(oldById.body.error.fields[0]).toMatchObject({ path: 'citizenId' });
    const unborn = await addChild(parent.token, { name: '未来', birthDate: '2099-01-01', schoolStatus: 'notYetInSchool' });
    expect(unborn.body.error.fields[0]).toMatchObject({ path: 'birthDate', message: 'Date of birth: cannot be later than today' });
    const contradicted = await addChild(parent.token, {
      name: '小红',
      citizenId: citizenId('653101', '20180601', '004'),
      birthDate: '2018-06-02',
      schoolStatus: 'primary',
    });
    expect(contradicted.status).toBe(400);
    expect(contradicted.body.error.fields[0]).toMatchObject({ path: 'birthDate' });
    expect((await call(product, 'GET', '/api/me/children', { token: parent.token })).body.children).toEqual([]);
  });

  it('keeps the limit of 10 even when additions race', async () => {
    const parent = await residentWithProfile(product, '1');
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => addChild(parent.token, { name: `孩子${'甲乙丙丁戊己庚辛壬癸子丑'[i]}`, birthDate: '2019-05-05', schoolStatus: 'kindergarten' })),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    const refused = answers.filter((a) => a.status !== 201);
    expect(refused.map((a) => a.body.error.code)).toEqual(['too_many_children', 'too_many_children']);
    expect(refused[0]!.body.error.message).toContain('10');
    expect((await call(product, 'GET', '/api/me/children', { token: parent.token })).body.children).toHaveLength(10);
    // A profile update afterwards keeps the count: an 11th is still refused.
    const version = (await getProfile(parent.token)).body.version;
    expect((await putProfile(parent.token, profileBody(parent.citizenId, { version }))).status).toBe(200);
    expect((await addChild(parent.token, { name: '再来', birthDate: '2019-05-05', schoolStatus: 'kindergarten' })).status).toBe(409);
  });
});
