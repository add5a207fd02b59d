package fake

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"fmt"
	"math/big"
	"net"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/internal/check"
)

// DefaultAddr is the address a Server listens on when Options.Addr is
// empty: an unused port on the IPv4 loopback interface.
const DefaultAddr = "127.0.0.1:0"

// certLifetime is how long the fake's self-signed certificate is valid.
const certLifetime = 7 * 24 * time.Hour

// CheckLoopbackAddr reports an error unless addr is "HOST:PORT" with a
// loopback HOST: "localhost", an address in 127.0.0.0/8 or ::1. PORT may
// be 0 for an unused port. A host that is empty or a wildcard would listen
// on every interface, so it is refused too.
func CheckLoopbackAddr(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("address %q is not HOST:PORT: %w", addr, err)
	}
	if _, err := net.LookupPort("tcp", port); err != nil || port == "" {
		return fmt.Errorf("address %q has no valid port", addr)
	}
	if !check.Loopback(host) {
		return fmt.Errorf("address %q is not on the loopback interface: the fake listens only on 127.0.0.1, ::1 or localhost", addr)
	}
	return nil
}

// listen opens the listener for addr after checking that it is loopback.
// "localhost" is resolved to 127.0.0.1 so the listener never depends on
// name resolution.
func listen(addr string) (net.Listener, error) {
	if addr == "" {
		addr = DefaultAddr
	}
	if err := CheckLoopbackAddr(addr); err != nil {
		return nil, fmt.Errorf("fake: %w", err)
	}
	host, port, _ := net.SplitHostPort(addr)
	if strings.EqualFold(host, "localhost") {
		addr = net.JoinHostPort("127.0.0.1", port)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("fake: listen on %s: %w", addr, err)
	}
	return ln, nil
}

// newCertificate makes a self-signed ECDSA certificate for 127.0.0.1, ::1
// and localhost, valid for certLifetime.
func newCertificate() (tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("fake: make certificate key: %w", err)
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 127))
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("fake: make certificate serial: %w", err)
	}
	now := time.Now()
	tmpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{Organization: []string{"partnercenter-go fake"}, CommonName: "localhost"},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(certLifetime),
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
		DNSNames:              []string{"localhost"},
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1), net.IPv6loopback},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return tls.Certificate{}, fmt.Errorf("fake: make certificate: %w", err)
	}
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
