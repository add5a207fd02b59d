// The scenario every TypeScript client of the generator matrix runs against the
// standalone fake (`partnercenter fake serve`), started by api/clients/run-matrix.sh.
// Each generator's script (api/clients/<generator>/run.ts) implements Calls with the
// code that generator produced from the unpatched openapi.yaml, using it the way its
// documentation shows; this file holds the checks, so every client is held to the
// same answers. api/clients/autorest/run.py is the same scenario in Python.

// Node's globals, declared here so the scripts need no @types/node.
declare const process: { env: Record<string, string | undefined>; exitCode?: number };

/** What a call answered: the status, and the decoded body or error body. */
export interface Answer<T> {
  status: number;
  data?: T;
  /** The error body, for a status the client treats as an error. */
  error?: unknown;
}

/** A page of the listing, reduced to what the scenario reads. */
export interface Page {
  items?: { id?: string; companyProfile?: { companyName?: string } }[];
  links?: { next?: { uri?: string; headers?: { key?: string; value?: string }[] } };
}

/** The billing profile fields the scenario reads and writes. */
export interface Billing {
  email?: string;
  attributes?: { etag?: string };
}

/** A user account, reduced to what the scenario reads. */
export interface User {
  id?: string;
  userPrincipalName?: string;
  displayName?: string;
  state?: string;
  softDeletionTime?: string | null;
}

/** A page of the user listing. */
export interface UserPage {
  items?: User[];
  links?: Page["links"];
}

/** The account to create, with its initial password. */
export interface NewUser {
  userPrincipalName: string;
  firstName: string;
  lastName: string;
  displayName: string;
  usageLocation: string;
  passwordProfile: { password: string; forceChangePassword: boolean };
  attributes: { objectType: string };
}

/** The answer to a create: the account with its password in clear (a secret: never printed). */
export interface CreatedUser extends User {
  passwordProfile?: { password?: string; forceChangePassword?: boolean };
}

/** The changes of an update: a new display name, or the restore (state active). */
export interface UserChange {
  displayName?: string;
  state?: "active";
  attributes: { objectType: string };
}

/** A subscribed SKU with its unit counts. */
export interface SubscribedSku {
  availableUnits?: number;
  consumedUnits?: number;
  totalUnits?: number;
  productSku?: { id?: string; name?: string; licenseGroupId?: string };
}

/** A license change: SKUs to assign and to remove; the answer adds warnings. */
export interface LicenseChange {
  licensesToAssign?: { skuId?: string }[];
  licensesToRemove?: string[];
  licenseWarnings?: { code?: string }[];
  attributes?: { objectType?: string };
}

/** A directory role. */
export interface Role {
  id?: string;
  name?: string;
}

/** The user to add to a directory role. */
export interface NewMember {
  id: string;
  displayName: string;
  userPrincipalName: string;
  attributes: { objectType: string };
}

/** A user holding a directory role. */
export interface Member {
  id?: string;
  displayName?: string;
  userPrincipalName?: string;
  roleId?: string;
}

/**
 * A subscription. `status`, `billingType` and `renewalTermDuration` are open
 * enumerations (plain strings with x-ms-enum): typed `string` here, so a script
 * that hands this type to its generated client's update compiles only if the
 * generator kept them open.
 */
export interface Subscription {
  id?: string;
  quantity?: number;
  status?: string;
  billingType?: string;
  renewalTermDuration?: string;
  parentSubscriptionId?: string | null;
  attributes?: { etag?: string; objectType?: string };
}

/** A collection that does not page. */
export interface Items<T> {
  items?: T[];
}

/** The calls of the scenario, written with one generated client. */
export interface Calls {
  getCustomer(id: string): Promise<Answer<{ id?: string; companyProfile?: { companyName?: string } }>>;
  customDomains(id: string): Promise<Answer<string[]>>;
  /** The organization answer as the client hands it over (array or object). */
  organization(id: string): Promise<Answer<unknown>>;
  /** One page of the listing; query and continuation token as the next link gives them. */
  listPage(query: { size?: number; seekOperation?: string }, continuationToken?: string): Promise<Answer<Page>>;
  /** A search with the filter document as a JSON string. */
  search(filter: string): Promise<Answer<Page>>;
  getBilling(id: string): Promise<Answer<Billing>>;
  updateBilling(id: string, ifMatch: string, profile: Billing): Promise<Answer<Billing>>;
  /** The status of the HEAD domain check: 200 taken, 404 available. */
  domainStatus(domain: string): Promise<number>;

  // Users
  /** One page of a customer's users; query and continuation token as the next link gives them. */
  listUsers(
    customer: string,
    query: { size?: number; seekOperation?: string; filter?: string },
    continuationToken?: string,
  ): Promise<Answer<UserPage>>;
  getUser(customer: string, user: string): Promise<Answer<User>>;
  createUser(customer: string, user: NewUser): Promise<Answer<CreatedUser>>;
  updateUser(customer: string, user: string, change: UserChange): Promise<Answer<User>>;
  /** The status of the delete: 204. */
  deleteUser(customer: string, user: string): Promise<Answer<unknown>>;

  // Licenses
  subscribedSkus(customer: string): Promise<Answer<Items<SubscribedSku>>>;
  userLicenses(customer: string, user: string): Promise<Answer<Items<{ productSku?: { id?: string } }>>>;
  updateLicenses(customer: string, user: string, change: LicenseChange): Promise<Answer<LicenseChange>>;

  // Directory roles
  directoryRoles(customer: string): Promise<Answer<Items<Role>>>;
  roleMembers(customer: string, role: string): Promise<Answer<Items<Member>>>;
  addRoleMember(customer: string, role: string, member: NewMember): Promise<Answer<Member>>;
  removeRoleMember(customer: string, role: string, user: string): Promise<Answer<unknown>>;
  userRoles(customer: string, user: string): Promise<Answer<Items<Role>>>;

  // Subscriptions
  subscriptions(customer: string): Promise<Answer<Items<Subscription>>>;
  getSubscription(customer: string, subscription: string): Promise<Answer<Subscription>>;
  /** The whole subscription as read, edited; If-Match (quoted ETag) when it has one. */
  updateSubscription(customer: string, subscription: string, ifMatch: string | undefined, body: Subscription): Promise<Answer<Subscription>>;
}

/** Where the fakes run, from the driver. */
export interface Fakes {
  /** Base URL with /v1 of the fake answering the organization as an array. */
  url: string;
  /** Base URL with /v1 of the fake answering the organization as an object. */
  objectUrl: string;
  /** Customers the fakes hold: the documented ones plus --customers. */
  customers: number;
}

export function fakes(): Fakes {
  const url = process.env["PC_FAKE_URL"];
  const objectUrl = process.env["PC_FAKE_OBJECT_URL"];
  const customers = Number(process.env["PC_FAKE_CUSTOMERS"]);
  if (!url || !objectUrl || !Number.isInteger(customers)) {
    throw new Error("PC_FAKE_URL, PC_FAKE_OBJECT_URL and PC_FAKE_CUSTOMERS must be set (run api/clients/run-matrix.sh)");
  }
  return { url: url + "/v1", objectUrl: objectUrl + "/v1", customers };
}

/** The token the fake accepts; it checks only that one is present. */
export const token = "matrix-test-token";

const documentedId = "aaaabbbb-0000-cccc-1111-dddd2222eeee";
const unknownId = "0b4ad2fd-0000-4000-8000-00000000f404";
const takenDomain = "abcdefgh1234.onmicrosoft.com";
const freeDomain = "matrix-free-name.onmicrosoft.com";

/** The error code of an ApiFault body as text; the service sends a number. */
function faultCode(body: unknown): string {
  const code: unknown = typeof body === "object" && body !== null ? (body as { code?: unknown }).code : undefined;
  return typeof code === "number" || typeof code === "string" ? String(code) : "";
}

/** The query and MS-ContinuationToken of a next link, taken as given (the link is opaque). */
function nextRequest(next: { uri?: string; headers?: { key?: string; value?: string }[] }): {
  query: { size?: number; seekOperation?: string; filter?: string };
  continuation?: string;
} {
  const u = new URL(next.uri ?? "", "https://link.invalid");
  const query: { size?: number; seekOperation?: string; filter?: string } = {};
  const size = u.searchParams.get("size");
  const seek = u.searchParams.get("seekOperation");
  const filter = u.searchParams.get("filter");
  if (size !== null) query.size = Number(size);
  if (seek !== null) query.seekOperation = seek;
  if (filter !== null) query.filter = filter;
  return { query, continuation: next.headers?.find((h) => h.key === "MS-ContinuationToken")?.value };
}

/** Normalises the organization answer: the documented array or a bare object. */
function organizations(body: unknown): { displayName?: string }[] {
  if (Array.isArray(body)) return body as { displayName?: string }[];
  return typeof body === "object" && body !== null ? [body as { displayName?: string }] : [];
}

/** Runs the scenario with the calls of two clients (array and object fakes). */
export async function runScenario(name: string, calls: Calls, objectCalls: Calls, env: Fakes): Promise<void> {
  let passed = 0;
  let failed = 0;
  const check = async (what: string, body: () => Promise<string | undefined>): Promise<void> => {
    let problem: string | undefined;
    try {
      problem = await body();
    } catch (e) {
      problem = `threw ${e instanceof Error ? e.message : String(e)}`;
    }
    if (problem === undefined) {
      passed++;
      console.log(`ok   ${name}: ${what}`);
    } else {
      failed++;
      console.log(`FAIL ${name}: ${what}: ${problem}`);
    }
  };

  await check("get customer", async () => {
    const r = await calls.getCustomer(documentedId);
    if (r.status !== 200 || r.data?.id !== documentedId) return `status ${r.status}, id ${r.data?.id}`;
    if (r.data.companyProfile?.companyName !== "1kl as kjk") return `company ${r.data.companyProfile?.companyName}`;
    return undefined;
  });

  await check("custom domains", async () => {
    const r = await calls.customDomains(documentedId);
    if (r.status !== 200 || !Array.isArray(r.data) || !r.data.includes(takenDomain)) return `status ${r.status}, ${JSON.stringify(r.data)}`;
    return undefined;
  });

  for (const [form, c, array] of [["array", calls, true], ["object", objectCalls, false]] as const) {
    await check(`organization as ${form}`, async () => {
      const r = await c.organization(documentedId);
      if (r.status !== 200 || Array.isArray(r.data) !== array) return `status ${r.status}, body ${JSON.stringify(r.data)}`;
      const orgs = organizations(r.data);
      if (orgs.length !== 1 || !orgs[0]?.displayName) return `organizations ${JSON.stringify(orgs)}`;
      return undefined;
    });
  }

  await check("listing followed through links.next with MS-ContinuationToken", async () => {
    const ids = new Set<string>();
    let query: { size?: number; seekOperation?: string } = { size: 10 };
    let continuation: string | undefined;
    for (let pages = 1; ; pages++) {
      if (pages > 20) return "more than 20 pages";
      const r = await calls.listPage(query, continuation);
      if (r.status !== 200 || !r.data) return `page ${pages}: status ${r.status} ${JSON.stringify(r.error)}`;
      for (const c of r.data.items ?? []) if (c.id) ids.add(c.id);
      const next = r.data.links?.next;
      if (!next?.uri) break;
      ({ query, continuation } = nextRequest(next));
      if (!continuation) return `page ${pages}: next link without MS-ContinuationToken`;
    }
    if (ids.size !== env.customers) return `saw ${ids.size} distinct customers, the fake holds ${env.customers}`;
    return undefined;
  });

  await check("search returns only matches (case-insensitive prefix)", async () => {
    const prefix = "cont";
    const r = await calls.search(JSON.stringify({ Field: "CompanyName", Value: prefix, Operator: "starts_with" }));
    const items = r.data?.items ?? [];
    if (r.status !== 200 || items.length === 0) return `status ${r.status}, ${items.length} items ${JSON.stringify(r.error)}`;
    if (items.length >= env.customers) return `${items.length} items: the listing came back unfiltered`;
    const wrong = items.filter((c) => !(c.companyProfile?.companyName ?? "").toLowerCase().startsWith(prefix));
    if (wrong.length > 0) return `non-matching: ${wrong.map((c) => c.companyProfile?.companyName).join(", ")}`;
    return undefined;
  });

  await check("billing profile read, update with If-Match, 412 on the stale ETag", async () => {
    const read = await calls.getBilling(documentedId);
    const etag = read.data?.attributes?.etag;
    if (read.status !== 200 || !read.data || !etag) return `read: status ${read.status}, etag ${etag}`;
    const email = `matrix-${Date.now()}@contoso.com`;
    const updated = await calls.updateBilling(documentedId, `"${etag}"`, { ...read.data, email });
    const newEtag = updated.data?.attributes?.etag;
    if (updated.status !== 200 || updated.data?.email !== email || !newEtag || newEtag === etag) {
      return `update: status ${updated.status}, email ${updated.data?.email}, etag ${newEtag}`;
    }
    const stale = await calls.updateBilling(documentedId, `"${etag}"`, { ...read.data, email: "stale@contoso.com" });
    if (stale.status !== 412 || stale.error === undefined) return `stale update: status ${stale.status}, error ${JSON.stringify(stale.error)}`;
    const again = await calls.getBilling(documentedId);
    if (again.data?.email !== email) return `the stale update changed the profile: ${again.data?.email}`;
    return undefined;
  });

  await check("domain check: 200 taken, 404 available", async () => {
    const taken = await calls.domainStatus(takenDomain);
    const free = await calls.domainStatus(freeDomain);
    if (taken !== 200 || free !== 404) return `taken answered ${taken}, free answered ${free}`;
    return undefined;
  });

  await check("404 surfaced as an error with its code", async () => {
    const r = await calls.getCustomer(unknownId);
    if (r.status !== 404 || r.data !== undefined) return `status ${r.status}, data ${JSON.stringify(r.data)}`;
    if (faultCode(r.error) !== "60003") return `error ${JSON.stringify(r.error)}, want code 60003`;
    return undefined;
  });

  await tenantScenario(calls, check);

  console.log(`${name}: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}

// ---- Inside the documented customer's tenant: users, licenses, directory roles and
// subscriptions (issue 17). Every generator gets fakes of its own, so the tenant starts
// as the spec's examples describe it: two active users and a deleted one, the subscribed
// SKUs, two roles without members and six subscriptions.

const documentedUserId = "a9ef48bb-8758-4590-a312-d4a47bfaded4";
const documentedActiveUsers = 2;
const unknownUserId = "0b4ad2fd-0000-4000-8000-00000000a404";
const deletedUsersFilter = JSON.stringify({ Field: "UserState", Value: "Inactive", Operator: "equals" });
/** The values TermDuration's x-ms-enum lists; answers also send others (""). */
const listedTermDurations = ["P1M", "P1Y", "P3Y"];

type Check = (what: string, body: () => Promise<string | undefined>) => Promise<void>;

/** Every user of a listing, followed through links.next; a string says what went wrong. */
async function allUsers(calls: Calls, first: { size?: number; filter?: string }): Promise<{ users: User[]; pages: number } | string> {
  const users: User[] = [];
  let query: { size?: number; seekOperation?: string; filter?: string } = first;
  let continuation: string | undefined;
  for (let pages = 1; ; pages++) {
    if (pages > 20) return "more than 20 pages";
    const r = await calls.listUsers(documentedId, query, continuation);
    if (r.status !== 200 || !r.data) return `page ${pages}: status ${r.status} ${JSON.stringify(r.error)}`;
    users.push(...(r.data.items ?? []));
    const next = r.data.links?.next;
    if (!next?.uri) return { users, pages };
    ({ query, continuation } = nextRequest(next));
    if (!continuation) return `page ${pages}: next link without MS-ContinuationToken`;
  }
}

async function tenantScenario(calls: Calls, check: Check): Promise<void> {
  const tenant = documentedId;
  const stamp = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const upn = `matrix-${stamp}@${takenDomain}`;
  // Made up here, sent, and compared with the answer; never printed.
  const password = `Mx-${Math.random().toString(36).slice(2, 12)}!7a`;
  let user: { id: string; userPrincipalName: string; displayName: string } | undefined;
  const noUser = "no user: the create failed";

  // ---- Users
  await check("users: create answers the account with its password (not printed)", async () => {
    const r = await calls.createUser(tenant, {
      userPrincipalName: upn,
      firstName: "Matrix",
      lastName: "Scenario",
      displayName: "Matrix Scenario",
      usageLocation: "US",
      passwordProfile: { password, forceChangePassword: true },
      attributes: { objectType: "CustomerUser" },
    });
    // Only the status and the error go into a failure message: the answer holds the password.
    if (r.status !== 200 || !r.data?.id) return `status ${r.status}, error ${JSON.stringify(r.error)}`;
    const got = r.data.passwordProfile?.password;
    if (typeof got !== "string" || got.length === 0) return "the answer carries no password";
    if (got !== password) return "the answer's password is not the one sent";
    if (r.data.userPrincipalName !== upn) return `userPrincipalName ${r.data.userPrincipalName}`;
    user = { id: r.data.id, userPrincipalName: upn, displayName: r.data.displayName ?? "" };
    return undefined;
  });

  await check("users: listing (size 1) followed through links.next holds the documented and the new user", async () => {
    if (!user) return noUser;
    const res = await allUsers(calls, { size: 1 });
    if (typeof res === "string") return res;
    const ids = new Set(res.users.map((u) => u.id));
    if (res.pages < 2) return `${res.pages} page: the listing did not page`;
    if (!ids.has(documentedUserId) || !ids.has(user.id)) return `ids ${[...ids].join(", ")}`;
    if (ids.size !== documentedActiveUsers + 1) return `${ids.size} users, want ${documentedActiveUsers + 1}`;
    if (res.users.some((u) => u.state !== "active")) return `states ${res.users.map((u) => u.state).join(", ")}`;
    return undefined;
  });

  await check("users: get one (no password in the read); an unknown one is 404 with code 60002", async () => {
    if (!user) return noUser;
    const r = await calls.getUser(tenant, user.id);
    if (r.status !== 200 || r.data?.id !== user.id || r.data.userPrincipalName !== upn) {
      return `status ${r.status}, id ${r.data?.id}, userPrincipalName ${r.data?.userPrincipalName}`;
    }
    if (JSON.stringify(r.data).includes(password)) return "the read carries the password";
    const unknown = await calls.getUser(tenant, unknownUserId);
    if (unknown.status !== 404 || faultCode(unknown.error) !== "60002") return `unknown user: status ${unknown.status}, error ${JSON.stringify(unknown.error)}`;
    return undefined;
  });

  await check("users: update the display name", async () => {
    if (!user) return noUser;
    const displayName = `Matrix Renamed ${stamp}`;
    const r = await calls.updateUser(tenant, user.id, { displayName, attributes: { objectType: "CustomerUser" } });
    if (r.status !== 200 || r.data?.displayName !== displayName) return `status ${r.status}, displayName ${r.data?.displayName} ${JSON.stringify(r.error)}`;
    const again = await calls.getUser(tenant, user.id);
    if (again.data?.displayName !== displayName) return `read back: ${again.data?.displayName}`;
    user.displayName = displayName;
    return undefined;
  });

  await check("users: delete (204), then listed only by the deleted-users filter, inactive", async () => {
    if (!user) return noUser;
    const id = user.id;
    const del = await calls.deleteUser(tenant, id);
    if (del.status !== 204) return `delete: status ${del.status} ${JSON.stringify(del.error)}`;
    const active = await allUsers(calls, {});
    if (typeof active === "string") return `active listing: ${active}`;
    if (active.users.some((u) => u.id === id)) return "the deleted user is still among the active ones";
    const deleted = await allUsers(calls, { filter: deletedUsersFilter });
    if (typeof deleted === "string") return `deleted listing: ${deleted}`;
    const found = deleted.users.find((u) => u.id === id);
    if (!found) return `not among the deleted: ${deleted.users.map((u) => u.id).join(", ")}`;
    if (found.state !== "inactive" || !found.softDeletionTime) return `state ${found.state}, softDeletionTime ${found.softDeletionTime}`;
    if (deleted.users.some((u) => u.state !== "inactive")) return `deleted listing states ${deleted.users.map((u) => u.state).join(", ")}`;
    return undefined;
  });

  await check("users: restore (state active), listed again", async () => {
    if (!user) return noUser;
    const id = user.id;
    const r = await calls.updateUser(tenant, id, { state: "active", attributes: { objectType: "CustomerUser" } });
    if (r.status !== 200 || r.data?.state !== "active") return `status ${r.status}, state ${r.data?.state} ${JSON.stringify(r.error)}`;
    const active = await allUsers(calls, {});
    if (typeof active === "string") return `active listing: ${active}`;
    if (!active.users.some((u) => u.id === id)) return "the restored user is not listed";
    return undefined;
  });

  // ---- Licenses (on the restored user)
  let sku: string | undefined;
  const counts = async (id: string): Promise<SubscribedSku | undefined> =>
    (await calls.subscribedSkus(tenant)).data?.items?.find((s) => s.productSku?.id === id);
  const holds = async (userId: string, skuId: string): Promise<boolean> =>
    ((await calls.userLicenses(tenant, userId)).data?.items ?? []).some((l) => l.productSku?.id === skuId);

  await check("licenses: subscribed SKUs listed with their units", async () => {
    const r = await calls.subscribedSkus(tenant);
    const items = r.data?.items ?? [];
    if (r.status !== 200 || items.length === 0) return `status ${r.status}, ${items.length} SKUs ${JSON.stringify(r.error)}`;
    if (items.some((s) => typeof s.consumedUnits !== "number" || typeof s.availableUnits !== "number")) return "a SKU without unit counts";
    sku = items.find((s) => (s.availableUnits ?? 0) > 0 && s.productSku?.id)?.productSku?.id;
    return sku ? undefined : "no SKU with a unit left";
  });

  await check("licenses: assign (201), in the user's licenses, consumed units up by one", async () => {
    if (!user || !sku) return "no user or no SKU";
    const before = await counts(sku);
    const r = await calls.updateLicenses(tenant, user.id, { licensesToAssign: [{ skuId: sku }], attributes: { objectType: "LicenseUpdate" } });
    if (r.status !== 201 || !Array.isArray(r.data?.licenseWarnings)) return `status ${r.status}, answer ${JSON.stringify(r.data ?? r.error)}`;
    if (!(await holds(user.id, sku))) return "not among the user's licenses";
    // consumedUnits only: the fake's availableUnits counts its own assignments twice
    // (api/README.md, findings).
    const after = await counts(sku);
    if (after?.consumedUnits !== (before?.consumedUnits ?? NaN) + 1) return `consumedUnits ${before?.consumedUnits} before, ${after?.consumedUnits} after`;
    return undefined;
  });

  await check("licenses: remove (201), gone from the user's licenses, consumed units down by one", async () => {
    if (!user || !sku) return "no user or no SKU";
    const before = await counts(sku);
    const r = await calls.updateLicenses(tenant, user.id, { licensesToRemove: [sku], attributes: { objectType: "LicenseUpdate" } });
    if (r.status !== 201) return `status ${r.status} ${JSON.stringify(r.error)}`;
    if (await holds(user.id, sku)) return "still among the user's licenses";
    const after = await counts(sku);
    if (after?.consumedUnits !== (before?.consumedUnits ?? NaN) - 1) return `consumedUnits ${before?.consumedUnits} before, ${after?.consumedUnits} after`;
    return undefined;
  });

  // ---- Directory roles
  let role: string | undefined;
  const members = async (roleId: string): Promise<(string | undefined)[]> =>
    ((await calls.roleMembers(tenant, roleId)).data?.items ?? []).map((m) => m.id);
  const rolesOf = async (userId: string): Promise<(string | undefined)[]> =>
    ((await calls.userRoles(tenant, userId)).data?.items ?? []).map((r) => r.id);

  await check("directory roles: listed", async () => {
    const r = await calls.directoryRoles(tenant);
    const items = r.data?.items ?? [];
    if (r.status !== 200 || items.length === 0 || items.some((x) => !x.id || !x.name)) return `status ${r.status}, ${JSON.stringify(r.data ?? r.error)}`;
    role = items[0]?.id;
    return undefined;
  });

  await check("directory roles: add the user (201), among the role's members and the user's roles", async () => {
    if (!user || !role) return "no user or no role";
    const r = await calls.addRoleMember(tenant, role, {
      id: user.id,
      displayName: user.displayName,
      userPrincipalName: user.userPrincipalName,
      attributes: { objectType: "UserMember" },
    });
    if (r.status !== 201 || r.data?.id !== user.id) return `status ${r.status}, ${JSON.stringify(r.data ?? r.error)}`;
    if (!(await members(role)).includes(user.id)) return "not among the role's members";
    if (!(await rolesOf(user.id)).includes(role)) return "the role is not among the user's roles";
    return undefined;
  });

  await check("directory roles: remove the user (204), gone from both listings", async () => {
    if (!user || !role) return "no user or no role";
    const r = await calls.removeRoleMember(tenant, role, user.id);
    if (r.status !== 204) return `status ${r.status} ${JSON.stringify(r.error)}`;
    if ((await members(role)).includes(user.id)) return "still among the role's members";
    if ((await rolesOf(user.id)).includes(role)) return "the role is still among the user's roles";
    return undefined;
  });

  // ---- Subscriptions
  let sub: string | undefined;
  const ifMatch = (s: Subscription | undefined): string | undefined => (s?.attributes?.etag ? `"${s.attributes.etag}"` : undefined);

  await check("subscriptions: listed, one read", async () => {
    const r = await calls.subscriptions(tenant);
    const items = r.data?.items ?? [];
    if (r.status !== 200 || items.length === 0) return `status ${r.status}, ${items.length} subscriptions ${JSON.stringify(r.error)}`;
    // An active one with an ETag, not an add-on, billed by license count or not at all.
    sub = items.find((s) => s.status === "active" && s.attributes?.etag && !s.parentSubscriptionId && s.billingType !== "usage")?.id;
    if (!sub) return "no active subscription with an ETag";
    const one = await calls.getSubscription(tenant, sub);
    if (one.status !== 200 || one.data?.id?.toLowerCase() !== sub.toLowerCase() || one.data.status !== "active") return `read: status ${one.status}, ${JSON.stringify(one.data ?? one.error)}`;
    return undefined;
  });

  await check("subscriptions: suspend (status suspended, If-Match), read back suspended", async () => {
    if (!sub) return "no subscription";
    const read = await calls.getSubscription(tenant, sub);
    if (!read.data) return `read: status ${read.status}`;
    const r = await calls.updateSubscription(tenant, sub, ifMatch(read.data), { ...read.data, status: "suspended" });
    if (r.status !== 200 || r.data?.status !== "suspended") return `status ${r.status}, ${JSON.stringify(r.data?.status ?? r.error)}`;
    if (!r.data.attributes?.etag || r.data.attributes.etag === read.data.attributes?.etag) return `etag ${r.data.attributes?.etag} after the change`;
    const again = await calls.getSubscription(tenant, sub);
    if (again.data?.status !== "suspended") return `read back: ${again.data?.status}`;
    return undefined;
  });

  await check("subscriptions: a quantity change while suspended is refused (400, 800091 SubscriptionSuspended)", async () => {
    if (!sub) return "no subscription";
    const read = await calls.getSubscription(tenant, sub);
    if (!read.data || read.data.quantity === undefined) return `read: status ${read.status}, quantity ${read.data?.quantity}`;
    const r = await calls.updateSubscription(tenant, sub, ifMatch(read.data), { ...read.data, quantity: read.data.quantity + 1 });
    if (r.status !== 400 || faultCode(r.error) !== "800091") return `status ${r.status}, error ${JSON.stringify(r.error)}`;
    const again = await calls.getSubscription(tenant, sub);
    if (again.data?.quantity !== read.data.quantity || again.data.status !== "suspended") return `read back: quantity ${again.data?.quantity}, status ${again.data?.status}`;
    return undefined;
  });

  await check("subscriptions: reactivate (status active)", async () => {
    if (!sub) return "no subscription";
    const read = await calls.getSubscription(tenant, sub);
    if (!read.data) return `read: status ${read.status}`;
    const r = await calls.updateSubscription(tenant, sub, ifMatch(read.data), { ...read.data, status: "active" });
    if (r.status !== 200 || r.data?.status !== "active") return `status ${r.status}, ${JSON.stringify(r.data?.status ?? r.error)}`;
    const again = await calls.getSubscription(tenant, sub);
    if (again.data?.status !== "active") return `read back: ${again.data?.status}`;
    return undefined;
  });

  await check("open enumerations: status and billingType are strings, an unlisted renewalTermDuration (\"\") comes through", async () => {
    const r = await calls.subscriptions(tenant);
    const items = r.data?.items ?? [];
    if (r.status !== 200 || items.length === 0) return `status ${r.status}`;
    const odd = items.filter((s) => typeof s.status !== "string" || typeof s.billingType !== "string");
    if (odd.length > 0) return `not strings: ${JSON.stringify(odd.map((s) => [s.status, s.billingType]))}`;
    const unlisted = items.find((s) => s.renewalTermDuration !== undefined && !listedTermDurations.includes(s.renewalTermDuration));
    if (!unlisted?.id) return "no subscription with a renewalTermDuration outside TermDuration's listed values";
    if (typeof unlisted.renewalTermDuration !== "string") return `renewalTermDuration ${JSON.stringify(unlisted.renewalTermDuration)}`;
    const one = await calls.getSubscription(tenant, unlisted.id);
    if (one.status !== 200 || one.data?.renewalTermDuration !== unlisted.renewalTermDuration) return `read: status ${one.status}, renewalTermDuration ${JSON.stringify(one.data?.renewalTermDuration)}`;
    return undefined;
  });
}
