// How a TypeScript team would use the types that openapi-typescript generates from
// openapi.yaml. `make spec-ts` generates the types and type-checks this file with
// tsc --noEmit (strict, see tsconfig.json); nothing here runs. When a spec change
// makes this code stop compiling, code generated from the spec by other teams would
// break the same way, so the change must be fixed or announced as breaking.
//
// The code is written defensively, as a consumer of this API should be: every
// property may be absent (except the ApiFault fields the reference says are always
// returned), enums may gain values, the organization answer is declared as the
// documented array but may arrive as a bare object, and the error code is declared
// without a type because it arrives as a number or a string.

import type { components, operations, paths } from "@partnercenter/openapi";

type Schemas = components["schemas"];

export type Customer = Schemas["Customer"];
export type CustomerCollection = Schemas["CustomerCollection"];
export type Organization = Schemas["CustomerOrganization"];
export type ApiFault = Schemas["ApiFault"];
export type ThrottleError = Schemas["ThrottleError"];
export type BillingProfile = Schemas["CustomerBillingProfile"];
export type SearchFilter = Schemas["CustomerSearchFilter"];

// Bodies as the operations declare them, so that a path, method or status that
// disappears from the spec fails here too.
type GetCustomer = paths["/customers/{customerTenantId}"]["get"];
type GetOrganization = paths["/customers/{customerTenantId}/organization"]["get"];
type ListCustomers = operations["listCustomers"];
type UpdateBillingProfile = operations["updateCustomerBillingProfile"];

export type CustomerBody = GetCustomer["responses"][200]["content"]["application/json"];
export type OrganizationAnswer = GetOrganization["responses"][200]["content"]["application/json"];
export type ErrorBody =
  | GetCustomer["responses"][404]["content"]["application/json"]
  | GetCustomer["responses"][429]["content"]["application/json"];

// Compile-time checks of the shapes this file depends on. `Equals` is exact, so
// a union that loses a member (or turns into unknown) fails.
type Equals<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Expect<T extends true> = T;
export type ContractChecks = [
  Expect<Equals<CustomerBody, Customer>>,
  Expect<Equals<ApiFault["code"], unknown>>,
  Expect<Equals<ApiFault["description"], string>>,
  Expect<Equals<OrganizationAnswer, Organization[]>>,
  Expect<Equals<ErrorBody, ApiFault | ThrottleError>>,
  Expect<Equals<GetCustomer["responses"][429]["headers"]["Retry-After"], number>>,
];

// ---- reading a customer ---------------------------------------------------------

/** Parses a get-customer body; the service may start it with a byte-order mark. */
export function parseCustomer(text: string): CustomerBody {
  return JSON.parse(text.replace(/^\uFEFF/, "")) as CustomerBody;
}

/** One line about a customer for a list view; every field may be missing. */
export function customerLine(c: Customer): string {
  const id: string = c.id ?? "(no id)";
  const profile = c.companyProfile;
  const name: string = profile?.companyName ?? "(unnamed)";
  const address = profile?.address;
  const place: string[] = [];
  if (address?.city !== undefined) place.push(address.city);
  if (address?.country !== undefined) place.push(address.country.toUpperCase());
  const domains: readonly string[] = c.customDomains ?? [];
  return `${id.toLowerCase()} ${name} [${place.join(", ")}] ${relationshipLabel(c)} ${domains.length} domain(s)`;
}

/** Narrows relationshipToPartner; unknown future values fall through to default. */
export function relationshipLabel(c: Customer): string {
  const rel = c.relationshipToPartner;
  switch (rel) {
    case undefined:
      return "relationship not returned";
    case "reseller":
      return "partner resells and bills";
    case "advisor":
      return "partner advises, Microsoft bills";
    case "microsoft_support":
      return "support only";
    case "syndication":
    case "none":
    case "unknown":
      return rel;
    default: {
      // A value added to the enum later still compiles and reads as a string.
      const other: string = rel;
      return other;
    }
  }
}

/** Whether the billing side of the customer can be edited (ETag present). */
export function billingEtag(c: Customer): string | undefined {
  return c.billingProfile?.attributes?.etag;
}

// ---- the organization answer: an array or a single object -----------------------

/**
 * Normalises the organization answer to a list. The spec declares the documented
 * array; the service has also sent the bare object, which a client must accept.
 */
export function organizations(body: OrganizationAnswer | Organization): Organization[] {
  return Array.isArray(body) ? body : [body];
}

/** The notification addresses of every organization in the answer. */
export function technicalContacts(body: OrganizationAnswer | Organization): string[] {
  return organizations(body).flatMap((o) => o.technicalNotificationMails ?? []);
}

/** A display name, falling back to the country code. */
export function organizationName(o: Organization): string {
  return o.displayName ?? o.countryLetterCode ?? "(unnamed organization)";
}

// ---- error bodies ---------------------------------------------------------------

/** The fault code as text; the service sends a number, the documentation a string. */
export function faultCode(f: ApiFault): string {
  const code: unknown = f.code;
  if (typeof code === "number") return code.toFixed(0);
  if (typeof code === "string") return code.trim();
  return "";
}

/** Whether the body is the throttling shape rather than an ApiFault. */
export function isThrottle(body: ErrorBody): body is ThrottleError {
  return "statusCode" in body || "message" in body;
}

/** A one-line message for any error body this API documents. */
export function describeError(status: number, body: ErrorBody): string {
  if (isThrottle(body)) {
    const s: number = body.statusCode ?? status;
    return `${s}: ${body.message ?? "throttled"}`;
  }
  const data: unknown[] = body.data ?? [];
  return `${status} ${faultCode(body)}: ${body.description} (${body.source}, ${data.length} detail(s))`;
}

/** Seconds to wait after a 429, from the declared Retry-After header. */
export function retryAfterSeconds(headers: GetCustomer["responses"][429]["headers"]): number {
  const seconds: number = headers["Retry-After"];
  return Math.max(0, seconds);
}

// ---- paging: follow links.next with its headers ---------------------------------

/** The request for the next page, or undefined on the last page. */
export function nextPage(page: CustomerCollection): { uri: string; method: string; headers: Record<string, string> } | undefined {
  const next = page.links?.next;
  if (next?.uri === undefined) return undefined;
  const headers: Record<string, string> = {};
  for (const h of next.headers ?? []) {
    if (h.key !== undefined && h.value !== undefined) headers[h.key] = h.value;
  }
  return { uri: next.uri, method: next.method ?? "GET", headers };
}

/** The continuation token of the next page, the header a pager must send back. */
export function continuationToken(page: CustomerCollection): ListCustomersHeaders["MS-ContinuationToken"] {
  return nextPage(page)?.headers["MS-ContinuationToken"];
}

type ListCustomersQuery = NonNullable<ListCustomers["parameters"]["query"]>;
type ListCustomersHeaders = NonNullable<ListCustomers["parameters"]["header"]>;

/** The query of a prefix search: size 0 and the filter document as JSON. */
export function searchQuery(prefix: string): ListCustomersQuery {
  const filter: SearchFilter = { Field: "CompanyName", Value: prefix, Operator: "starts_with" };
  return { size: 0, filter: JSON.stringify(filter) };
}

/** Every customer on a page, as list lines. */
export function pageLines(page: CustomerCollection): string[] {
  return (page.items ?? []).map(customerLine);
}

// ---- updating the billing profile -----------------------------------------------

/** The headers and body of an update; If-Match is required by the spec. */
export function updateRequest(profile: BillingProfile, email: string): {
  headers: UpdateBillingProfile["parameters"]["header"];
  body: UpdateBillingProfile["requestBody"]["content"]["application/json"];
} | undefined {
  const etag = profile.attributes?.etag;
  if (etag === undefined) return undefined;
  return { headers: { "If-Match": `"${etag}"` }, body: { ...profile, email } };
}

// ---- the documented customer, typed ----------------------------------------------

/** The get-customer example, checked against the generated type (no excess keys). */
export const documentedCustomer: Customer = {
  id: "aaaabbbb-0000-cccc-1111-dddd2222eeee",
  commerceId: "99e6a635-48e7-424d-9059-c9db944e3c54",
  companyProfile: {
    tenantId: "aaaabbbb-0000-cccc-1111-dddd2222eeee",
    domain: "abcdefgh1234.onmicrosoft.com",
    companyName: "1kl as kjk",
    address: { country: "US", region: "wa", city: "redmond", addressLine1: "1 ms way", postalCode: "98052", phoneNumber: "1234567890" },
    email: "a@a.com",
    attributes: { objectType: "CustomerCompanyProfile" },
  },
  relationshipToPartner: "reseller",
  allowDelegatedAccess: true,
  customDomains: ["abcdefgh1234.onmicrosoft.com"],
  tags: ["TestCustomer", "USCustomer"],
  links: { self: { uri: "/customers/aaaabbbb-0000-cccc-1111-dddd2222eeee", method: "GET", headers: [] } },
  attributes: { objectType: "Customer" },
};

// ---- users, licenses, directory roles and subscriptions (issue 17) -------------

export type CustomerUser = Schemas["CustomerUser"];
export type CustomerUserWithPassword = Schemas["CustomerUserWithPassword"];
export type Subscription = Schemas["Subscription"];
export type LicenseUpdate = Schemas["LicenseUpdate"];
export type SubscribedSku = Schemas["SubscribedSku"];

type ListUsers = operations["listCustomerUsers"];
type UpdateUser = operations["updateCustomerUser"];
type UpdateSubscription = operations["updateCustomerSubscription"];
type ListSubscriptions = operations["listCustomerSubscriptions"];

export type CustomerOpsChecks = [
  // Open enumerations are plain strings: a value added later still type-checks.
  Expect<Equals<Schemas["SubscriptionStatus"], string>>,
  Expect<Equals<Schemas["UserState"], string>>,
  // A read holds the password's length only; create and reset answers hold it in clear.
  Expect<Equals<NonNullable<NonNullable<CustomerUser["passwordProfile"]>["password"]>, Schemas["SecureString"]>>,
  Expect<Equals<NonNullable<NonNullable<CustomerUserWithPassword["passwordProfile"]>["password"]>, string>>,
  // Restoring is the only state a PATCH sets.
  Expect<Equals<NonNullable<UpdateUser["requestBody"]["content"]["application/json"]["state"]>, "active">>,
  // If-Match is optional on the subscription update (new commerce has no ETag).
  Expect<Equals<NonNullable<UpdateSubscription["parameters"]["header"]>["If-Match"], string | undefined>>,
];

/** The query that lists the deleted users still restorable. */
export function deletedUsersQuery(pageSize: number): NonNullable<ListUsers["parameters"]["query"]> {
  const filter: Schemas["CustomerUserSearchFilter"] = { Field: "UserState", Value: "Inactive", Operator: "equals" };
  return { size: pageSize, filter: JSON.stringify(filter) };
}

/** The body that resets a password; the answer then holds it in clear. */
export function resetPasswordBody(password: string): UpdateUser["requestBody"]["content"]["application/json"] {
  return { passwordProfile: { password, forceChangePassword: true }, attributes: { objectType: "CustomerUser" } };
}

/** A user for display, with any password in clear removed. */
export function withoutPassword(u: CustomerUserWithPassword): Omit<CustomerUserWithPassword, "passwordProfile"> {
  const { passwordProfile: _secret, ...rest } = u;
  return rest;
}

/** Narrows a subscription status; unknown future values fall through. */
export function subscriptionStatusLabel(s: Subscription): string {
  switch (s.status) {
    case undefined:
      return "status not returned";
    case "active":
      return "in use";
    case "suspended":
      return "suspended (reactivate with status active)";
    default:
      return s.status;
  }
}

/** The PATCH that suspends a subscription, with If-Match when it has an ETag. */
export function suspendRequest(s: Subscription): {
  headers: UpdateSubscription["parameters"]["header"];
  body: UpdateSubscription["requestBody"]["content"]["application/json"];
} {
  const etag = s.attributes?.etag;
  return {
    headers: etag ? { "If-Match": `"${etag}"` } : {},
    body: { ...s, status: "suspended" },
  };
}

/** The query of one order's subscriptions. */
export function byOrder(orderId: string): NonNullable<ListSubscriptions["parameters"]["query"]> {
  return { order_id: orderId };
}

/** Assigns one license; remember the SKU must have availableUnits left. */
export function assignLicense(sku: SubscribedSku): LicenseUpdate | undefined {
  const skuId = sku.productSku?.id;
  if (skuId === undefined || (sku.availableUnits ?? 0) <= 0) return undefined;
  return { licensesToAssign: [{ skuId }], attributes: { objectType: "LicenseUpdate" } };
}
