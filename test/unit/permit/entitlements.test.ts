/** 我的权益 decided per person from the packs: who gets which entitlement, and the "what if" questions. */
import { describe, expect, it } from 'vitest';
import { ApiError } from '#functions/commons/errors';
import type { ChildItem, DeclarationItem, ProfileItem } from '#functions/residence/items';
import type { PermitItem } from '#functions/permit/items';
import {
  AS_OF_RANGE_YEARS,
  decideForHousehold,
  entitlementsAnswer,
  factSourcesOf,
  isChildEntitlement,
  permitOn,
  whatIfDay,
  type EntitlementRecord,
  type EntitlementsAnswer,
} from '#functions/permit/entitlements';
import { addYears } from '#shared/policy/civil-time';
import type { Translate } from '#shared/policy/explain';
import { national } from '#shared/policy/packs/national';
import { loadPacks, packById } from '#shared/policy/registry';
import { PACK_IDS, type Entitlement, type PackId, type PolicyPackInput } from '#shared/policy/schema';
import { ENTITLEMENT_AREAS } from '#shared/policy/vocabulary';
import { issuedClock } from '#shared/permit/schedule';

const TODAY = '2026-11-22';
/** The reasons' words are tested with the engine; here the key shows which sentence was chosen. */
const t: Translate = (key) => key;

/** A street each pack governs. */
const STREET_OF: Record<PackId, string> = {
  national: '440304001',
  liaoning: '210102001',
  xinjiang: '650102002',
  datong: '140213050',
  ningxia: '640104001',
};

const profile = { name: '阿依古丽', birthDate: '1990-03-07', employment: 'employed' } as ProfileItem;
const childItem = (id: string, name: string, birthDate: string) => ({ id, name, birthDate }) as ChildItem;
const registered = (packId: PackId, moveInDate = '2025-01-10') =>
  ({
    address: { division: STREET_OF[packId], path: [], detail: '' },
    moveInDate,
    intendedStay: 'from1Year',
    reason: 'work',
    housing: 'rented',
  }) as Partial<DeclarationItem> as DeclarationItem;
const permitItem = (packId: PackId, issuedOn: string, validity?: { amount: number; unit: 'years' }) =>
  ({ ...issuedClock(issuedOn, validity), packId }) as PermitItem;

const record = (packId: PackId, more: Partial<EntitlementRecord> = {}): EntitlementRecord => ({
  profile,
  residence: registered(packId),
  children: [childItem('c-1', '小明', '2020-09-01'), childItem('c-2', '小红', '2013-02-14')],
  permits: new Map(),
  ...more,
});

const ask = (r: EntitlementRecord, question: { asOf?: string; assume?: 'permitValid' } = {}, today = TODAY) =>
  entitlementsAnswer(r, { asOf: question.asOf ?? today, assume: question.assume }, today, t);

const itemsOf = (answer: EntitlementsAnswer, who: string) => answer.people.find((p) => p.who === who)!.groups.flatMap((g) => g.items);
const itemOf = (answer: EntitlementsAnswer, who: string, id: string) => itemsOf(answer, who).find((i) => i.id === id)!;

describe('who gets which entitlement', () => {
  it.each(PACK_IDS)('%s: every entitlement once — the holder’s without a child condition, each child’s with one', (packId) => {
    const pack = packById(packId);
    const answer = ask(record(packId));
    expect(answer.packId).toBe(packId);
    expect(answer.people.map((p) => [p.who, p.name])).toEqual([
      ['self', '阿依古丽'],
      ['c-1', '小明'],
      ['c-2', '小红'],
    ]);
    const holder = itemsOf(answer, 'self').map((i) => i.id);
    const [first, second] = [itemsOf(answer, 'c-1').map((i) => i.id), itemsOf(answer, 'c-2').map((i) => i.id)];
    expect(new Set(holder).size).toBe(holder.length);
    expect(new Set(first).size).toBe(first.length);
    expect(second).toEqual(first);
    expect(holder.filter((id) => first.includes(id))).toEqual([]);
    expect([...holder, ...first].sort()).toEqual(pack.entitlements!.map((e) => e.id).sort());
    expect(first.sort()).toEqual(pack.entitlements!.filter(isChildEntitlement).map((e) => e.id).sort());
  });

  it.each(PACK_IDS)('%s: groups follow the order of the areas, none empty, items keep the pack’s order', (packId) => {
    const pack = packById(packId);
    for (const person of ask(record(packId)).people) {
      const areas = person.groups.map((g) => g.area);
      expect(areas).toEqual(ENTITLEMENT_AREAS.filter((area) => areas.includes(area)));
      for (const group of person.groups) {
        expect(group.items.length).toBeGreaterThan(0);
        expect(group.items.every((i) => i.area === group.area)).toBe(true);
        const order = group.items.map((i) => pack.entitlements!.findIndex((e) => e.id === i.id));
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
    }
  });

  it('each item carries the reason, where to apply, what to bring and the citation of the pack', () => {
    const pack = packById('datong');
    for (const item of itemsOf(ask(record('datong')), 'self')) {
      const entitlement = pack.entitlements!.find((e) => e.id === item.id)!;
      expect(item).toMatchObject({ area: entitlement.area, service: entitlement.service, apply: entitlement.apply, citation: entitlement.citation });
      expect(item.reason).toBe(`policy:decision.${item.status}`);
    }
  });

  it('a child condition nested in anyOf or allOf counts', () => {
    const base = packById('national').entitlements!.find((e) => e.id === 'social-insurance')!;
    const nested: Entitlement = {
      ...base,
      conditions: [
        { kind: 'permit' },
        { kind: 'anyOf', conditions: [{ kind: 'fact', fact: 'stableHome' }, { kind: 'allOf', conditions: [{ kind: 'permit' }, { kind: 'child', atLeastAge: 3 }] }] },
      ],
    };
    expect(isChildEntitlement(nested)).toBe(true);
    expect(isChildEntitlement(base)).toBe(false);
  });

  it('without children only the holder is answered', () => {
    const answer = ask(record('national', { children: [] }));
    expect(answer.people.map((p) => p.who)).toEqual(['self']);
  });

  it('before a residence is registered nothing is decided: there is no pack yet', () => {
    expect(ask(record('national', { residence: undefined }))).toEqual({ packId: null, asOf: TODAY, assumed: [], people: [] });
    expect(ask(record('national', { profile: undefined, residence: undefined }), { assume: 'permitValid' })).toEqual({
      packId: null,
      asOf: TODAY,
      assumed: ['permitValid'],
      people: [],
    });
  });
});

describe('what if my permit were valid', () => {
  it.each(PACK_IDS)('%s: what the permit conditions turn from not available to available', (packId) => {
    const pack = packById(packId);
    const needsPermit = new Set(pack.entitlements!.filter((e) => e.conditions.some((c) => c.kind === 'permit')).map((e) => e.id));
    const onlyPermit = new Set(pack.entitlements!.filter((e) => e.conditions.every((c) => c.kind === 'permit' || c.kind === 'child')).map((e) => e.id));
    const without = ask(record(packId));
    const assumed = ask(record(packId), { assume: 'permitValid' });
    expect(assumed.assumed).toEqual(['permitValid']);
    for (const who of ['self', 'c-1']) {
      for (const item of itemsOf(without, who)) {
        if (needsPermit.has(item.id)) expect(item.status, item.id).toBe('notEligible');
      }
      for (const item of itemsOf(assumed, who)) {
        if (onlyPermit.has(item.id)) expect(item.status, item.id).toBe('eligible');
        if (needsPermit.has(item.id)) expect(item.status, item.id).not.toBe('notEligible');
      }
    }
  });

  it('a valid permit on record decides like the assumption, and the assumption is listed only when asked', () => {
    const holding = record('national', { permits: new Map([['self', permitItem('national', '2026-06-01')]]) });
    const answer = ask(holding);
    expect(answer.assumed).toEqual([]);
    expect(itemOf(answer, 'self', 'social-insurance').status).toBe('eligible');
    expect(itemOf(answer, 'c-1', 'compulsory-education').status).toBe('eligible');
  });

  it('a suspended permit keeps the permit’s entitlements closed until assumed valid', () => {
    const suspended = { ...permitItem('national', '2025-06-01'), status: 'suspended' as const };
    const holding = record('national', { permits: new Map([['self', suspended]]) });
    expect(itemOf(ask(holding), 'self', 'legal-aid').status).toBe('notEligible');
    expect(itemOf(ask(holding, { assume: 'permitValid' }), 'self', 'legal-aid').status).toBe('eligible');
  });
});

describe('what if on another day', () => {
  // No pack bounds a child's age for school yet; a pack that does decides by the child's birthday.
  const schoolFromSix = loadPacks([
    {
      ...national,
      entitlements: national.entitlements!.map((e) =>
        e.id === 'compulsory-education' ? { ...e, conditions: [{ kind: 'permit' }, { kind: 'child', atLeastAge: 6, belowAge: 16 }] } : e,
      ),
    } as PolicyPackInput,
  ]).byId.get('national')!;

  it('a child-age entitlement is not yet available before the birthday and available on it', () => {
    const holding = record('national', {
      children: [childItem('c-3', '小华', '2021-03-15')],
      permits: new Map([['self', permitItem('national', '2026-06-01')]]),
    });
    const school = (asOf: string) => {
      const people = decideForHousehold(schoolFromSix, factSourcesOf(holding, asOf, TODAY, undefined)!, { name: '阿依古丽', children: holding.children }, t);
      return people.find((p) => p.who === 'c-3')!.groups.flatMap((g) => g.items).find((i) => i.id === 'compulsory-education')!;
    };
    expect(school(TODAY)).toMatchObject({ status: 'notYet', on: '2027-03-15', reason: 'policy:decision.notYet' });
    expect(school('2027-03-14')).toMatchObject({ status: 'notYet', on: '2027-03-15' });
    expect(school('2027-03-15').status).toBe('eligible');
  });

  it('a residence anniversary (Ningxia: voter list after a year) opens on the day', () => {
    const r = record('ningxia', { residence: registered('ningxia', '2026-02-10') });
    expect(itemOf(ask(r), 'self', 'voter-registration')).toMatchObject({ status: 'notYet', on: '2027-02-10' });
    expect(itemOf(ask(r, { asOf: '2027-02-09' }), 'self', 'voter-registration').status).toBe('notYet');
    const onTheDay = ask(r, { asOf: '2027-02-10' });
    expect(onTheDay.asOf).toBe('2027-02-10');
    expect(itemOf(onTheDay, 'self', 'voter-registration').status).toBe('eligible');
  });
});

describe('the permit on a later day, if nothing is done', () => {
  it('national: valid until the first endorsement window closes, suspended after it', () => {
    const permit = permitItem('national', '2026-01-10');
    expect(permitOn(permit, '2026-12-20', TODAY).status).toBe('valid');
    expect(permitOn(permit, '2027-01-10', TODAY).status).toBe('valid');
    expect(permitOn(permit, '2027-01-11', TODAY).status).toBe('suspended');
  });

  it('liaoning: expired after its validity', () => {
    const permit = permitItem('liaoning', '2026-01-10', { amount: 1, unit: 'years' });
    expect(permitOn(permit, '2027-01-10', TODAY).status).toBe('valid');
    expect(permitOn(permit, '2027-01-11', TODAY).status).toBe('expired');
  });

  it('a day before today keeps the permit as it stands, and the restart date goes along', () => {
    const permit = { ...permitItem('national', '2025-01-10'), status: 'suspended' as const, yearsRestartedOn: '2026-02-01' };
    expect(permitOn(permit, '2025-06-01', TODAY)).toEqual({ status: 'suspended', yearsRestartedOn: '2026-02-01' });
  });

  it('a child turning school age years ahead needs the permit kept valid: the answer says so', () => {
    const holding = record('national', { permits: new Map([['self', permitItem('national', '2026-06-01')]]) });
    expect(itemOf(ask(holding, { asOf: '2028-09-01' }), 'c-1', 'compulsory-education').status).toBe('notEligible');
    expect(itemOf(ask(holding, { asOf: '2028-09-01', assume: 'permitValid' }), 'c-1', 'compulsory-education').status).toBe('eligible');
  });
});

describe('the day asked about', () => {
  it('is today when none is given', () => {
    expect(whatIfDay(undefined, TODAY)).toBe(TODAY);
  });

  it.each([
    ['20 years ahead', addYears(TODAY, AS_OF_RANGE_YEARS), true],
    ['20 years back', addYears(TODAY, -AS_OF_RANGE_YEARS), true],
    ['a day more than 20 years ahead', '2046-11-23', false],
    ['a day more than 20 years back', '2006-11-21', false],
  ])('%s', (_, asOf, accepted) => {
    if (accepted) expect(whatIfDay(asOf, TODAY)).toBe(asOf);
    else {
      const error = (() => {
        try {
          whatIfDay(asOf, TODAY);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 422, code: 'as_of_out_of_range', fields: [{ path: 'asOf', key: 'validation.asOfRange' }] });
    }
  });
});
