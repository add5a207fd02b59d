// The generator matrix with openapi-typescript (types) + openapi-fetch (runtime).
// The types come from the unpatched openapi.yaml (build/clients/openapi-fetch/openapi.ts);
// openapi-fetch returns { data, error, response } and never throws on a status.
import createClient from "openapi-fetch";
import type { paths } from "./openapi";
import { type Calls, fakes, runScenario, token } from "../scenario";

function calls(baseUrl: string): Calls {
  const client = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${token}` } });
  const customer = (customerTenantId: string) => ({ params: { path: { customerTenantId } } });
  const user = (customerTenantId: string, userId: string) => ({ params: { path: { customerTenantId, userId } } });
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

    // Users
    async listUsers(id, query, continuationToken) {
      const { data, error, response } = await client.GET("/customers/{customerTenantId}/users", {
        params: {
          path: { customerTenantId: id },
          query: { size: query.size, filter: query.filter, seekOperation: query.seekOperation as "Next" | undefined },
          header: continuationToken === undefined ? {} : { "MS-ContinuationToken": continuationToken },
        },
      });
      return { status: response.status, data, error };
    },
    async getUser(id, userId) {
      const { data, error, response } = await client.GET("/customers/{customerTenantId}/users/{userId}", user(id, userId));
      return { status: response.status, data, error };
    },
    async createUser(id, body) {
      const { data, error, response } = await client.POST("/customers/{customerTenantId}/users", { ...customer(id), body });
      return { status: response.status, data, error };
    },
    async updateUser(id, userId, body) {
      const { data, error, response } = await client.PATCH("/customers/{customerTenantId}/users/{userId}", { ...user(id, userId), body });
      return { status: response.status, data, error };
    },
    async deleteUser(id, userId) {
      const { error, response } = await client.DELETE("/customers/{customerTenantId}/users/{userId}", user(id, userId));
      return { status: response.status, error };
    },

    // Licenses
    async subscribedSkus(id) {
      const { data, error, response } = await client.GET("/customers/{customerTenantId}/subscribedskus", customer(id));
      return { status: response.status, data, error };
    },
    async userLicenses(id, userId) {
      const { data, error, response } = await client.GET("/customers/{customerTenantId}/users/{userId}/licenses", user(id, userId));
      return { status: response.status, data, error };
    },
    async updateLicenses(id, userId, body) {
      const { data, error, response } = await client.POST("/customers/{customerTenantId}/users/{userId}/licenseupdates", { ...user(id, userId), body });
      return { status: response.status, data, error };
    },

    // Directory roles
    async directoryRoles(id) {
      const { data, error, response } = await client.GET("/customers/{customerTenantId}/directoryroles", customer(id));
      return { status: response.status, data, error };
    },
    async roleMembers(id, roleId) {
      const { data, error, response } = await client.GET("/customers/{customerTenantId}/directoryroles/{roleId}/usermembers", {
        params: { path: { customerTenantId: id, roleId } },
      });
      return { status: response.status, data, error };
    },
    async addRoleMember(id, roleId, body) {
      const { data, error, response } = await client.POST("/customers/{customerTenantId}/directoryroles/{roleId}/usermembers", {
        params: { path: { customerTenantId: id, roleId } },
        body,
      });
      return { status: response.status, data, error };
    },
    async removeRoleMember(id, roleId, userId) {
      const { error, response } = await client.DELETE("/customers/{customerTenantId}/directoryroles/{roleId}/usermembers/{userId}", {
        params: { path: { customerTenantId: id, roleId, userId } },
      });
      return { status: response.status, error };
    },
    async userRoles(id, userId) {
      const { data, error, response } = await client.GET("/customers/{customerTenantId}/users/{userId}/directoryroles", user(id, userId));
      return { status: response.status, data, error };
    },

    // Subscriptions
    async subscriptions(id) {
      const { data, error, response } = await client.GET("/customers/{customerTenantId}/subscriptions", customer(id));
      return { status: response.status, data, error };
    },
    async getSubscription(id, subscriptionId) {
      const { data, error, response } = await client.GET("/customers/{customerTenantId}/subscriptions/{subscriptionId}", {
        params: { path: { customerTenantId: id, subscriptionId } },
      });
      return { status: response.status, data, error };
    },
    async updateSubscription(id, subscriptionId, ifMatch, body) {
      const { data, error, response } = await client.PATCH("/customers/{customerTenantId}/subscriptions/{subscriptionId}", {
        params: { path: { customerTenantId: id, subscriptionId }, header: ifMatch === undefined ? {} : { "If-Match": ifMatch } },
        body,
      });
      return { status: response.status, data, error };
    },
  };
}

const env = fakes();
void runScenario("openapi-fetch", calls(env.url), calls(env.objectUrl), env);
