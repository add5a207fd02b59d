// The generator matrix with orval's fetch client (orval.config.cjs: headers kept,
// requests through fetcher.ts), generated from the unpatched openapi.yaml. Every
// function resolves to { data, status, headers } typed per documented status; the
// error statuses carry the ApiFault in `data`, which this script reports as the error.
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

    // Users
    async listUsers(id, query, continuationToken) {
      at();
      return answer(
        await listCustomerUsers(
          id,
          { size: query.size, filter: query.filter, seekOperation: query.seekOperation as SeekOperation | undefined },
          continuationToken === undefined ? {} : { "MS-ContinuationToken": continuationToken },
        ),
      );
    },
    async getUser(id, userId) {
      at();
      return answer(await getCustomerUser(id, userId));
    },
    async createUser(id, user) {
      at();
      return answer(await createCustomerUser(id, user));
    },
    async updateUser(id, userId, change) {
      at();
      return answer(await updateCustomerUser(id, userId, change));
    },
    async deleteUser(id, userId) {
      at();
      return answer(await deleteCustomerUser(id, userId));
    },

    // Licenses
    async subscribedSkus(id) {
      at();
      return answer(await listSubscribedSkus(id));
    },
    async userLicenses(id, userId) {
      at();
      return answer(await listUserLicenses(id, userId));
    },
    async updateLicenses(id, userId, change) {
      at();
      return answer(await updateUserLicenses(id, userId, change));
    },

    // Directory roles
    async directoryRoles(id) {
      at();
      return answer(await listDirectoryRoles(id));
    },
    async roleMembers(id, roleId) {
      at();
      return answer(await listDirectoryRoleMembers(id, roleId));
    },
    async addRoleMember(id, roleId, member) {
      at();
      return answer(await addDirectoryRoleMember(id, roleId, member));
    },
    async removeRoleMember(id, roleId, userId) {
      at();
      return answer(await removeDirectoryRoleMember(id, roleId, userId));
    },
    async userRoles(id, userId) {
      at();
      return answer(await listUserDirectoryRoles(id, userId));
    },

    // Subscriptions
    async subscriptions(id) {
      at();
      return answer(await listCustomerSubscriptions(id));
    },
    async getSubscription(id, subscriptionId) {
      at();
      return answer(await getCustomerSubscription(id, subscriptionId));
    },
    async updateSubscription(id, subscriptionId, ifMatch, subscription) {
      at();
      return answer(await updateCustomerSubscription(id, subscriptionId, subscription, ifMatch === undefined ? {} : { "If-Match": ifMatch }));
    },
  };
}

const env = fakes();
void runScenario("orval", calls(env.url), calls(env.objectUrl), env);
