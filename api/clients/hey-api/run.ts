// The generator matrix with @hey-api/openapi-ts and its fetch client, generated from
// the unpatched openapi.yaml into build/clients/hey-api. Each SDK function returns
// { data, error, response }; with the default ThrowOnError=false a documented error
// status comes back in `error`.
import { createClient, createConfig } from "./generated/client";
import {
  checkDomainAvailability,
  getCustomer,
  getCustomerBillingProfile,
  getCustomerCustomDomains,
  getCustomerOrganization,
  listCustomers,
  updateCustomerBillingProfile,
} from "./generated/sdk.gen";
import type { SeekOperation } from "./generated/types.gen";
import { type Calls, fakes, runScenario, token } from "../scenario";

function calls(baseUrl: string): Calls {
  const client = createClient(createConfig({ baseUrl, auth: () => token }));
  const customer = (customerTenantId: string) => ({ client, path: { customerTenantId } });
  return {
    async getCustomer(id) {
      const { data, error, response } = await getCustomer(customer(id));
      return { status: response.status, data, error };
    },
    async customDomains(id) {
      const { data, error, response } = await getCustomerCustomDomains(customer(id));
      return { status: response.status, data, error };
    },
    async organization(id) {
      const { data, error, response } = await getCustomerOrganization(customer(id));
      return { status: response.status, data, error };
    },
    async listPage(query, continuationToken) {
      const { data, error, response } = await listCustomers({
        client,
        query: { size: query.size, seekOperation: query.seekOperation as SeekOperation | undefined },
        headers: continuationToken === undefined ? {} : { "MS-ContinuationToken": continuationToken },
      });
      return { status: response.status, data, error };
    },
    async search(filter) {
      const { data, error, response } = await listCustomers({ client, query: { size: 0, filter } });
      return { status: response.status, data, error };
    },
    async getBilling(id) {
      const { data, error, response } = await getCustomerBillingProfile(customer(id));
      return { status: response.status, data, error };
    },
    async updateBilling(id, ifMatch, profile) {
      const { data, error, response } = await updateCustomerBillingProfile({
        client,
        path: { customerTenantId: id },
        headers: { "If-Match": ifMatch },
        body: profile,
      });
      return { status: response.status, data, error };
    },
    async domainStatus(domain) {
      const { response } = await checkDomainAvailability({ client, path: { domain } });
      return response.status;
    },
  };
}

const env = fakes();
void runScenario("hey-api", calls(env.url), calls(env.objectUrl), env);
