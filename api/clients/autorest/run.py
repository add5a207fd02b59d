"""The generator matrix with AutoRest Python (@autorest/python, msrest models mode).

The client is generated from the unpatched openapi.yaml by generate.sh into
SPEC_OUT/clients/autorest (package ``partnercenter``, on PYTHONPATH). This is the
scenario of api/clients/scenario.ts written with that client, the way its
documentation shows: keyword arguments for query and header parameters, ``etag`` and
``match_condition`` for If-Match, ``HttpResponseError`` (with the decoded ApiFault in
``.model``) for error statuses, and ``send_request`` for an answer the declared
shape does not fit.

Needs only Debian packages (python3-azure for azure-core, python3-isodate,
python3-requests). Run by api/clients/run-matrix.sh, which sets PC_FAKE_URL,
PC_FAKE_OBJECT_URL, PC_FAKE_CUSTOMERS and the trusted certificate.
"""

import json
import os
import secrets
import sys
import time
from urllib.parse import parse_qs, urlsplit

from azure.core import MatchConditions
from azure.core.credentials import AccessToken
from azure.core.exceptions import HttpResponseError
from azure.core.pipeline import policies
from azure.core.pipeline.policies import SansIOHTTPPolicy
from azure.core.rest import HttpRequest

from partnercenter import PartnerCenterCustomerAPI
from partnercenter.models import (
    CustomerOrganization,
    CustomerUserUpdate,
    LicenseAssignment,
    LicenseUpdate,
    NewCustomerUser,
    NewDirectoryRoleMember,
    NewPasswordProfile,
    ResourceAttributes,
)

NAME = "autorest"
DOCUMENTED_ID = "aaaabbbb-0000-cccc-1111-dddd2222eeee"
UNKNOWN_ID = "0b4ad2fd-0000-4000-8000-00000000f404"
TAKEN_DOMAIN = "abcdefgh1234.onmicrosoft.com"
FREE_DOMAIN = "matrix-free-name.onmicrosoft.com"
DOCUMENTED_USER_ID = "a9ef48bb-8758-4590-a312-d4a47bfaded4"
DOCUMENTED_ACTIVE_USERS = 2
UNKNOWN_USER_ID = "0b4ad2fd-0000-4000-8000-00000000a404"
DELETED_USERS_FILTER = json.dumps({"Field": "UserState", "Value": "Inactive", "Operator": "equals"}, separators=(",", ":"))
# The values TermDuration's x-ms-enum lists; answers also send others ("").
LISTED_TERM_DURATIONS = ("P1M", "P1Y", "P3Y")


def with_status(pipeline_response, deserialized, _headers):
    """A ``cls`` hook (the generated methods' documented way to see the raw answer):
    the status with the deserialized body."""
    return pipeline_response.http_response.status_code, deserialized


def next_request(nxt):
    """The keyword arguments of a next link's request, taken as given (the link is opaque)."""
    query = parse_qs(urlsplit(nxt.uri).query)
    kwargs = {}
    if "size" in query:
        kwargs["size"] = int(query["size"][0])
    if "seekOperation" in query:
        kwargs["seek_operation"] = query["seekOperation"][0]
    if "filter" in query:
        kwargs["filter"] = query["filter"][0]
    token = next((h.value for h in nxt.headers or [] if h.key == "MS-ContinuationToken"), None)
    if token:
        kwargs["ms_continuation_token"] = token
    return kwargs


def fault_code(e):
    """The code of the ApiFault an HttpResponseError carries, as text."""
    code = getattr(e.model, "code", None)
    return "" if code is None else str(code)


class FakeCredential:
    """A TokenCredential for the fake, which accepts any bearer token."""

    def get_token(self, *scopes, **kwargs):
        return AccessToken("matrix-test-token", int(time.time()) + 3600)


class FakeToken(SansIOHTTPPolicy):
    """Sends the fake's token. The generated client's default authentication
    policy (azure-core's bearer token policy) refuses plain HTTP, and one of the
    two fakes serves HTTP; the client takes this policy instead through its
    authentication_policy option."""

    def on_request(self, request):
        request.http_request.headers["Authorization"] = "Bearer " + FakeCredential().get_token().token


def client(url):
    # The pipeline is given in full (the client's `policies` option): the default
    # list of this @autorest/python release names SensitiveHeaderCleanupPolicy,
    # which Debian 12's azure-core (1.26) does not have yet.
    pipeline = [
        policies.RequestIdPolicy(),
        policies.HeadersPolicy(),
        policies.UserAgentPolicy(sdk_moniker="partnercenter-matrix"),
        policies.ContentDecodePolicy(),
        policies.RetryPolicy(retry_total=0),
        FakeToken(),
        policies.HttpLoggingPolicy(),
    ]
    return PartnerCenterCustomerAPI(
        credential=FakeCredential(), endpoint=url + "/v1", policies=pipeline, authentication_policy=pipeline[5]
    )


def main():
    url = os.environ["PC_FAKE_URL"]
    object_url = os.environ["PC_FAKE_OBJECT_URL"]
    customers = int(os.environ["PC_FAKE_CUSTOMERS"])
    pc, pc_object = client(url), client(object_url)
    results = {"passed": 0, "failed": 0}

    def check(what, body):
        try:
            problem = body()
        except Exception as e:  # noqa: BLE001 - any failure is the check's failure
            problem = f"raised {type(e).__name__}: {e}"
        if problem is None:
            results["passed"] += 1
            print(f"ok   {NAME}: {what}")
        else:
            results["failed"] += 1
            print(f"FAIL {NAME}: {what}: {problem}")

    def get_customer():
        c = pc.get_customer(DOCUMENTED_ID)
        if c.id != DOCUMENTED_ID or c.company_profile.company_name != "1kl as kjk":
            return f"id {c.id}, company {c.company_profile and c.company_profile.company_name}"
        return None

    def custom_domains():
        domains = pc.get_customer_custom_domains(DOCUMENTED_ID)
        return None if TAKEN_DOMAIN in domains else f"domains {domains}"

    def organization_array():
        # The declared shape: a list of CustomerOrganization models.
        orgs = pc.get_customer_organization(DOCUMENTED_ID)
        if not isinstance(orgs, list) or len(orgs) != 1 or not isinstance(orgs[0], CustomerOrganization) or not orgs[0].display_name:
            return f"answer {orgs!r}"
        return None

    def organization_object():
        # The bare object the service has also sent: the declared list does not fit
        # it and the generated method deserializes before any `cls` hook runs, so a
        # client that accepts both forms (as the spec asks) sends the request raw
        # through the client's pipeline (send_request) and reads the JSON itself.
        response = pc_object.send_request(HttpRequest("GET", f"/customers/{DOCUMENTED_ID}/organization"))
        response.raise_for_status()
        body = json.loads(response.text().lstrip("\ufeff"))
        orgs = body if isinstance(body, list) else [body]
        if isinstance(body, list) or len(orgs) != 1 or not orgs[0].get("displayName"):
            return f"answer {body!r}"
        return None

    def listing():
        ids = set()
        kwargs = {"size": 10}
        for pages in range(1, 21):
            page = pc.list_customers(**kwargs)
            ids.update(c.id for c in page.items or [] if c.id)
            nxt = page.links.next if page.links else None
            if nxt is None or not nxt.uri:
                break
            kwargs = next_request(nxt)
            if "ms_continuation_token" not in kwargs:
                return f"page {pages}: next link without MS-ContinuationToken"
        else:
            return "more than 20 pages"
        return None if len(ids) == customers else f"saw {len(ids)} distinct customers, the fake holds {customers}"

    def search():
        prefix = "cont"
        document = json.dumps({"Field": "CompanyName", "Value": prefix, "Operator": "starts_with"})
        items = pc.list_customers(size=0, filter=document).items or []
        if not items or len(items) >= customers:
            return f"{len(items)} items"
        wrong = [c.company_profile.company_name for c in items if not (c.company_profile.company_name or "").lower().startswith(prefix)]
        return f"non-matching: {wrong}" if wrong else None

    def billing():
        profile = pc.get_customer_billing_profile(DOCUMENTED_ID)
        etag = profile.attributes.etag
        email = f"matrix-{int(time.time() * 1000)}@contoso.com"
        profile.email = email
        updated = pc.update_customer_billing_profile(DOCUMENTED_ID, profile, etag=etag, match_condition=MatchConditions.IfNotModified)
        if updated.email != email or not updated.attributes.etag or updated.attributes.etag == etag:
            return f"update: email {updated.email}, etag {updated.attributes.etag}"
        profile.email = "stale@contoso.com"
        try:
            pc.update_customer_billing_profile(DOCUMENTED_ID, profile, etag=etag, match_condition=MatchConditions.IfNotModified)
            return "the update with the stale ETag succeeded"
        except HttpResponseError as e:
            if e.status_code != 412:
                return f"stale update: status {e.status_code}"
        again = pc.get_customer_billing_profile(DOCUMENTED_ID)
        return None if again.email == email else f"the stale update changed the profile: {again.email}"

    def domain_check():
        # With head-as-boolean (generate.sh): True for 200 (taken), False for 404 (available).
        taken = pc.check_domain_availability(TAKEN_DOMAIN)
        free = pc.check_domain_availability(FREE_DOMAIN)
        return None if taken is True and free is False else f"taken answered {taken!r}, free answered {free!r}"

    def not_found():
        try:
            c = pc.get_customer(UNKNOWN_ID)
            return f"answered {c!r}"
        except HttpResponseError as e:
            code = getattr(e.model, "code", None)
            if e.status_code != 404 or str(code) != "60003":
                return f"status {e.status_code}, code {code!r}"
        return None

    check("get customer", get_customer)
    check("custom domains", custom_domains)
    check("organization as array", organization_array)
    check("organization as object", organization_object)
    check("listing followed through links.next with MS-ContinuationToken", listing)
    check("search returns only matches (case-insensitive prefix)", search)
    check("billing profile read, update with If-Match, 412 on the stale ETag", billing)
    check("domain check: 200 taken, 404 available", domain_check)
    check("404 surfaced as an error with its code", not_found)
    tenant_scenario(pc, check)

    print(f"{NAME}: {results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


def tenant_scenario(pc, check):
    """Inside the documented customer's tenant: users, licenses, directory roles and
    subscriptions (issue 17), the checks of tenantScenario in scenario.ts."""
    tenant = DOCUMENTED_ID
    stamp = f"{int(time.time() * 1000):x}{secrets.token_hex(3)}"
    upn = f"matrix-{stamp}@{TAKEN_DOMAIN}"
    # Made up here, sent, and compared with the answer; never printed.
    password = f"Mx-{secrets.token_urlsafe(9)}!7a"
    state = {}
    no_user = "no user: the create failed"

    def all_users(**first):
        users, kwargs = [], dict(first)
        for pages in range(1, 21):
            page = pc.list_customer_users(tenant, **kwargs)
            users.extend(page.items or [])
            nxt = page.links.next if page.links else None
            if nxt is None or not nxt.uri:
                return users, pages
            kwargs = next_request(nxt)
            if "ms_continuation_token" not in kwargs:
                raise AssertionError(f"page {pages}: next link without MS-ContinuationToken")
        raise AssertionError("more than 20 pages")

    # ---- Users
    def create():
        body = NewCustomerUser(
            user_principal_name=upn,
            first_name="Matrix",
            last_name="Scenario",
            display_name="Matrix Scenario",
            usage_location="US",
            password_profile=NewPasswordProfile(password=password, force_change_password=True),
            attributes=ResourceAttributes(object_type="CustomerUser"),
        )
        try:
            status, user = pc.create_customer_user(tenant, body, cls=with_status)
        except HttpResponseError as e:
            # Only the status and the code: the answer would hold the password.
            return f"status {e.status_code}, code {fault_code(e)}"
        except Exception as e:  # noqa: BLE001 - its text might quote the answer
            return f"raised {type(e).__name__}"
        if status != 200 or not user.id:
            return f"status {status}, id {user.id}"
        got = user.password_profile.password if user.password_profile else None
        if not isinstance(got, str) or not got:
            return "the answer carries no password"
        if got != password:
            return "the answer's password is not the one sent"
        if user.user_principal_name != upn:
            return f"userPrincipalName {user.user_principal_name}"
        state["user"] = {"id": user.id, "upn": upn, "display_name": user.display_name or ""}
        return None

    def listing():
        if "user" not in state:
            return no_user
        users, pages = all_users(size=1)
        ids = {u.id for u in users}
        if pages < 2:
            return f"{pages} page: the listing did not page"
        if DOCUMENTED_USER_ID not in ids or state["user"]["id"] not in ids:
            return f"ids {sorted(ids)}"
        if len(ids) != DOCUMENTED_ACTIVE_USERS + 1:
            return f"{len(ids)} users, want {DOCUMENTED_ACTIVE_USERS + 1}"
        if any(u.state != "active" for u in users):
            return f"states {[u.state for u in users]}"
        return None

    def get_one():
        if "user" not in state:
            return no_user
        u = pc.get_customer_user(tenant, state["user"]["id"])
        if u.id != state["user"]["id"] or u.user_principal_name != upn:
            return f"id {u.id}, userPrincipalName {u.user_principal_name}"
        if password in json.dumps(u.serialize(keep_readonly=True)):
            return "the read carries the password"
        try:
            pc.get_customer_user(tenant, UNKNOWN_USER_ID)
            return "the unknown user was found"
        except HttpResponseError as e:
            if e.status_code != 404 or fault_code(e) != "60002":
                return f"unknown user: status {e.status_code}, code {fault_code(e)!r}"
        return None

    def rename():
        if "user" not in state:
            return no_user
        name = f"Matrix Renamed {stamp}"
        u = pc.update_customer_user(
            tenant, state["user"]["id"], CustomerUserUpdate(display_name=name, attributes=ResourceAttributes(object_type="CustomerUser"))
        )
        if u.display_name != name:
            return f"displayName {u.display_name}"
        again = pc.get_customer_user(tenant, state["user"]["id"])
        if again.display_name != name:
            return f"read back: {again.display_name}"
        state["user"]["display_name"] = name
        return None

    def delete():
        if "user" not in state:
            return no_user
        uid = state["user"]["id"]
        status, _ = pc.delete_customer_user(tenant, uid, cls=with_status)
        if status != 204:
            return f"delete: status {status}"
        active, _ = all_users()
        if any(u.id == uid for u in active):
            return "the deleted user is still among the active ones"
        deleted, _ = all_users(filter=DELETED_USERS_FILTER)
        found = next((u for u in deleted if u.id == uid), None)
        if found is None:
            return f"not among the deleted: {[u.id for u in deleted]}"
        if found.state != "inactive" or not found.soft_deletion_time:
            return f"state {found.state}, softDeletionTime {found.soft_deletion_time}"
        if any(u.state != "inactive" for u in deleted):
            return f"deleted listing states {[u.state for u in deleted]}"
        return None

    def restore():
        if "user" not in state:
            return no_user
        uid = state["user"]["id"]
        u = pc.update_customer_user(tenant, uid, CustomerUserUpdate(state="active", attributes=ResourceAttributes(object_type="CustomerUser")))
        if u.state != "active":
            return f"state {u.state}"
        active, _ = all_users()
        return None if any(x.id == uid for x in active) else "the restored user is not listed"

    check("users: create answers the account with its password (not printed)", create)
    check("users: listing (size 1) followed through links.next holds the documented and the new user", listing)
    check("users: get one (no password in the read); an unknown one is 404 with code 60002", get_one)
    check("users: update the display name", rename)
    check("users: delete (204), then listed only by the deleted-users filter, inactive", delete)
    check("users: restore (state active), listed again", restore)

    # ---- Licenses (on the restored user)
    def consumed(sku_id):
        found = next((s for s in pc.list_subscribed_skus(tenant).items or [] if s.product_sku and s.product_sku.id == sku_id), None)
        return None if found is None else found.consumed_units

    def holds(user_id, sku_id):
        return any(lic.product_sku and lic.product_sku.id == sku_id for lic in pc.list_user_licenses(tenant, user_id).items or [])

    def skus():
        items = pc.list_subscribed_skus(tenant).items or []
        if not items:
            return "no SKUs"
        if any(not isinstance(s.consumed_units, int) or not isinstance(s.available_units, int) for s in items):
            return "a SKU without unit counts"
        state["sku"] = next((s.product_sku.id for s in items if (s.available_units or 0) > 0 and s.product_sku and s.product_sku.id), None)
        return None if state["sku"] else "no SKU with a unit left"

    def assign():
        if "user" not in state or not state.get("sku"):
            return "no user or no SKU"
        uid, sku = state["user"]["id"], state["sku"]
        before = consumed(sku)
        status, change = pc.update_user_licenses(
            tenant,
            uid,
            LicenseUpdate(licenses_to_assign=[LicenseAssignment(sku_id=sku)], attributes=ResourceAttributes(object_type="LicenseUpdate")),
            cls=with_status,
        )
        if status != 201 or not isinstance(change.license_warnings, list):
            return f"status {status}, licenseWarnings {change.license_warnings!r}"
        if not holds(uid, sku):
            return "not among the user's licenses"
        # consumedUnits only: the fake's availableUnits counts its own assignments twice
        # (api/README.md, findings).
        after = consumed(sku)
        return None if before is not None and after == before + 1 else f"consumedUnits {before} before, {after} after"

    def unassign():
        if "user" not in state or not state.get("sku"):
            return "no user or no SKU"
        uid, sku = state["user"]["id"], state["sku"]
        before = consumed(sku)
        status, _ = pc.update_user_licenses(
            tenant, uid, LicenseUpdate(licenses_to_remove=[sku], attributes=ResourceAttributes(object_type="LicenseUpdate")), cls=with_status
        )
        if status != 201:
            return f"status {status}"
        if holds(uid, sku):
            return "still among the user's licenses"
        after = consumed(sku)
        return None if before is not None and after == before - 1 else f"consumedUnits {before} before, {after} after"

    check("licenses: subscribed SKUs listed with their units", skus)
    check("licenses: assign (201), in the user's licenses, consumed units up by one", assign)
    check("licenses: remove (201), gone from the user's licenses, consumed units down by one", unassign)

    # ---- Directory roles
    def members(role_id):
        return [m.id for m in pc.list_directory_role_members(tenant, role_id).items or []]

    def roles_of(user_id):
        return [r.id for r in pc.list_user_directory_roles(tenant, user_id).items or []]

    def roles():
        items = pc.list_directory_roles(tenant).items or []
        if not items or any(not r.id or not r.name for r in items):
            return f"roles {[(r.id, r.name) for r in items]}"
        state["role"] = items[0].id
        return None

    def add_member():
        if "user" not in state or not state.get("role"):
            return "no user or no role"
        u, role = state["user"], state["role"]
        status, member = pc.add_directory_role_member(
            tenant,
            role,
            NewDirectoryRoleMember(
                id=u["id"], display_name=u["display_name"], user_principal_name=u["upn"], attributes=ResourceAttributes(object_type="UserMember")
            ),
            cls=with_status,
        )
        if status != 201 or member.id != u["id"]:
            return f"status {status}, member {member.id}"
        if u["id"] not in members(role):
            return "not among the role's members"
        return None if role in roles_of(u["id"]) else "the role is not among the user's roles"

    def remove_member():
        if "user" not in state or not state.get("role"):
            return "no user or no role"
        uid, role = state["user"]["id"], state["role"]
        status, _ = pc.remove_directory_role_member(tenant, role, uid, cls=with_status)
        if status != 204:
            return f"status {status}"
        if uid in members(role):
            return "still among the role's members"
        return None if role not in roles_of(uid) else "the role is still among the user's roles"

    check("directory roles: listed", roles)
    check("directory roles: add the user (201), among the role's members and the user's roles", add_member)
    check("directory roles: remove the user (204), gone from both listings", remove_member)

    # ---- Subscriptions
    def update(sub, **changes):
        """Sends the whole subscription as read with changes, with If-Match when it has an ETag."""
        for key, value in changes.items():
            setattr(sub, key, value)
        etag = sub.attributes.etag if sub.attributes else None
        if etag:
            return pc.update_customer_subscription(tenant, sub.id, sub, etag=etag, match_condition=MatchConditions.IfNotModified)
        return pc.update_customer_subscription(tenant, sub.id, sub)

    def subscriptions():
        items = pc.list_customer_subscriptions(tenant).items or []
        # An active one with an ETag, not an add-on, billed by license count or not at all.
        sub = next(
            (
                s
                for s in items
                if s.status == "active" and s.attributes and s.attributes.etag and not s.parent_subscription_id and s.billing_type != "usage"
            ),
            None,
        )
        if sub is None:
            return "no active subscription with an ETag"
        state["sub"] = sub.id
        one = pc.get_customer_subscription(tenant, sub.id)
        return None if one.id.lower() == sub.id.lower() and one.status == "active" else f"read: id {one.id}, status {one.status}"

    def suspend():
        if not state.get("sub"):
            return "no subscription"
        read = pc.get_customer_subscription(tenant, state["sub"])
        old_etag = read.attributes.etag
        done = update(read, status="suspended")
        if done is None or done.status != "suspended":
            return f"answer {done and done.status}"
        if not done.attributes.etag or done.attributes.etag == old_etag:
            return f"etag {done.attributes.etag} after the change"
        again = pc.get_customer_subscription(tenant, state["sub"])
        return None if again.status == "suspended" else f"read back: {again.status}"

    def quantity_refused():
        if not state.get("sub"):
            return "no subscription"
        read = pc.get_customer_subscription(tenant, state["sub"])
        quantity = read.quantity
        try:
            update(read, quantity=quantity + 1)
            return "the quantity change of a suspended subscription succeeded"
        except HttpResponseError as e:
            if e.status_code != 400 or fault_code(e) != "800091":
                return f"status {e.status_code}, code {fault_code(e)!r}"
        again = pc.get_customer_subscription(tenant, state["sub"])
        return None if again.quantity == quantity and again.status == "suspended" else f"read back: quantity {again.quantity}, status {again.status}"

    def reactivate():
        if not state.get("sub"):
            return "no subscription"
        done = update(pc.get_customer_subscription(tenant, state["sub"]), status="active")
        if done is None or done.status != "active":
            return f"answer {done and done.status}"
        again = pc.get_customer_subscription(tenant, state["sub"])
        return None if again.status == "active" else f"read back: {again.status}"

    def open_enums():
        # msrest models mode: x-ms-enum with modelAsString becomes "str", so a value the
        # enum does not list decodes as it was sent.
        items = pc.list_customer_subscriptions(tenant).items or []
        odd = [(s.status, s.billing_type) for s in items if not isinstance(s.status, str) or not isinstance(s.billing_type, str)]
        if odd:
            return f"not strings: {odd}"
        unlisted = next(
            (s for s in items if s.renewal_term_duration is not None and s.renewal_term_duration not in LISTED_TERM_DURATIONS), None
        )
        if unlisted is None:
            return "no subscription with a renewalTermDuration outside TermDuration's listed values"
        if not isinstance(unlisted.renewal_term_duration, str):
            return f"renewalTermDuration {unlisted.renewal_term_duration!r}"
        one = pc.get_customer_subscription(tenant, unlisted.id)
        return None if one.renewal_term_duration == unlisted.renewal_term_duration else f"read: renewalTermDuration {one.renewal_term_duration!r}"

    check("subscriptions: listed, one read", subscriptions)
    check("subscriptions: suspend (status suspended, If-Match), read back suspended", suspend)
    check("subscriptions: a quantity change while suspended is refused (400, 800091 SubscriptionSuspended)", quantity_refused)
    check("subscriptions: reactivate (status active)", reactivate)
    check('open enumerations: status and billingType are strings, an unlisted renewalTermDuration ("") comes through', open_enums)


if __name__ == "__main__":
    sys.exit(main())
