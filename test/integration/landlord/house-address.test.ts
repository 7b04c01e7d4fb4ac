/**
 * One house per owner and address, through the real API on DynamoDB Local: twenty identical
 * registrations at once (no Idempotency-Key) make one house and nineteen `house_exists` answers
 * naming it; the same address typed differently (full-width, spacing, case) is the same house; a
 * correction moves the house's claim on its address, frees the old one, and cannot land on another
 * of the owner's houses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { House, HouseInput, HouseSummary } from '#shared/api/landlord';
import { printedHouseCode } from '#shared/landlord/house';
import { call, type Answer } from '#test/support/api-client';
import { houseInput, newLandlord, registerHouse, type Landlord } from '#test/support/landlords';
import { startProduct, type TestProduct } from '#test/support/product';
import { STREETS } from '#test/support/residents';

let product: TestProduct;

beforeAll(async () => {
  product = await startProduct();
});

afterAll(async () => {
  await product?.close();
});

const postHouse = (landlord: Landlord, body: HouseInput, language = 'zh-CN') =>
  call(product, 'POST', '/api/landlord/houses', { token: landlord.token, language, body });

const patchHouse = (landlord: Landlord, house: Pick<House, 'id' | 'version'>, body: Record<string, unknown>, language = 'zh-CN') =>
  call(product, 'PATCH', `/api/landlord/houses/${house.id}`, { token: landlord.token, language, body: { ...body, version: house.version } });

const addressOf = (house: House) => ({ division: house.address.division, detail: house.address.detail });

const listOf = async (landlord: Landlord) => (await call<{ items: HouseSummary[] }>(product, 'GET', '/api/landlord/houses', { token: landlord.token })).body.items;

/** A 409 that names the house already registered at the address, in its message (zh-CN) and its details. */
function expectExists(answer: Answer<any>, houseId: string) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(409);
  expect(answer.body.error).toEqual({
    code: 'house_exists',
    message: `您已登记过这处房屋，房屋编码为 ${printedHouseCode(houseId)}`,
    details: { houseId },
  });
}

describe('registering an address twice', () => {
  it('twenty identical registrations at once make one house; the nineteen others are told its code', async () => {
    const landlord = await newLandlord(product);
    const body = houseInput(STREETS.shenzhen);
    const answers = await Promise.all(Array.from({ length: 20 }, () => postHouse(landlord, body)));
    const created = answers.filter((a) => a.status === 201);
    expect(answers.map((a) => a.status).sort(), JSON.stringify(answers.filter((a) => a.status !== 201 && a.status !== 409).map((a) => a.body))).toEqual([
      201,
      ...Array<number>(19).fill(409),
    ]);
    const houseId = created[0]!.body.id as string;
    for (const refused of answers.filter((a) => a.status === 409)) expectExists(refused, houseId);
    expect((await listOf(landlord)).map((h) => h.id)).toEqual([houseId]);
  });

  it('knows the address however it is typed: full-width characters, spacing, letter case', async () => {
    const landlord = await newLandlord(product);
    const first = await registerHouse(product, landlord, STREETS.shenzhen, { address: { division: STREETS.shenzhen, detail: '和平路 88号 B座' }, building: 'A', unit: '2', room: '501' });
    const typedAgain: HouseInput = {
      ...houseInput(STREETS.shenzhen),
      address: { division: STREETS.shenzhen, detail: '  和平路\u3000８８号   ｂ座 ' },
      building: 'ａ',
      unit: '２',
      room: ' 501 ',
      // What the house is like does not make it another house.
      type: 'dormitory',
      rooms: 9,
    };
    expectExists(await postHouse(landlord, typedAgain), first.id);
    const english = await postHouse(landlord, typedAgain, 'en');
    expect(english.body.error.message).toBe(`You have already registered this house: its code is ${printedHouseCode(first.id)}`);
    expect((await listOf(landlord)).map((h) => h.id)).toEqual([first.id]);
  });

  it('lets the owner register another room at the address, and another owner the same one', async () => {
    const owner = await newLandlord(product);
    const body = houseInput(STREETS.shenzhen, { room: '601' });
    expect((await postHouse(owner, body)).status).toBe(201);
    expect((await postHouse(owner, { ...body, room: '602' })).status).toBe(201);
    // A house left without a room is an address of its own too.
    const { room: _room, ...wholeFloor } = body;
    expect((await postHouse(owner, wholeFloor)).status).toBe(201);
    const other = await newLandlord(product);
    expect((await postHouse(other, body)).status).toBe(201);
  });
});

describe('correcting an address', () => {
  it('moves the house to the new address: the old one is free again, the new one taken', async () => {
    const landlord = await newLandlord(product);
    const body = houseInput(STREETS.shenzhen, { room: '701' });
    const house = await registerHouse(product, landlord, STREETS.shenzhen, body);
    const moved = await patchHouse(landlord, house, { room: '702' });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expectExists(await postHouse(landlord, { ...body, room: '702' }), house.id);
    expect((await postHouse(landlord, body)).status).toBe(201);
  });

  it('refuses a correction onto another of the owner’s houses, and leaves the house as it was', async () => {
    const landlord = await newLandlord(product);
    const upstairs = await registerHouse(product, landlord, STREETS.shenzhen, { room: '801' });
    const downstairs = await registerHouse(product, landlord, STREETS.shenzhen, { address: addressOf(upstairs), room: '802' });
    const onto = await patchHouse(landlord, downstairs, { room: '８０１' });
    expectExists(onto, upstairs.id);
    const detail = await call<House>(product, 'GET', `/api/landlord/houses/${downstairs.id}`, { token: landlord.token });
    expect(detail.body).toMatchObject({ room: '802', version: downstairs.version });
    // The refused correction took nothing: its own address is still its own.
    expectExists(await postHouse(landlord, houseInput(STREETS.shenzhen, { address: addressOf(upstairs), room: '802' })), downstairs.id);
  });

  it('a correction that only retypes the same address keeps the house where it is', async () => {
    const landlord = await newLandlord(product);
    const house = await registerHouse(product, landlord, STREETS.shenzhen, { room: 'b12' });
    const retyped = await patchHouse(landlord, house, { room: 'Ｂ12' });
    expect(retyped.status, JSON.stringify(retyped.body)).toBe(200);
    expect(retyped.body.room).toBe('Ｂ12');
    expectExists(await postHouse(landlord, houseInput(STREETS.shenzhen, { address: addressOf(house), room: 'B12' })), house.id);
  });
});
