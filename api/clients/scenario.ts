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
      // The link is opaque: take its query and headers as given.
      const u = new URL(next.uri, "https://link.invalid");
      const size = u.searchParams.get("size");
      const seek = u.searchParams.get("seekOperation");
      query = {};
      if (size !== null) query.size = Number(size);
      if (seek !== null) query.seekOperation = seek;
      continuation = next.headers?.find((h) => h.key === "MS-ContinuationToken")?.value;
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

  console.log(`${name}: ${passed} passed, ${failed} failed`);
  if (failed > 0) process.exitCode = 1;
}
