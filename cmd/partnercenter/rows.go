package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/partnercenter-go/partnercenter/wrapper"
)

// exampleUserID is the user of the reference pages, which the embedded fake
// serves.
const exampleUserID = "a9ef48bb-8758-4590-a312-d4a47bfaded4"

// Columns and fields shared by several rows.
var (
	customerRows = []string{
		"ID=id", "Company=companyProfile.companyName", "Domain=companyProfile.domain",
		"Relationship=relationshipToPartner", "Commerce ID=commerceId", "Associated partner=associatedPartnerId",
		"Delegated access=allowDelegatedAccess", "Custom domains=customDomains", "Tags=tags",
		"Company email=companyProfile.email", "Company address=companyProfile.address|address",
		"Billing contact=billingProfile.firstName+billingProfile.lastName", "Billing email=billingProfile.email",
		"Billing address=billingProfile.defaultAddress|address",
	}
	qualificationColumns = []string{"QUALIFICATION=qualification", "STATUS=vettingStatus", "REASON=vettingReason"}
	agreementColumns     = []string{"TYPE=type", "DATE AGREED=dateAgreed", "CONTACT=primaryContact.firstName+primaryContact.lastName",
		"EMAIL=primaryContact.email", "TEMPLATE ID=templateId"}
	userFields = []string{"ID=id", "User principal name=userPrincipalName", "Display name=displayName",
		"First name=firstName", "Last name=lastName", "Usage location=usageLocation", "State=state",
		"Domain type=userDomainType", "Phone=phoneNumber", "Last directory sync=lastDirectorySyncTime", "Deleted at=softDeletionTime"}
	licenseColumns      = []string{"SKU ID=productSku.id", "SKU=productSku.name", "PART NUMBER=productSku.skuPartNumber", "GROUP=productSku.licenseGroupId"}
	roleColumns         = []string{"ROLE ID=id", "NAME=name"}
	subscriptionColumns = []string{"ID=id", "OFFER=offerName", "NAME=friendlyName", "QUANTITY=quantity", "STATUS=status", "AUTO-RENEW=autoRenewEnabled", "ORDER=orderId"}
	subscriptionFields  = []string{"ID=id", "Offer=offerName", "Offer ID=offerId", "Name=friendlyName", "Quantity=quantity", "Unit=unitType",
		"Status=status", "Auto-renew=autoRenewEnabled", "Billing=billingType", "Billing cycle=billingCycle", "Term=termDuration",
		"Commitment ends=commitmentEndDate", "Order=orderId", "Partner (MPN) ID=partnerId", "ETag=attributes.etag"}
)

// groupInfo gives the summary and description of the groups the command
// table makes.
var groupInfo = map[string][2]string{
	"customer users": {"users of a customer: list, get, create, update, delete, restore",
		"Manage the user accounts of a customer's tenant. A new or reset password is\n" +
			"shown only with --show-password."},
	"customer licenses": {"licenses: a user's, the customer's available ones, assign and remove",
		"See and change which product licenses the customer's users hold."},
	"customer roles": {"directory roles: list, members, add and remove",
		"See and change the Entra ID directory roles of the customer's users."},
	"customer subscriptions": {"subscriptions: list, get, change quantity, suspend, rename",
		"See and change the customer's subscriptions."},
}

// commandTable is every command that calls one wrapper method and prints
// its answer (see row).
var commandTable = []row{
	{path: "customer get", summary: "show a customer", args: []string{"CUSTOMER_ID"},
		long: "Show a customer: company profile, relationship to the partner, billing profile.\n" +
			"Without delegated admin rights the service leaves out the company address,\n" +
			"e-mail and custom domains.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.GetCustomer(ctx, a.arg(0), nil)
		}, fields: customerRows},
	{path: "customer domains", summary: "list a customer's custom domains", args: []string{"CUSTOMER_ID"},
		long: "List the domain names registered in the customer's tenant. Needs GDAP (one of\n" +
			"the roles Directory Writer, Global Reader, Domain Administrator); DAP is refused.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.GetCustomerCustomDomains(ctx, a.arg(0), nil)
		}, columns: []string{"DOMAIN="}, empty: "No custom domains."},
	{path: "customer organization", summary: "show a customer's organization details", args: []string{"CUSTOMER_ID"},
		long: "Show the organization details of the customer's tenant: display name, postal\n" +
			"address and technical notification mails.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.GetCustomerOrganization(ctx, a.arg(0), nil)
		}, columns: []string{"DISPLAY NAME=displayName", "STREET=street", "CITY=city", "STATE=state", "POSTAL CODE=postalCode",
			"COUNTRY=countryLetterCode", "NOTIFICATION MAILS=technicalNotificationMails"}, empty: "No organization details."},
	{path: "customer company-profile", summary: "show a customer's company profile", args: []string{"CUSTOMER_ID"},
		long: "Show the customer's company profile: name, domain, address, e-mail. The\n" +
			"service answers this for app+user sign-ins only.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.GetCustomerCompanyProfile(ctx, a.arg(0), nil)
		}, fields: []string{"Tenant ID=tenantId", "Company=companyName", "Domain=domain", "Email=email",
			"Registration number=organizationRegistrationNumber", "Address=address|address", "Phone=address.phoneNumber"}},
	{path: "customer billing-profile", summary: "show a customer's billing profile", args: []string{"CUSTOMER_ID"},
		long: "Show the customer's billing profile: contact, address, culture and the ETag\n" +
			"an update must quote.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.GetCustomerBillingProfile(ctx, a.arg(0), nil)
		}, fields: []string{"ID=id", "Company=companyName", "First name=firstName", "Last name=lastName", "Email=email",
			"Culture=culture", "Language=language", "Address=defaultAddress|address", "Phone=defaultAddress.phoneNumber", "ETag=attributes.etag"}},
	{path: "customer qualifications", summary: "list a customer's qualifications and their vetting", args: []string{"CUSTOMER_ID"},
		long: "List the customer's qualifications (Education, GovernmentCommunityCloud,\n" +
			"StateOwnedEntity) with their vetting status (InReview, Approved, Denied) and,\n" +
			"for a denial, the reason.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.ListCustomerQualifications(ctx, a.arg(0), nil)
		}, columns: qualificationColumns, empty: "No qualifications."},
	{path: "customer remove-reseller", summary: "end the reseller relationship with a customer", args: []string{"CUSTOMER_ID"}, confirm: true,
		long: "End the partner's reseller relationship with the customer (relationshipToPartner\n" +
			"becomes none). Cancel the customer's Azure reservations and suspend its active\n" +
			"subscriptions first. Afterwards the partner cannot act for the customer.\n" +
			"Requires --yes.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			cu, err := c.RemoveResellerRelationship(ctx, a.arg(0), nil)
			if err == nil && cu.ID == nil {
				id := a.arg(0)
				cu.ID = &id
			}
			return cu, err
		}, fields: customerRows},
	{path: "customer delete", summary: "delete a customer of an integration sandbox", args: []string{"CUSTOMER_ID"}, confirm: true,
		long: "Delete a customer of the partner's integration sandbox account (the service\n" +
			"refuses customers elsewhere). Cancel its orders first; a customer created\n" +
			"with an address that did not verify cannot be deleted. Requires --yes.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return map[string]any{"customerId": a.arg(0), "deleted": true}, c.DeleteCustomer(ctx, a.arg(0), nil)
		}, fields: []string{"Customer ID=customerId", "Deleted=deleted"}},
	{path: "customer invite-link", summary: "print the link inviting a customer to a reseller relationship",
		long: "Print the link a customer's global administrator opens to accept the partner\n" +
			"as reseller. Indirect providers name the reseller with --indirect-reseller-id.",
		flags: []flagSpec{{name: "indirect-reseller-id", usage: "the indirect reseller's tenant `ID`"}},
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.GetRelationshipRequest(ctx, &wrapper.GetRelationshipRequestOptions{IndirectResellerID: a.str("indirect-reseller-id")})
		}, fields: []string{"Link=url"}},

	{path: "country rules", summary: "show a country's validation rules", args: []string{"COUNTRY"},
		long: "Show what COUNTRY (a two-letter code) requires: state, city and postal code\n" +
			"(with its pattern), the states, cultures and languages, whether an\n" +
			"organization registration number is needed.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.GetCountryValidationRules(ctx, a.arg(0), nil)
		}, fields: []string{"Country=iso2Code", "Default culture=defaultCulture", "State required=isStateRequired",
			"States=supportedStatesList", "City required=isCityRequired", "Postal code required=isPostalCodeRequired",
			"Postal code pattern=postalCodeRegex", "Registration number=isRegistrationNumberSupported",
			"Phone pattern=phoneNumberRegex", "Cultures=supportedCulturesList", "Languages=supportedLanguagesList"}},

	{path: "agreement metadata", summary: "list the agreement templates",
		long:  "List the agreements a customer can accept: template ID, type and link.",
		flags: []flagSpec{{name: "type", def: "customer", usage: "agreement `TYPE`: customer, cloud or all"}},
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			t, err := agreementTypeFlag(a.str("type"))
			if err != nil {
				return nil, err
			}
			return c.ListAgreementMetadata(ctx, &wrapper.ListAgreementMetadataOptions{AgreementType: t})
		}, columns: []string{"TEMPLATE ID=templateId", "TYPE=agreementType", "LINK=agreementLink"}, empty: "No agreements."},
	{path: "agreement document", summary: "show the links to an agreement's document", args: []string{"TEMPLATE_ID"},
		long: "Show the links to read and download the agreement of TEMPLATE_ID (from\n" +
			"'agreement metadata'), in --language for --country. The links expire.",
		flags: []flagSpec{{name: "language", usage: "document `LANGUAGE`, such as en-US"}, {name: "country", usage: "two-letter `COUNTRY` code, upper case"}},
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.GetAgreementDocument(ctx, a.arg(0), &wrapper.GetAgreementDocumentOptions{Language: a.str("language"), Country: a.str("country")})
		}, fields: []string{"Country=country", "Language=language", "Display=displayUri", "Download=downloadUri"}},
	{path: "agreement list", summary: "list the agreements a customer accepted", args: []string{"CUSTOMER_ID"},
		long:  "List the confirmations of agreement acceptance recorded for the customer.",
		flags: []flagSpec{{name: "type", def: "customer", usage: "agreement `TYPE`: customer, cloud or all"}},
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			t, err := agreementTypeFlag(a.str("type"))
			if err != nil {
				return nil, err
			}
			return c.ListCustomerAgreements(ctx, a.arg(0), &wrapper.ListCustomerAgreementsOptions{AgreementType: t})
		}, columns: agreementColumns, empty: "No agreements."},

	{path: "customer users get", summary: "show a user of a customer", args: []string{"CUSTOMER_ID", "USER_ID"},
		long: "Show one user account of the customer's tenant: names, sign-in name, usage\n" +
			"location, state.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.GetCustomerUser(ctx, a.arg(0), a.arg(1), nil)
		}, fields: userFields},
	{path: "customer users delete", summary: "delete a user of a customer", args: []string{"CUSTOMER_ID", "USER_ID"}, confirm: true,
		long: "Delete a user account of the customer. It can be restored for 30 days with\n" +
			"'customer users restore'. Requires --yes.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return map[string]any{"userId": a.arg(1), "deleted": true}, c.DeleteCustomerUser(ctx, a.arg(0), a.arg(1), nil)
		}, fields: []string{"User ID=userId", "Deleted=deleted"}},

	{path: "customer users update", summary: "change a user's names, sign-in name, usage location or phone", args: []string{"CUSTOMER_ID", "USER_ID"},
		long: "Change the fields of a user account the flags name; the others stay as they are.",
		flags: []flagSpec{{name: "display-name", usage: "the display `NAME`"}, {name: "first-name", usage: "the first `NAME`"},
			{name: "last-name", usage: "the last `NAME`"}, {name: "upn", usage: "the sign-in `NAME` (name@domain)"},
			{name: "usage-location", usage: "the two-letter `COUNTRY` of its licenses"}, {name: "phone", usage: "the phone `NUMBER`"}},
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			u := wrapper.CustomerUserUpdate{}
			for name, dst := range map[string]**string{"display-name": &u.DisplayName, "first-name": &u.FirstName, "last-name": &u.LastName,
				"upn": &u.UserPrincipalName, "usage-location": &u.UsageLocation, "phone": &u.PhoneNumber} {
				if v := a.str(name); v != "" {
					*dst = &v
				}
			}
			return c.UpdateCustomerUser(ctx, a.arg(0), a.arg(1), u, nil)
		}, fields: userFields},
	{path: "customer users restore", summary: "restore a deleted user", args: []string{"CUSTOMER_ID", "USER_ID"},
		long: "Bring back a deleted user account (see 'customer users list --deleted'), within\n" +
			"30 days of its deletion.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.RestoreCustomerUser(ctx, a.arg(0), a.arg(1), nil)
		}, fields: userFields},

	{path: "customer licenses change", summary: "assign and remove a user's licenses in one call", args: []string{"CUSTOMER_ID", "USER_ID"},
		long: "Assign the licenses of --assign and remove those of --remove (comma-separated\n" +
			"SKU IDs, from 'customer licenses available'), in one call. The service's\n" +
			"warnings are printed; a change it accepted without applying it yet says so.",
		flags: []flagSpec{{name: "assign", usage: "SKU `IDS` to assign, comma-separated"}, {name: "remove", usage: "SKU `IDS` to remove, comma-separated"}},
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			var u wrapper.LicenseUpdate
			for _, id := range splitList(a.str("assign")) {
				u.LicensesToAssign = append(u.LicensesToAssign, wrapper.LicenseAssignment{SkuID: &id})
			}
			u.LicensesToRemove = splitList(a.str("remove"))
			return c.UpdateUserLicenses(ctx, a.arg(0), a.arg(1), u, nil)
		}, fields: []string{"Assigned=update.licensesToAssign", "Removed=update.licensesToRemove", "Warnings=warnings", "Pending=pending"}},
	{path: "customer licenses user", summary: "list the licenses assigned to a user", args: []string{"CUSTOMER_ID", "USER_ID"},
		long:  "List the product SKUs licensed to the user, optionally of --group (Group1, Group2).",
		flags: []flagSpec{{name: "group", usage: "license `GROUP`: Group1 (Entra ID) or Group2 (Minecraft)"}},
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.ListUserLicenses(ctx, a.arg(0), a.arg(1), &wrapper.ListUserLicensesOptions{LicenseGroupIds: groups(a.str("group"))})
		}, columns: licenseColumns, empty: "No licenses."},
	{path: "customer licenses available", summary: "list the licenses a customer can assign", args: []string{"CUSTOMER_ID"},
		long: "List the customer's subscribed SKUs with their units: total, consumed and\n" +
			"available, optionally of --group.",
		flags: []flagSpec{{name: "group", usage: "license `GROUP`: Group1 (Entra ID) or Group2 (Minecraft)"}},
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.ListSubscribedSkus(ctx, a.arg(0), &wrapper.ListSubscribedSkusOptions{LicenseGroupIds: groups(a.str("group"))})
		}, columns: []string{"SKU ID=productSku.id", "SKU=productSku.name", "TOTAL=totalUnits", "CONSUMED=consumedUnits",
			"AVAILABLE=availableUnits", "STATUS=capabilityStatus"}, empty: "No subscribed SKUs."},

	{path: "customer roles list", summary: "list the directory roles of a customer's tenant", args: []string{"CUSTOMER_ID"},
		long: "List the Entra ID directory roles activated in the customer's tenant.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.ListDirectoryRoles(ctx, a.arg(0), nil)
		}, columns: roleColumns, empty: "No directory roles."},
	{path: "customer roles user", summary: "list a user's directory roles", args: []string{"CUSTOMER_ID", "USER_ID"},
		long: "List the directory roles the user holds in the customer's tenant.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.ListUserDirectoryRoles(ctx, a.arg(0), a.arg(1), nil)
		}, columns: roleColumns, empty: "No directory roles."},
	{path: "customer roles add", summary: "give a user a directory role", args: []string{"CUSTOMER_ID", "ROLE_ID", "USER_ID"},
		long: "Make the user a member of the directory role (ROLE_ID from 'customer roles list').",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			// The service wants the member's names as well as its ID.
			u, err := c.GetCustomerUser(ctx, a.arg(0), a.arg(2), nil)
			if err != nil {
				return nil, err
			}
			m := wrapper.NewDirectoryRoleMember{ID: a.arg(2), Attributes: wrapper.ResourceAttributes{ObjectType: &userMemberType}}
			if u.DisplayName != nil {
				m.DisplayName = *u.DisplayName
			}
			if u.UserPrincipalName != nil {
				m.UserPrincipalName = *u.UserPrincipalName
			}
			return c.AddDirectoryRoleMember(ctx, a.arg(0), a.arg(1), m, nil)
		}, fields: []string{"User ID=id", "Display name=displayName", "User principal name=userPrincipalName", "Role ID=roleId"}},
	{path: "customer roles remove", summary: "take a directory role from a user", args: []string{"CUSTOMER_ID", "ROLE_ID", "USER_ID"}, confirm: true,
		long: "Remove the user from the members of the directory role. Requires --yes.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return map[string]any{"roleId": a.arg(1), "userId": a.arg(2), "removed": true}, c.RemoveDirectoryRoleMember(ctx, a.arg(0), a.arg(1), a.arg(2), nil)
		}, fields: []string{"Role ID=roleId", "User ID=userId", "Removed=removed"}},

	{path: "customer subscriptions list", summary: "list a customer's subscriptions", args: []string{"CUSTOMER_ID"},
		long: "List the customer's subscriptions, or those of one order (--order) or sold\n" +
			"through one partner (--mpn-id). An unknown status or billing type shows as the\n" +
			"service sends it.",
		flags: []flagSpec{{name: "order", usage: "only the subscriptions of order `ID`"}, {name: "mpn-id", usage: "only those sold through partner `MPN_ID`"}},
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			o := &wrapper.ListCustomerSubscriptionsOptions{OrderID: a.str("order")}
			if v := a.str("mpn-id"); v != "" {
				n, err := strconv.ParseInt(v, 10, 64)
				if err != nil || n <= 0 {
					return nil, fmt.Errorf("%w: --mpn-id %s is not a partner (MPN) ID", wrapper.ErrInvalidInput, strconv.Quote(v))
				}
				o.MpnID = n
			}
			return c.ListCustomerSubscriptions(ctx, a.arg(0), o)
		}, columns: subscriptionColumns, empty: "No subscriptions."},
	{path: "customer subscriptions get", summary: "show a subscription", args: []string{"CUSTOMER_ID", "SUBSCRIPTION_ID"},
		long: "Show one subscription of the customer, with the ETag an update may quote.",
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			return c.GetCustomerSubscription(ctx, a.arg(0), a.arg(1), nil)
		}, fields: subscriptionFields},
	{path: "customer subscriptions update", summary: "change a subscription: quantity, suspend, reactivate, name, auto-renew",
		args: []string{"CUSTOMER_ID", "SUBSCRIPTION_ID"},
		long: "Change a subscription: --quantity N, --status suspended or active, --name, or\n" +
			"--auto-renew on|off. The subscription is read first and sent back with its\n" +
			"ETag, so a change made meanwhile is refused rather than overwritten.",
		flags: []flagSpec{{name: "quantity", usage: "the new `QUANTITY`"}, {name: "status", usage: "`STATUS`: suspended or active"},
			{name: "name", usage: "the friendly `NAME`"}, {name: "auto-renew", usage: "`on` or off"}},
		call: func(ctx context.Context, c *wrapper.Client, a *rowArgs) (any, error) {
			change, err := subscriptionChange(a)
			if err != nil {
				return nil, err
			}
			return c.UpdateCustomerSubscription(ctx, a.arg(0), a.arg(1), change, nil)
		}, fields: append([]string{"Pending=pending"}, prefixed("subscription.", subscriptionFields)...)},
}

// subscriptionChange reads the flags of "customer subscriptions update".
func subscriptionChange(a *rowArgs) (func(*wrapper.Subscription), error) {
	var edits []func(*wrapper.Subscription)
	if v := a.str("quantity"); v != "" {
		n, err := strconv.ParseInt(v, 10, 32)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("%w: --quantity %s is not a quantity", wrapper.ErrInvalidInput, strconv.Quote(v))
		}
		q := int32(n)
		edits = append(edits, func(s *wrapper.Subscription) { s.Quantity = &q })
	}
	if v := a.str("status"); v != "" {
		if v != string(wrapper.SubscriptionStatusSuspended) && v != string(wrapper.SubscriptionStatusActive) {
			return nil, fmt.Errorf("%w: --status %s: use suspended or active", wrapper.ErrInvalidInput, strconv.Quote(v))
		}
		edits = append(edits, func(s *wrapper.Subscription) { s.Status = &v })
	}
	if v := a.str("name"); v != "" {
		edits = append(edits, func(s *wrapper.Subscription) { s.FriendlyName = &v })
	}
	if v := a.str("auto-renew"); v != "" {
		on := v == "on"
		if !on && v != "off" {
			return nil, fmt.Errorf("%w: --auto-renew %s: use on or off", wrapper.ErrInvalidInput, strconv.Quote(v))
		}
		edits = append(edits, func(s *wrapper.Subscription) { s.AutoRenewEnabled = &on })
	}
	if len(edits) == 0 {
		return nil, fmt.Errorf("%w: nothing to change: give --quantity, --status, --name or --auto-renew", wrapper.ErrInvalidInput)
	}
	return func(s *wrapper.Subscription) {
		for _, e := range edits {
			e(s)
		}
	}, nil
}

// prefixed puts prefix before the path of every "Title=path" spec.
func prefixed(prefix string, specs []string) []string {
	out := make([]string, len(specs))
	for i, s := range specs {
		title, path, _ := strings.Cut(s, "=")
		out[i] = title + "=" + prefix + path
	}
	return out
}

// splitList splits a comma-separated flag value.
func splitList(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// groups turns a --group flag into license groups (none when empty).
func groups(v string) []wrapper.LicenseGroup {
	if v == "" {
		return nil
	}
	return []wrapper.LicenseGroup{v}
}

// userMemberType is the objectType of a new directory-role member.
var userMemberType = "UserMember"
