// The generator matrix with openapi-typescript (types) + openapi-fetch (runtime).
// The types come from the unpatched openapi.yaml (build/clients/openapi-fetch/openapi.ts);
// openapi-fetch returns { data, error, response } and never throws on a status.
import createClient from "openapi-fetch";
import type { paths } from "./openapi";
import { type Calls, fakes, runScenario, token } from "../scenario";

function calls(baseUrl: string): Calls {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
  const customer = (customerTenantId: string) => ({ params: { path: { customerTenantId } } });
  return {
    async getCustomer(id) {
      const { data, error, response } = await client.GET("/customers/{customerTenantId}", customer(id));
      return { status: response.status, data, error };
    },
    async customDomains(id) {
      const { data, error, response } = await client.GET("/customers/{customerTenantId}/customDomains", customer(id));
      return { status: response.status, data, error };
    },
    async organization(id) {
      const { data, error, response } = await client.GET("/customers/{customerTenantId}/organization", customer(id));
      return { status: response.status, data, error };
    },
    async listPage(query, continuationToken) {
      const { data, error, response } = await client.GET("/customers", {
        params: {
          query: { size: query.size, seekOperation: query.seekOperation as "Next" | undefined },
          header: continuationToken === undefined ? {} : { "MS-ContinuationToken": continuationToken },
        },
      });
      return { status: response.status, data, error };
    },
    async search(filter) {
      const { data, error, response } = await client.GET("/customers", { params: { query: { size: 0, filter } } });
      return { status: response.status, data, error };
    },
    async getBilling(id) {
      const { data, error, response } = await client.GET("/customers/{customerTenantId}/profiles/billing", customer(id));
      return { status: response.status, data, error };
    },
    async updateBilling(id, ifMatch, profile) {
      const { data, error, response } = await client.PUT("/customers/{customerTenantId}/profiles/billing", {
        params: { path: { customerTenantId: id }, header: { "If-Match": ifMatch } },
        body: profile,
      });
      return { status: response.status, data, error };
    },
    async domainStatus(domain) {
      const { response } = await client.HEAD("/domains/{domain}", { params: { path: { domain } } });
      return response.status;
    },
  };
}

const env = fakes();
void runScenario("openapi-fetch", calls(env.url), calls(env.objectUrl), env);
