/**
 * An upload's rows checked on their own, without the database: the same field schemas as the
 * single-person routes (a name, ID number or phone refused there is refused here with the same
 * message), the events each kind of organisation reports, the address a move needs, the
 * workplace work events need, and what makes two rows the same report.
 */
import { describe, expect, it } from 'vitest';
import { CitizenId, PersonName } from '#shared/api/residence';
import { Phone } from '#shared/api/identity';
import { EVENTS_OF, ORGANISATION_TYPES, ROW_EVENTS, reportsEvent } from '#shared/agency/organisation';
import { checkRow, reportIdentity, type RowCells } from '#shared/agency/rows';
import { citizenId } from '#test/support/residents';

const TODAY = '2026-11-20';
const ID = citizenId('440304', '19900307', '451');

const hire: RowCells = { name: '张三', citizenId: ID, phone: '13800138000', event: 'hire', date: '2026-11-18', workplace: '福田区某工地' };
const moveIn: RowCells = { name: '李四', citizenId: ID, phone: '13800138000', event: 'moveIn', date: '2026-11-18', street: '440304001', address: '福中路1号101' };

const problemsOf = (cells: RowCells, type: (typeof ORGANISATION_TYPES)[number] = 'employer') => {
  const result = checkRow(cells, type, TODAY);
  return 'problems' in result ? result.problems : [];
};

describe('a valid row', () => {
  it('passes for each organisation with an event it reports', () => {
    expect(checkRow(hire, 'employer', TODAY)).toMatchObject({ row: { name: '张三', event: 'hire', date: '2026-11-18' } });
    expect(checkRow(moveIn, 'housingAgency', TODAY)).toMatchObject({ row: { street: '440304001', address: '福中路1号101' } });
  });

  it('takes an ID number with a lower-case x, spaces around cells and blank optional cells', () => {
    const id = citizenId('440304', '19900307', '002');
    const lower = id.endsWith('X') ? id.toLowerCase() : id;
    expect(checkRow({ ...hire, citizenId: ` ${lower} `, name: ' 张三 ', houseCode: '  ', street: '' }, 'employer', TODAY)).toHaveProperty('row');
  });

  it.each([
    ['2026/11/18', '2026-11-18'],
    ['2026.11.8', '2026-11-08'],
    ['20261118', '2026-11-18'],
    ['2026年11月18日', '2026-11-18'],
  ])('reads the date %s as %s', (text, date) => {
    expect(checkRow({ ...hire, date: text }, 'employer', TODAY)).toMatchObject({ row: { date } });
  });

  it('reads a typed house code as the code (case, spaces, dashes)', () => {
    const result = checkRow({ ...moveIn, street: undefined, address: undefined, houseCode: 'fw 7kq3-m9a2' }, 'housingAgency', TODAY);
    expect(result).toMatchObject({ row: { houseCode: 'FW7KQ3M9A2' } });
  });
});

describe('the same messages as the single-person routes', () => {
  const messageOf = (schema: { safeParse(v: unknown): { success: boolean; error?: { issues: { message: string }[] } } }, value: string) =>
    schema.safeParse(value).error?.issues[0]?.message;

  it.each([
    ['citizenId', `${ID.slice(0, 17)}${ID.endsWith('0') ? '1' : '0'}`, CitizenId],
    ['citizenId', '44030419900307451', CitizenId],
    ['phone', '12800138000', Phone],
    ['name', '张三123', PersonName],
    ['name', '张'.repeat(41), PersonName],
  ] as const)('%s %s', (field, value, schema) => {
    expect(problemsOf({ ...hire, [field]: value })).toEqual([{ field, key: messageOf(schema, value) }]);
  });
});

describe('a row refused', () => {
  it.each([
    ['a missing name', { name: '' }, 'name', 'validation.required'],
    ['a missing ID number', { citizenId: undefined }, 'citizenId', 'validation.required'],
    ['an unknown event word', { event: '入职了' }, 'event', 'validation.choice'],
    ['a date that does not exist', { date: '2026-02-30' }, 'date', 'validation.isoDate'],
    ['a date in words', { date: 'yesterday' }, 'date', 'validation.isoDate'],
    ['a future date', { date: '2026-11-21' }, 'date', 'validation.futureDate'],
    ['no workplace for a hire', { workplace: '' }, 'workplace', 'validation.required'],
    ['a street code of the wrong length', { street: '4403040' }, 'street', 'validation.streetCode'],
    ['a house code that is not one', { houseCode: 'FW123' }, 'houseCode', 'validation.houseCode'],
    // Cells are read as the single-person routes read text: what a reader would not see is refused.
    ['a name with a right-to-left override', { name: '张\u202E三' }, 'name', 'validation.hiddenCharacters'],
    ['a workplace with a zero-width space', { workplace: '福田区\u200B某工地' }, 'workplace', 'validation.hiddenCharacters'],
    ['a workplace with a line break (Alt+Enter in Excel)', { workplace: '福田区\n某工地' }, 'workplace', 'validation.hiddenCharacters'],
    ['an address with NUL', { address: '福中路\u00001号' }, 'address', 'validation.hiddenCharacters'],
  ] as const)('%s', (_, change, field, key) => {
    expect(problemsOf({ ...hire, ...change })).toContainEqual({ field, key });
  });

  it('names each problem once, in its column', () => {
    const problems = problemsOf({ name: '', citizenId: '1', phone: '2', event: 'x', date: 'y' });
    expect(problems.map((p) => p.field).sort()).toEqual(['citizenId', 'date', 'event', 'name', 'phone']);
  });

  it('a move with neither a house code nor an address', () => {
    expect(problemsOf({ ...moveIn, street: undefined, address: undefined }, 'housingAgency')).toEqual([
      { field: 'address', key: 'validation.houseCodeOrAddress' },
    ]);
  });

  it('a house code and an address at once', () => {
    expect(problemsOf({ ...moveIn, houseCode: 'FW7KQ3M9A2' }, 'housingAgency')).toEqual([{ field: 'houseCode', key: 'validation.houseCodeOrAddress' }]);
  });
});

describe('events per kind of organisation', () => {
  const table = ORGANISATION_TYPES.flatMap((type) => ROW_EVENTS.map((event) => [type, event, EVENTS_OF[type].includes(event)] as const));

  it.each(table)('%s reporting %s: allowed %s', (type, event, allowed) => {
    expect(reportsEvent(type, event)).toBe(allowed);
    const cells: RowCells = { ...hire, ...moveIn, event, street: '440304001', address: '福中路1号101', workplace: '某公司' };
    const problems = problemsOf(cells, type);
    expect(problems.some((p) => p.key === 'validation.eventNotForOrganisation')).toBe(!allowed);
  });

  it('every kind reports something, and every event is reported by someone', () => {
    for (const type of ORGANISATION_TYPES) expect(EVENTS_OF[type].length).toBeGreaterThan(0);
    for (const event of ROW_EVENTS) expect(ORGANISATION_TYPES.some((t) => reportsEvent(t, event))).toBe(true);
  });
});

describe('the same report', () => {
  it('is the person, the event and the date', () => {
    expect(reportIdentity('h1', 'hire', '2026-11-18')).toBe(reportIdentity('h1', 'hire', '2026-11-18'));
    expect(new Set([reportIdentity('h1', 'hire', '2026-11-18'), reportIdentity('h1', 'termination', '2026-11-18'), reportIdentity('h1', 'hire', '2026-11-19'), reportIdentity('h2', 'hire', '2026-11-18')]).size).toBe(4);
  });
});
