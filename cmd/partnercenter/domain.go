package main

import (
	"context"
	"flag"
	"strings"
)

// domainCommand is the "domain" group.
func (a *app) domainCommand() *command {
	group := &command{
		name:     "domain",
		summary:  "check whether a domain name is available",
		long:     "Work with domain names in Microsoft Entra ID.",
		examples: []string{"partnercenter --fake domain available contoso-new.onmicrosoft.com"},
	}
	return group.add(a.domainAvailable())
}

// domainAvailable is "domain available".
func (a *app) domainAvailable() *command {
	var exitCodeFlag bool
	cmd := &command{
		name:    "available",
		summary: "tell whether a domain name is free to use for a new customer",
		args:    "DOMAIN",
		nargs:   1,
		long: "Tell whether DOMAIN (for example contoso.onmicrosoft.com) is still free: it\n" +
			"prints \"available\" or \"taken\" and exits 0 either way. With --exit-code it\n" +
			"exits 1 when the domain is taken, for use in scripts.",
		examples: []string{
			"partnercenter --fake domain available contoso-new.onmicrosoft.com",
			"partnercenter --fake -o table domain available abcdefgh1234.onmicrosoft.com",
			"partnercenter --fake domain available --exit-code contoso-new.onmicrosoft.com && echo free",
		},
	}
	cmd.setFlags = func(fs *flag.FlagSet) {
		fs.BoolVar(&exitCodeFlag, "exit-code", false, "exit with status 1 when the domain is taken")
	}
	cmd.run = func(ctx context.Context, args []string) error {
		name := strings.TrimSpace(args[0])
		if name == "" {
			return newUsageError(cmd, "DOMAIN must not be empty")
		}
		client, err := a.getClient()
		if err != nil {
			return err
		}
		available, err := client.CheckDomainAvailability(ctx, name, nil)
		if err != nil {
			return err
		}
		if err := a.printer().availability(name, available); err != nil {
			return err
		}
		if exitCodeFlag && !available {
			return &exitStatusError{code: exitError}
		}
		return nil
	}
	return cmd
}
