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
from partnercenter.models import CustomerOrganization

NAME = "autorest"
DOCUMENTED_ID = "aaaabbbb-0000-cccc-1111-dddd2222eeee"
UNKNOWN_ID = "0b4ad2fd-0000-4000-8000-00000000f404"
TAKEN_DOMAIN = "abcdefgh1234.onmicrosoft.com"
FREE_DOMAIN = "matrix-free-name.onmicrosoft.com"


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
            # The link is opaque: take its query and headers as given.
            query = parse_qs(urlsplit(nxt.uri).query)
            kwargs = {}
            if "size" in query:
                kwargs["size"] = int(query["size"][0])
            if "seekOperation" in query:
                kwargs["seek_operation"] = query["seekOperation"][0]
            token = next((h.value for h in nxt.headers or [] if h.key == "MS-ContinuationToken"), None)
            if not token:
                return f"page {pages}: next link without MS-ContinuationToken"
            kwargs["ms_continuation_token"] = token
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

    print(f"{NAME}: {results['passed']} passed, {results['failed']} failed")
    return 1 if results["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
