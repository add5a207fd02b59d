// The fetch function orval's generated client calls (orval.config.cjs, override.mutator).
// orval writes request paths relative to the spec's server; the real servers are the
// Partner Center hosts, so run.ts points `target.baseUrl` at the fake before each call
// (the scenario's calls run one at a time). The answer has the shape orval's fetch
// client returns: { data, status, headers }.
//
// The generated functions pass their typed header parameters straight on as
// `headers`, ValidateMfa (a boolean) among them, and a boolean does not fit fetch's
// HeadersInit under strict TypeScript (api/README.md, findings). So `headers` is taken
// as any object here and every value that is present is sent as its string form
// (`true`, `false`), the simple style OpenAPI defines for a header.
import { token } from "../scenario";

/** Where requests go; run.ts sets it. */
export const target = { baseUrl: "" };

/** RequestInit, but headers of any value type, as orval's generated functions build them. */
export type FetchOptions = Omit<RequestInit, "headers"> & { headers?: object };

export async function customFetch<T>(url: string, options: FetchOptions): Promise<T> {
  const headers = new Headers();
  const given = options.headers;
  const entries: [string, unknown][] =
    given instanceof Headers ? [...given.entries()] : Array.isArray(given) ? (given as [string, unknown][]) : Object.entries(given ?? {});
  for (const [key, value] of entries) {
    if (value !== undefined && value !== null) headers.set(key, String(value));
  }
  headers.set("Authorization", `Bearer ${token}`);
  const res = await fetch(target.baseUrl + url, { ...options, headers });
  const body = [204, 205, 304].includes(res.status) || options.method === "HEAD" ? "" : await res.text();
  const data: unknown = body ? JSON.parse(body) : undefined;
  return { data, status: res.status, headers: res.headers } as T;
}
