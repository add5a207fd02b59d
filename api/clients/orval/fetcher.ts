// The fetch function orval's generated client calls (orval.config.cjs, override.mutator).
// orval writes request paths relative to the spec's server; the real servers are the
// Partner Center hosts, so run.ts points `target.baseUrl` at the fake before each call
// (the scenario's calls run one at a time). The answer has the shape orval's fetch
// client returns: { data, status, headers }.
import { token } from "../scenario";

/** Where requests go; run.ts sets it. */
export const target = { baseUrl: "" };

export async function customFetch<T>(url: string, options: RequestInit): Promise<T> {
  const headers = new Headers(options.headers);
  headers.set("Authorization", `Bearer ${token}`);
  const res = await fetch(target.baseUrl + url, { ...options, headers });
  const body = [204, 205, 304].includes(res.status) || options.method === "HEAD" ? "" : await res.text();
  const data: unknown = body ? JSON.parse(body) : undefined;
  return { data, status: res.status, headers: res.headers } as T;
}
