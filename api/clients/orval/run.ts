// The generator matrix with orval's fetch client (orval.config.cjs: headers kept,
// requests through fetcher.ts), generated from the unpatched openapi.yaml. Every
// function resolves to { data, status, headers } typed per documented status; the
// error statuses carry the ApiFault in `data`, which this script reports as the error.
import {
  checkDomainAvailability,
  getCustomer,
  getCustomerBillingProfile,
  getCustomerCustomDomains,
  getCustomerOrganization,
  listCustomers,
  updateCustomerBillingProfile,
  type CustomerBillingProfile,
  type SeekOperation,
} from "./generated/partnercenter";
import { target } from "./fetcher";
import { type Answer, type Calls, fakes, runScenario } from "../scenario";

/** Splits orval's status union into the scenario's data or error. */
function answer<T>(r: { status: number; data: unknown }): Answer<T> {
  return r.status >= 200 && r.status < 300 ? { status: r.status, data: r.data as T } : { status: r.status, error: r.data };
}

function calls(baseUrl: string): Calls {
  const at = () => {
    target.baseUrl = baseUrl;
  };
  return {
    async getCustomer(id) {
      at();
      return answer(await getCustomer(id));
    },
    async customDomains(id) {
      at();
      return answer(await getCustomerCustomDomains(id));
    },
    async organization(id) {
      at();
      return answer(await getCustomerOrganization(id));
    },
    async listPage(query, continuationToken) {
      at();
      return answer(
        await listCustomers(
          { size: query.size, seekOperation: query.seekOperation as SeekOperation | undefined },
          continuationToken === undefined ? {} : { "MS-ContinuationToken": continuationToken },
        ),
      );
    },
    async search(filter) {
      at();
      return answer(await listCustomers({ size: 0, filter }));
    },
    async getBilling(id) {
      at();
      return answer(await getCustomerBillingProfile(id));
    },
    async updateBilling(id, ifMatch, profile) {
      at();
      return answer(await updateCustomerBillingProfile(id, profile as CustomerBillingProfile, { "If-Match": ifMatch }));
    },
    async domainStatus(domain) {
      at();
      return (await checkDomainAvailability(domain)).status;
    },
  };
}

const env = fakes();
void runScenario("orval", calls(env.url), calls(env.objectUrl), env);
