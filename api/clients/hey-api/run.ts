// The generator matrix with @hey-api/openapi-ts and its fetch client, generated from
// the unpatched openapi.yaml into build/clients/hey-api. Each SDK function returns
// { data, error, response }; with the default ThrowOnError=false a documented error
// status comes back in `error`.
import { createClient, createConfig } from "./generated/client";
import {
  addDirectoryRoleMember,
  checkDomainAvailability,
  createCustomerUser,
  deleteCustomerUser,
  getCustomer,
  getCustomerBillingProfile,
  getCustomerCustomDomains,
  getCustomerOrganization,
  getCustomerSubscription,
  getCustomerUser,
  listCustomers,
  listCustomerSubscriptions,
  listCustomerUsers,
  listDirectoryRoleMembers,
  listDirectoryRoles,
  listSubscribedSkus,
  listUserDirectoryRoles,
  listUserLicenses,
  removeDirectoryRoleMember,
  updateCustomerBillingProfile,
  updateCustomerSubscription,
  updateCustomerUser,
  updateUserLicenses,
} from "./generated/sdk.gen";
import type { SeekOperation, UpdateCustomerSubscriptionResponses } from "./generated/types.gen";
import { type Calls, fakes, runScenario, token } from "../scenario";

function calls(baseUrl: string): Calls {
  const client = createClient(createConfig({ baseUrl, auth: () => token }));
  const customer = (customerTenantId: string) => ({ client, path: { customerTenantId } });
  const user = (customerTenantId: string, userId: string) => ({ client, path: { customerTenantId, userId } });
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

    // Users
    async listUsers(id, query, continuationToken) {
      const { data, error, response } = await listCustomerUsers({
        client,
        path: { customerTenantId: id },
        query: { size: query.size, filter: query.filter, seekOperation: query.seekOperation as SeekOperation | undefined },
        headers: continuationToken === undefined ? {} : { "MS-ContinuationToken": continuationToken },
      });
      return { status: response.status, data, error };
    },
    async getUser(id, userId) {
      const { data, error, response } = await getCustomerUser(user(id, userId));
      return { status: response.status, data, error };
    },
    async createUser(id, body) {
      const { data, error, response } = await createCustomerUser({ ...customer(id), body });
      return { status: response.status, data, error };
    },
    async updateUser(id, userId, body) {
      const { data, error, response } = await updateCustomerUser({ ...user(id, userId), body });
      return { status: response.status, data, error };
    },
    async deleteUser(id, userId) {
      const { error, response } = await deleteCustomerUser(user(id, userId));
      return { status: response.status, error };
    },

    // Licenses
    async subscribedSkus(id) {
      const { data, error, response } = await listSubscribedSkus(customer(id));
      return { status: response.status, data, error };
    },
    async userLicenses(id, userId) {
      const { data, error, response } = await listUserLicenses(user(id, userId));
      return { status: response.status, data, error };
    },
    async updateLicenses(id, userId, body) {
      const { data, error, response } = await updateUserLicenses({ ...user(id, userId), body });
      return { status: response.status, data, error };
    },

    // Directory roles
    async directoryRoles(id) {
      const { data, error, response } = await listDirectoryRoles(customer(id));
      return { status: response.status, data, error };
    },
    async roleMembers(id, roleId) {
      const { data, error, response } = await listDirectoryRoleMembers({ client, path: { customerTenantId: id, roleId } });
      return { status: response.status, data, error };
    },
    async addRoleMember(id, roleId, body) {
      const { data, error, response } = await addDirectoryRoleMember({ client, path: { customerTenantId: id, roleId }, body });
      return { status: response.status, data, error };
    },
    async removeRoleMember(id, roleId, userId) {
      const { error, response } = await removeDirectoryRoleMember({ client, path: { customerTenantId: id, roleId, userId } });
      return { status: response.status, error };
    },
    async userRoles(id, userId) {
      const { data, error, response } = await listUserDirectoryRoles(user(id, userId));
      return { status: response.status, data, error };
    },

    // Subscriptions
    async subscriptions(id) {
      const { data, error, response } = await listCustomerSubscriptions(customer(id));
      return { status: response.status, data, error };
    },
    async getSubscription(id, subscriptionId) {
      const { data, error, response } = await getCustomerSubscription({ client, path: { customerTenantId: id, subscriptionId } });
      return { status: response.status, data, error };
    },
    async updateSubscription(id, subscriptionId, ifMatch, body) {
      const { data, error, response } = await updateCustomerSubscription({
        client,
        path: { customerTenantId: id, subscriptionId },
        headers: ifMatch === undefined ? {} : { "If-Match": ifMatch },
        body,
      });
      // hey-api types the bodiless 202 as `unknown`, which swallows the 200 body's type
      // in the union: narrow by status to the generated type of the 200 answer.
      return { status: response.status, data: response.status === 200 ? (data as UpdateCustomerSubscriptionResponses[200]) : undefined, error };
    },
  };
}

const env = fakes();
void runScenario("hey-api", calls(env.url), calls(env.objectUrl), env);
