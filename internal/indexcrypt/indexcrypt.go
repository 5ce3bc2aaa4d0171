// Package indexcrypt encrypts bleve index files through bleve's process-wide
// index.WriterHook and index.ReaderHook.
//
// The hooks are global, so this package keeps a registry: each open vault
// registers its index directory and index key. The writer hook picks the key
// by the file's path and names each file "ma1:<key id>:<salt>"; bleve stores
// that id with the file and hands it back to the reader hook, which finds the
// key by id. Files outside any registered directory pass through untouched
// (bleve users that are not vaults, and the benchmark-only plaintext path).
package indexcrypt

import (
	"encoding/base64"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"

	index "github.com/blevesearch/bleve_index_api"

	"github.com/memaudit/memaudit/internal/vaultcrypto"
)

const idPrefix = "ma1:"

// ErrUnencrypted is returned for a file in a registered index that carries no
// encryption id: someone replaced it, or it predates encryption.
var ErrUnencrypted = errors.New("index file is not encrypted")

// ErrUnknownKey is returned for a file sealed under a key that is not open.
var ErrUnknownKey = errors.New("index file is sealed under an unknown key")

type registration struct {
	dir   string
	keyID string
	key   []byte
	refs  int
	// retired are keys this directory was sealed under before Rekey:
	// still readable, never written; forgotten with the registration.
	retired []*registration
}

var (
	mu      sync.RWMutex
	byDir   = map[string]*registration{}
	byKeyID = map[string]*registration{}
	sealers sync.Map // key id + ":" + salt -> *vaultcrypto.FileSealer
	install sync.Once
)

// Register makes files under dir encrypted with indexKey, named keyID. It
// returns a function that undoes the registration and wipes the key copy.
func Register(dir, keyID string, indexKey []byte) (unregister func(), err error) {
	install.Do(func() {
		index.WriterHook = writerHook
		index.ReaderHook = readerHook
	})
	dir, err = filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	dir = filepath.Clean(dir)
	mu.Lock()
	defer mu.Unlock()
	if r, ok := byDir[dir]; ok {
		if r.keyID != keyID {
			return nil, fmt.Errorf("index %s is already open under another key", dir)
		}
		r.refs++
	} else {
		r := &registration{dir: dir, keyID: keyID, key: append([]byte(nil), indexKey...), refs: 1}
		byDir[dir] = r
		byKeyID[keyID] = r
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			mu.Lock()
			defer mu.Unlock()
			r := byDir[dir]
			r.refs--
			if r.refs > 0 {
				return
			}
			delete(byDir, dir)
			// The key id may have changed since (Rekey), and another
			// directory (the rebuild directory) may share it.
			id := r.keyID
			var other *registration
			for _, o := range byDir {
				if o.keyID == id {
					other = o
				}
			}
			if other != nil {
				byKeyID[id] = other
			} else if byKeyID[id] == r {
				forget(id)
			}
			for _, old := range r.retired {
				if byKeyID[old.keyID] == old {
					forget(old.keyID)
				}
				vaultcrypto.Wipe(old.key)
			}
			vaultcrypto.Wipe(r.key)
		})
	}, nil
}

// forget drops a key id and its cached sealers. The caller holds mu.
func forget(id string) {
	delete(byKeyID, id)
	sealers.Range(func(k, _ any) bool {
		if strings.HasPrefix(k.(string), id+":") {
			sealers.Delete(k)
		}
		return true
	})
}

// Rekey makes the files written under dir from now on sealed with newKey,
// named newKeyID, while those sealed under its former key stay readable
// until dir is unregistered: bleve then rewrites them (DropFileWriterIDs),
// which is how a key rotation re-encrypts an index without rebuilding it.
func Rekey(dir, newKeyID string, newKey []byte) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	dir = filepath.Clean(dir)
	mu.Lock()
	defer mu.Unlock()
	r, ok := byDir[dir]
	if !ok {
		return fmt.Errorf("index %s is not registered", dir)
	}
	if r.keyID == newKeyID {
		return nil
	}
	if _, taken := byKeyID[newKeyID]; taken {
		return fmt.Errorf("key id %s is already in use", newKeyID)
	}
	old := &registration{keyID: r.keyID, key: r.key}
	r.retired = append(r.retired, old)
	if byKeyID[old.keyID] == r {
		byKeyID[old.keyID] = old // reads of the old files
	}
	r.keyID, r.key = newKeyID, append([]byte(nil), newKey...)
	byKeyID[newKeyID] = r
	return nil
}

// IDPrefix is how the file ids of files sealed under keyID begin (see
// bleve's FileWriterIDsInUse).
func IDPrefix(keyID string) string { return idPrefix + keyID + ":" }

// dirKeyID returns the id of the key that files under path are written
// with now, read under mu: Rekey changes it while bleve writes.
func dirKeyID(path string) (string, bool) {
	p := filepath.Clean(path)
	mu.RLock()
	defer mu.RUnlock()
	for {
		if r, ok := byDir[p]; ok {
			return r.keyID, true
		}
		parent := filepath.Dir(p)
		if parent == p {
			return "", false
		}
		p = parent
	}
}

func writerHook(context []byte) (string, func([]byte) []byte, error) {
	if len(context) == 0 {
		return "", nil, nil
	}
	keyID, ok := dirKeyID(string(context))
	if !ok {
		return "", nil, nil
	}
	salt := vaultcrypto.NewFileSalt()
	s, err := sealerFor(keyID, salt)
	if err != nil {
		return "", nil, err
	}
	return idPrefix + keyID + ":" + base64.RawURLEncoding.EncodeToString(salt), s.Seal, nil
}

// sealerFor returns the (cached) sealer of a key id and file salt.
func sealerFor(keyID string, salt []byte) (*vaultcrypto.FileSealer, error) {
	ck := keyID + ":" + string(salt)
	if v, ok := sealers.Load(ck); ok {
		return v.(*vaultcrypto.FileSealer), nil
	}
	mu.RLock()
	r, ok := byKeyID[keyID]
	var s *vaultcrypto.FileSealer
	var err error
	if ok {
		s, err = vaultcrypto.NewFileSealer(r.key, salt)
	}
	mu.RUnlock()
	if !ok {
		return nil, ErrUnknownKey
	}
	if err != nil {
		return nil, err
	}
	sealers.Store(ck, s)
	return s, nil
}

func readerHook(id string, context []byte) (func([]byte) ([]byte, error), error) {
	if id == "" {
		if len(context) > 0 {
			if _, registered := dirKeyID(string(context)); registered {
				return nil, ErrUnencrypted
			}
		}
		return nil, nil
	}
	rest, ok := strings.CutPrefix(id, idPrefix)
	if !ok {
		return nil, fmt.Errorf("index file id: %w", ErrUnknownKey)
	}
	keyID, _, ok := strings.Cut(rest, ":")
	if !ok {
		return nil, fmt.Errorf("index file id: %w", ErrUnknownKey)
	}
	mu.RLock()
	_, known := byKeyID[keyID]
	mu.RUnlock()
	if !known {
		return nil, ErrUnknownKey
	}
	// The salt is read from each chunk (see vaultcrypto.FileSealer).
	return func(sealed []byte) ([]byte, error) {
		salt := vaultcrypto.SaltOf(sealed)
		if salt == nil {
			return nil, vaultcrypto.ErrOpen
		}
		s, err := sealerFor(keyID, salt)
		if err != nil {
			return nil, err
		}
		return s.Open(sealed)
	}, nil
}

// KeyID names an index key in file ids.
func KeyID(indexKey []byte) string { return fmt.Sprintf("%x", vaultcrypto.KeyCheck(indexKey)[:8]) }

// Opens reports whether sealed, the contents of a file that bleve named id,
// opens (authenticates) under a key registered now. A file written without
// an id, or under a key that is not open, does not.
func Opens(id string, sealed []byte) bool {
	if id == "" {
		return false
	}
	open, err := readerHook(id, nil)
	if err != nil || open == nil {
		return false
	}
	_, err = open(sealed)
	return err == nil
}
