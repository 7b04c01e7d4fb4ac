/**
 * The people and records the fuzz run acts on, made through the real API. Each write route draws
 * its requests' subjects from a pool: who calls, on which of their own records (the path), with
 * which live values (the version the server holds now, uploads the caller made). A route that moves
 * a record on (a decision, a move-out, a revocation) gets a fresh record after each success, up to a
 * cap, so valid requests keep reaching the domain code instead of bouncing off a finished record. A
 * route without a pool here is still fuzzed: a caller of its first role, with made-up path values.
 */
import fc from 'fast-check';
import type { Route } from '#infra/routes';
import { MAX_CHILDREN } from '#shared/residence/vocabulary';
import { addDays, shanghaiDate } from '#shared/policy/civil-time';
import type { Role } from '#shared/identity/roles';
import { sheetTexts } from '#functions/agency/sheet-texts';
import { call } from '#test/support/api-client';
import type { TestProduct } from '#test/support/product';
import { fileOf, type Ticket } from '#test/support/residents';
import { phone, validChild, validDecision } from '#test/support/residence-arbitraries';
import { newLandlord, registerHouse, reportTenant, tenantCitizenId } from '#test/support/landlords';
import { adminToken, createApiKey, createOrganisation, createOrganisationUser, organisationWithAdmin } from '#test/support/organisations';
import { csvOf, uploadSheet, waitForUpload } from '#test/support/agency';
import { applyWithDocuments, officerFor, permitHolder, registeredMigrant, uploadFor } from '#test/support/permits';
import { declare, newMigrant, type Migrant } from '#test/integration/review/migrants';
import { declareAtHouse } from '#test/integration/tenancy/tenants';
import { DEFAULT_HINTS, Live, type Hints } from './contract-values.ts';

export interface Caller {
  label: string;
  role: Role | 'public';
  token?: string;
}

export interface Subject {
  caller: Caller;
  /** Path parameters naming the caller's own record. */
  params?: Record<string, string>;
  /** A query the subject comes with (a signed upload URL's). */
  query?: Record<string, string>;
  /** Bytes to send where the route takes a file, not JSON. */
  file?: { bytes: Uint8Array<ArrayBuffer>; headers: Record<string, string> };
  /** A `Live` marker's value now; undefined leaves the field out. */
  live?(name: string): Promise<unknown>;
}

export interface Pool {
  current(): Promise<Subject>;
  /** Told of every success, with its body: the pool decides whether the record is finished with. */
  settle?(body: unknown): Promise<void>;
}

const today = shanghaiDate(new Date());
const SHENZHEN = '440304001';
const DATONG = '140213050';
/** Long enough ago for every pack's residence condition (six months). */
const SETTLED = addDays(today, -220);

const fixed = (subject: () => Promise<Subject>): Pool => {
  let made: Promise<Subject> | undefined;
  return { current: () => (made ??= subject()) };
};

/** A fresh subject whenever `finished` says a success ended the record (every success, by default), at most `cap` of them; then the last one stays. */
function rotating(make: () => Promise<Subject>, options: { cap: number; finished?: (body: unknown) => boolean }): Pool {
  let made = 0;
  let subject: Promise<Subject> | undefined;
  return {
    current: () => (subject ??= (made++, make())),
    async settle(body) {
      if ((options.finished?.(body) ?? true) && made < options.cap) subject = undefined;
    },
  };
}

/** Every nth success finishes the record (a person may add only so many children). */
const everyNth = (n: number) => {
  let count = 0;
  return () => ++count % n === 0;
};

const statusOf = (body: unknown) => (body as { status?: string } | undefined)?.status;

const memo = <T>(make: () => Promise<T>) => {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
};

export class World {
  /** Every caller the run made, for reading back what they stored. */
  readonly callers: Caller[] = [];
  private readonly pools = new Map<string, Pool>();
  private phones = 13_800_000_000 + Math.floor(Math.random() * 900_000) * 100;

  constructor(readonly product: TestProduct) {}

  private caller(label: string, role: Caller['role'], token?: string): Caller {
    const caller = { label, role, ...(token ? { token } : {}) };
    this.callers.push(caller);
    return caller;
  }

  private get = async <T>(token: string, path: string): Promise<T> => {
    const answer = await call<T>(this.product, 'GET', path, { token });
    if (answer.status !== 200) throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  };

  /* --------------------------------------- the cast ---------------------------------------- */

  private migrant = async (label: string): Promise<Migrant & { caller: Caller }> => {
    const migrant = await newMigrant(this.product);
    return { ...migrant, caller: this.caller(label, 'resident', migrant.token) };
  };

  readonly publicCaller = this.caller('nobody signed in', 'public');
  private readonly profileOwner = memo(() => this.migrant('resident with a profile'));
  private readonly landlord = memo(async () => {
    const landlord = await newLandlord(this.product);
    return { ...landlord, caller: this.caller('landlord', 'resident', landlord.token) };
  });
  private readonly housesByRoute = new Map<string, Promise<string>>();
  /**
   * The landlord's house in Futian that one route acts on: routes run side by side, and two of them
   * changing one house would refuse each other's stale versions. Each at an address of its own (the
   * owner cannot register one address twice), with room for any number of tenants.
   */
  private house = (routeId: string) => {
    let house = this.housesByRoute.get(routeId);
    if (!house) {
      const address = { division: SHENZHEN, detail: `福华路 ${this.housesByRoute.size + 1} 号` };
      house = this.landlord().then(async (landlord) => (await registerHouse(this.product, landlord, SHENZHEN, { address, maxOccupants: 2000, rooms: 500 })).id);
      this.housesByRoute.set(routeId, house);
    }
    return house;
  };
  private readonly officer = memo(async () => this.caller('officer of Futian', 'officer', (await officerFor(this.product, SHENZHEN)).token));
  private readonly admin = memo(async () => this.caller('administrator', 'admin', await adminToken(this.product)));
  private readonly organisation = memo(async () => {
    const { organisation, admin } = await organisationWithAdmin(this.product, (await this.admin()).token!);
    return { organisation, admin, caller: this.caller("organisation's administrator", 'agency', admin.token) };
  });
  private readonly shenzhenHolder = memo(() => permitHolder(this.product, SHENZHEN, SETTLED));

  private nextPhone = () => String(++this.phones);

  private ownVersion = (token: string, path: string) => async () => (await this.get<{ version: number }>(token, path)).version;
  private cardVersion = (token: string) => async () => (await this.get<{ self: { permit?: { version: number } } }>(token, '/api/me/permit')).self.permit?.version;
  private tenancyVersion = (token: string, houseId: string, tenancyId: string) => async () =>
    (await this.get<{ tenancies: Array<{ id: string; version: number }> }>(token, `/api/landlord/houses/${houseId}`)).tenancies.find((t) => t.id === tenancyId)?.version;

  private readonly lives =
    (values: Record<string, () => Promise<unknown>>) =>
    async (name: string): Promise<unknown> =>
      Object.hasOwn(values, name) ? values[name]!() : undefined;

  /** A permit application's photo and proof, uploaded once per subject. */
  private documents = (migrant: Pick<Migrant, 'token'>, proofKind = 'residenceProof') =>
    memo(async () => [
      { kind: 'photo', uploadId: await uploadFor(this.product, migrant, 'permitPhoto') },
      { kind: proofKind, uploadId: await uploadFor(this.product, migrant, 'permitProof') },
    ]);

  private async returnedDeclaration(): Promise<Subject> {
    const migrant = await this.migrant('resident with a returned declaration');
    const declared = await declare(this.product, migrant, SHENZHEN, addDays(today, -5));
    const returned = await call(this.product, 'POST', `/api/officer/declarations/${declared.id}/decision`, {
      token: (await this.officer()).token,
      body: { decision: 'return', reasons: ['addressIncomplete'], version: declared.version },
    });
    if (returned.status !== 200) throw new Error(`declaration not returned: ${JSON.stringify(returned.body)}`);
    return {
      caller: migrant.caller,
      params: { id: declared.id },
      live: this.lives({ version: this.ownVersion(migrant.token, `/api/me/declarations/${declared.id}`) }),
    };
  }

  private async officerOnDeclaration(): Promise<Subject> {
    const migrant = await this.migrant('resident declaring in Futian');
    const declared = await declare(this.product, migrant, SHENZHEN, addDays(today, -3));
    const officer = await this.officer();
    return { caller: officer, params: { id: declared.id }, live: this.lives({ version: this.ownVersion(officer.token!, `/api/officer/declarations/${declared.id}`) }) };
  }

  private async submittedApplication(accepted: boolean): Promise<{ officer: Caller; id: string; version: () => Promise<number> }> {
    const migrant = await registeredMigrant(this.product, SHENZHEN, SETTLED);
    this.caller('permit applicant', 'resident', migrant.token);
    const application = await applyWithDocuments(this.product, migrant);
    const officer = await this.officer();
    if (accepted) {
      const answer = await call(this.product, 'POST', `/api/officer/permit-applications/${application.id}/decision`, {
        token: officer.token,
        body: { action: 'accept', version: application.version },
      });
      if (answer.status !== 200) throw new Error(`application not accepted: ${JSON.stringify(answer.body)}`);
    }
    return { officer, id: application.id, version: this.ownVersion(officer.token!, `/api/officer/permit-applications/${application.id}`) };
  }

  /* ---------------------------------- pools, by route id ----------------------------------- */

  private readonly makers: Record<string, () => Pool> = {
    PutProfile: () =>
      fixed(async () => {
        const owner = await this.profileOwner();
        return { caller: owner.caller, live: this.lives({ version: this.ownVersion(owner.token, '/api/me/profile') }) };
      }),
    AddChild: () => rotating(async () => ({ caller: (await this.migrant('resident adding children')).caller }), { cap: 4, finished: everyNth(MAX_CHILDREN) }),
    CreateUpload: () => fixed(async () => ({ caller: (await this.profileOwner()).caller })),
    SubmitDeclaration: () =>
      rotating(
        async () => {
          const migrant = await this.migrant('resident declaring');
          const proof = memo(() => uploadFor(this.product, migrant, 'residenceProof', 'png'));
          return { caller: migrant.caller, live: this.lives({ proofUploadId: proof, houseCode: () => this.house('SubmitDeclaration') }) };
        },
        { cap: 20 },
      ),
    ResubmitDeclaration: () => rotating(() => this.returnedDeclaration(), { cap: 8 }),
    MoveOut: () =>
      rotating(
        async () => {
          const migrant = await this.migrant('resident moving out');
          const declared = await declare(this.product, migrant, SHENZHEN, addDays(today, -20));
          return { caller: migrant.caller, params: { id: declared.id }, live: this.lives({ version: this.ownVersion(migrant.token, `/api/me/declarations/${declared.id}`) }) };
        },
        { cap: 20 },
      ),
    RevealCitizenId: () => fixed(() => this.officerOnDeclaration()),
    Decide: () => rotating(() => this.officerOnDeclaration(), { cap: 25 }),
    ApplyForPermit: () =>
      rotating(
        async () => {
          const migrant = await registeredMigrant(this.product, SHENZHEN, SETTLED);
          return { caller: this.caller('permit applicant', 'resident', migrant.token), live: this.lives({ documents: this.documents(migrant) }) };
        },
        { cap: 6 },
      ),
    ResubmitPermitApplication: () =>
      rotating(
        async () => {
          const migrant = await registeredMigrant(this.product, SHENZHEN, SETTLED);
          const application = await applyWithDocuments(this.product, migrant);
          const returned = await call(this.product, 'POST', `/api/officer/permit-applications/${application.id}/decision`, {
            token: (await this.officer()).token,
            body: { action: 'return', corrections: ['photoUnsuitable'], version: application.version },
          });
          if (returned.status !== 200) throw new Error(`application not returned: ${JSON.stringify(returned.body)}`);
          return {
            caller: this.caller('applicant asked to correct', 'resident', migrant.token),
            params: { id: application.id },
            live: this.lives({ version: this.ownVersion(migrant.token, `/api/me/permit/applications/${application.id}`), documents: this.documents(migrant) }),
          };
        },
        { cap: 8 },
      ),
    EndorsePermit: () => this.holderPool(),
    RenewPermit: () => this.holderPool(),
    CancelPermit: () => this.cancellationPool(false),
    WithdrawCancellation: () => this.cancellationPool(true),
    DecidePermitApplication: () =>
      rotating(
        async () => {
          const { officer, id, version } = await this.submittedApplication(false);
          return { caller: officer, params: { id }, live: this.lives({ version }) };
        },
        { cap: 12, finished: (body) => !['submitted', 'accepted'].includes(statusOf(body) ?? '') },
      ),
    BulkApprovePermits: () =>
      rotating(
        async () => {
          const { officer, id, version } = await this.submittedApplication(true);
          return { caller: officer, live: this.lives({ approvals: async () => [{ id, version: await version() }] }) };
        },
        { cap: 4, finished: (body) => (body as { results?: Array<{ outcome: string }> }).results?.[0]?.outcome === 'approved' },
      ),
    RegisterHouse: () => fixed(async () => ({ caller: (await this.landlord()).caller })),
    UpdateHouse: () =>
      fixed(async () => {
        const { caller, token } = await this.landlord();
        const id = await this.house('UpdateHouse');
        return { caller, params: { id }, live: this.lives({ version: this.ownVersion(token, `/api/landlord/houses/${id}`) }) };
      }),
    AddAgent: () => fixed(async () => ({ caller: (await this.landlord()).caller, params: { id: await this.house('AddAgent') } })),
    RemoveAgent: () =>
      rotating(
        async () => {
          const { caller, token } = await this.landlord();
          const id = await this.house('RemoveAgent');
          const agent = await call<{ id: string }>(this.product, 'POST', `/api/landlord/houses/${id}/agents`, { token, body: { phone: this.nextPhone() } });
          if (agent.status !== 201) throw new Error(`agent not added: ${JSON.stringify(agent.body)}`);
          return { caller, params: { id, agentId: agent.body.id } };
        },
        { cap: 80 },
      ),
    ReportTenants: () => fixed(async () => ({ caller: (await this.landlord()).caller, params: { id: await this.house('ReportTenants') } })),
    MoveTenantOut: () =>
      rotating(
        async () => {
          const landlord = await this.landlord();
          const houseId = await this.house('MoveTenantOut');
          const tenancy = await reportTenant(this.product, landlord, houseId, { moveInDate: addDays(today, -10) });
          return { caller: landlord.caller, params: { id: tenancy.id }, live: this.lives({ version: this.tenancyVersion(landlord.token, houseId, tenancy.id) }) };
        },
        { cap: 40 },
      ),
    DecideConfirmation: () =>
      rotating(
        async () => {
          const landlord = await this.landlord();
          const tenant = await this.migrant("tenant asking the landlord's confirmation");
          const { tenancyId } = await declareAtHouse(this.product, tenant, await this.house('DecideConfirmation'), SHENZHEN);
          const version = async () =>
            (await this.get<{ items: Array<{ id: string; version: number }> }>(landlord.token, '/api/landlord/confirmations')).items.find((t) => t.id === tenancyId)?.version;
          return { caller: landlord.caller, params: { id: tenancyId }, live: this.lives({ version }) };
        },
        { cap: 12 },
      ),
    ConfirmTenancy: () =>
      rotating(
        async () => {
          const landlord = await this.landlord();
          const tenant = await this.migrant('tenant the landlord reported');
          const tenancy = await reportTenant(this.product, landlord, await this.house('ConfirmTenancy'), { name: tenant.name, citizenId: tenant.citizenId, phone: tenant.phone });
          const version = async () =>
            (await this.get<{ items: Array<{ id: string; version: number }> }>(tenant.token, '/api/me/tenancies')).items.find((t) => t.id === tenancy.id)?.version;
          return { caller: tenant.caller, params: { id: tenancy.id }, live: this.lives({ version }) };
        },
        { cap: 12 },
      ),
    VerifyTenancy: () =>
      rotating(
        async () => {
          const landlord = await this.landlord();
          const houseId = await this.house('VerifyTenancy');
          const tenancy = await reportTenant(this.product, landlord, houseId);
          return { caller: await this.officer(), params: { id: tenancy.id }, live: this.lives({ version: this.tenancyVersion(landlord.token, houseId, tenancy.id) }) };
        },
        { cap: 25 },
      ),
    CreateOrganisation: () => fixed(async () => ({ caller: await this.admin() })),
    CreateOrganisationUser: () =>
      fixed(async () => {
        const admin = await this.admin();
        return { caller: admin, params: { id: (await createOrganisation(this.product, admin.token!)).id } };
      }),
    CreateSheetUpload: () => fixed(async () => ({ caller: (await this.organisation()).caller })),
    CommitSheetUpload: () =>
      fixed(async () => {
        const { caller } = await this.organisation();
        const row = { name: '王五', citizenId: tenantCitizenId(), phone: this.nextPhone(), event: sheetTexts('zh-CN').events.hire, date: today, workplace: '示例建筑劳务有限公司' };
        const id = await uploadSheet(this.product, caller.token!, 'hires.csv', csvOf([row]));
        await waitForUpload(this.product, caller.token!, id, ['checked'], { timeoutMs: 60_000 });
        return { caller, params: { id } };
      }),
    CreateApiKey: () => fixed(async () => ({ caller: (await this.organisation()).caller })),
    RevokeApiKey: () =>
      rotating(
        async () => {
          const { caller } = await this.organisation();
          return { caller, params: { id: (await createApiKey(this.product, caller.token!, 'to revoke')).key.id } };
        },
        { cap: 80 },
      ),
    IssueToken: () =>
      fixed(async () => {
        const admin = await this.admin();
        const { id } = await createOrganisation(this.product, admin.token!);
        const user = await createOrganisationUser(this.product, admin.token!, id);
        return { caller: this.publicCaller, live: this.lives({ username: async () => user.username, password: async () => user.password }) };
      }),
    PutLocalBlob: () =>
      rotating(
        async () => {
          const owner = await this.profileOwner();
          const bytes = fileOf('png');
          const ticket = await call<Ticket>(this.product, 'POST', '/api/me/uploads', {
            token: owner.token,
            body: { purpose: 'residenceProof', fileName: 'proof.png', contentType: 'image/png', size: bytes.length },
          });
          if (ticket.status !== 201) throw new Error(`no upload ticket: ${JSON.stringify(ticket.body)}`);
          const url = new URL(ticket.body.url, this.product.url);
          const prefix = '/api/local-blobs/';
          return {
            caller: this.publicCaller,
            params: { key: decodeURIComponent(url.pathname.slice(prefix.length)) },
            query: Object.fromEntries(url.searchParams),
            file: { bytes, headers: ticket.body.headers },
          };
        },
        { cap: 80 },
      ),
  };

  private holderPool(): Pool {
    return fixed(async () => {
      const { migrant } = await this.shenzhenHolder();
      return { caller: this.caller('permit holder in Futian', 'resident', migrant.token), live: this.lives({ version: this.cardVersion(migrant.token) }) };
    });
  }

  /**
   * Reporting a departure and withdrawing it, each on a Datong permit of its own (the 30-day return
   * grace keeps the permit alive): the pool starts from the state its route acts on, and puts it back
   * after a success. A departure dated far enough back cancels the permit at once: then a new holder.
   */
  private cancellationPool(withdrawing: boolean): Pool {
    const cancel = async (token: string) =>
      call(this.product, 'POST', '/api/me/permit/cancellation', { token, body: { leavingOn: addDays(today, 5), version: await this.cardVersion(token)() } });
    const withdraw = (token: string) => call(this.product, 'DELETE', '/api/me/permit/cancellation', { token });
    const undo = withdrawing ? cancel : withdraw;
    let holders = 0;
    let subject: Promise<Subject> | undefined;
    const make = async (): Promise<Subject> => {
      holders++;
      const { migrant } = await permitHolder(this.product, DATONG, SETTLED);
      await undo(migrant.token);
      return { caller: this.caller('permit holder in Datong', 'resident', migrant.token), live: this.lives({ version: this.cardVersion(migrant.token) }) };
    };
    return {
      current: () => (subject ??= make()),
      async settle(body) {
        if (statusOf(body) === 'cancelled' && holders < 3) subject = undefined;
        else await undo((await subject!).caller.token!);
      },
    };
  }

  /** The pool of a route: its own, or a caller of its first role with made-up path values. */
  pool(route: Route): Pool {
    let pool = this.pools.get(route.id);
    if (!pool) {
      const maker = this.makers[route.id];
      pool = maker ? maker() : fixed(async () => ({ caller: await this.callerFor(route) }));
      this.pools.set(route.id, pool);
    }
    return pool;
  }

  /** A caller of the route's first role (any signed-in role's first account), or nobody on a public route. */
  async callerFor(route: Route): Promise<Caller> {
    const { access } = route.contract;
    if (access === 'public') return this.publicCaller;
    const role = access[0]!;
    if (role === 'officer') return this.officer();
    if (role === 'admin') return this.admin();
    if (role === 'agency') return (await this.organisation()).caller;
    return (await this.profileOwner()).caller;
  }

  /** Hints for a route: what only this route's fields mean (a schema's refinements say it, JSON Schema cannot), then the defaults. */
  hints(route: Route): Hints {
    const own: Record<string, Hints> = {
      // Under 16: an ID number, or a birth date (and maybe the sex), not both.
      AddChild: [['', validChild]],
      // One way of signing in or the other, never both: the pool's user, or a phone and a code.
      IssueToken: [
        [
          '',
          fc.oneof(
            fc.constant({ username: new Live('username'), password: new Live('password') }),
            fc.record({ phone, code: fc.stringMatching(/^\d{6}$/) }),
          ),
        ],
      ],
      // A replacement is for a permit held: mostly a first application.
      ApplyForPermit: [['kind', fc.oneof({ arbitrary: fc.constant('first'), weight: 4 }, { arbitrary: fc.constant('replacement'), weight: 1 })]],
      // Reasons only when returning, and a note when one of them is "other".
      Decide: [['', validDecision.map((decision) => ({ ...decision, version: new Live('version') }))]],
    };
    return [...(own[route.id] ?? []), ...DEFAULT_HINTS];
  }
}
