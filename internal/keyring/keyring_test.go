package keyring_test

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/rsa"
	"encoding/pem"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"filippo.io/age"
	"golang.org/x/crypto/ssh"

	"github.com/memaudit/memaudit/internal/keyfile"
	"github.com/memaudit/memaudit/internal/keyring"
	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

func init() { keyring.UseLowScryptForTests() }

// sshPair makes an SSH key pair: the authorized_keys line and the
// unencrypted OpenSSH private key.
func sshPair(t *testing.T, rsaKey bool) (string, []byte) {
	t.Helper()
	var priv any
	var pub ssh.PublicKey
	var err error
	if rsaKey {
		k, e := rsa.GenerateKey(rand.Reader, 2048)
		if e != nil {
			t.Fatal(e)
		}
		priv = k
		pub, err = ssh.NewPublicKey(&k.PublicKey)
	} else {
		pk, sk, e := ed25519.GenerateKey(rand.Reader)
		if e != nil {
			t.Fatal(e)
		}
		priv = sk
		pub, err = ssh.NewPublicKey(pk)
	}
	if err != nil {
		t.Fatal(err)
	}
	block, err := ssh.MarshalPrivateKey(priv, "test key")
	if err != nil {
		t.Fatal(err)
	}
	return strings.TrimSpace(string(ssh.MarshalAuthorizedKey(pub))) + " test@host", pem.EncodeToMemory(block)
}

// Every slot type wraps the data key so that its own identity, and only it,
// unwraps it.
func TestEverySlotTypeOpens(t *testing.T) {
	dataKey, _ := vaultcrypto.NewDataKey()
	x, _ := keyring.Generate(false)
	pq, _ := keyring.Generate(true)
	edPub, edPriv := sshPair(t, false)
	rsaPub, rsaPriv := sshPair(t, true)
	pass, _ := keyring.PassphraseRecipient("correct horse battery staple")

	type slot struct {
		name  string
		recip string
		ident []byte
	}
	var rs []keyfile.Recipient
	var idents [][]age.Identity
	for _, c := range []slot{{"x25519", "", x.File}, {"pq", "", pq.File}, {"ed25519", edPub, edPriv}, {"rsa", rsaPub, rsaPriv}} {
		var r keyfile.Recipient
		switch c.name {
		case "x25519":
			r = x.Recipient
		case "pq":
			r = pq.Recipient
		default:
			var err error
			if r, err = keyring.ParseRecipient(c.recip); err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
		}
		ids, err := keyring.ParseIdentities(c.ident)
		if err != nil {
			t.Fatalf("%s identity: %v", c.name, err)
		}
		rs = append(rs, r)
		idents = append(idents, ids)
	}
	passID, _ := keyring.PassphraseIdentity("correct horse battery staple")
	rs = append(rs, pass)
	idents = append(idents, []age.Identity{passID})

	f, err := keyfile.New("vault", dataKey, rs, fixedNow)
	if err != nil {
		t.Fatal(err)
	}
	wantTypes := []string{keyfile.TypeX25519, keyfile.TypeHybrid, keyfile.TypeSSHEd25519, keyfile.TypeSSHRSA, keyfile.TypeScrypt}
	for i, s := range f.Active.Slots {
		if s.Type != wantTypes[i] {
			t.Errorf("slot %d type %s, want %s", i, s.Type, wantTypes[i])
		}
	}
	b, _ := f.Marshal()
	back, err := keyfile.Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	for i, ids := range idents {
		k, err := back.Unlock(ids)
		if err != nil || string(k) != string(dataKey) {
			t.Fatalf("slot %s: %v", wantTypes[i], err)
		}
	}
	other, _ := age.GenerateX25519Identity()
	if _, err := back.Unlock([]age.Identity{other}); !errors.Is(err, keyfile.ErrWrongKey) {
		t.Fatalf("stranger: %v", err)
	}
	wrongPass, _ := keyring.PassphraseIdentity("wrong")
	if _, err := back.Unlock([]age.Identity{wrongPass}); !errors.Is(err, keyfile.ErrWrongKey) {
		t.Fatalf("wrong passphrase: %v", err)
	}
	if strings.Contains(string(b), string(x.File)) || strings.Contains(string(b), "AGE-SECRET-KEY") {
		t.Fatal("key file holds identity material")
	}
}

func TestIdentityFilePermissions(t *testing.T) {
	dir := t.TempDir()
	g, _ := keyring.Generate(false)
	p := filepath.Join(dir, "id")
	if err := keyring.WriteIdentityFile(p, g); err != nil {
		t.Fatal(err)
	}
	if err := keyring.WriteIdentityFile(p, g); err == nil {
		t.Fatal("overwrote an existing identity file")
	}
	if _, err := keyring.LoadIdentityFile(p, false); err != nil {
		t.Fatal(err)
	}
	os.Chmod(p, 0o640)
	if _, err := keyring.LoadIdentityFile(p, false); !errors.Is(err, keyring.ErrInsecureFile) {
		t.Fatalf("loose identity: %v", err)
	}
	if _, err := keyring.LoadIdentityFile(p, true); err != nil {
		t.Fatalf("override: %v", err)
	}
	pf := filepath.Join(dir, "pass")
	os.WriteFile(pf, []byte("hunter2 is not a passphrase\n"), 0o644)
	if _, err := keyring.ReadPassphraseFile(pf, false); !errors.Is(err, keyring.ErrInsecureFile) {
		t.Fatalf("loose passphrase file: %v", err)
	}
	// A passphrase file given where an identity is expected.
	os.Chmod(pf, 0o600)
	_, err := keyring.LoadIdentityFile(pf, false)
	if !errors.Is(err, keyring.ErrNotIdentity) || strings.Contains(err.Error(), "hunter2") {
		t.Fatalf("passphrase as identity: %v", err)
	}
}

func TestRecipientErrors(t *testing.T) {
	for _, s := range []string{"", "age1notvalid", "ssh-dss AAAA", "hello", "age1pq1xyz"} {
		if _, err := keyring.ParseRecipient(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}
