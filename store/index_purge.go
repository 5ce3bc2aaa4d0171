package store

import (
	"sync"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"
)

// bleve's persister deletes snapshots and segment files it no longer needs
// (removeOldData) each time it has caught up, after asking the index's
// event callback (EventKindPurgerCheck). While that runs it reads a field
// that DropFileWriterIDs sets without the persister's knowledge, a data
// race inside bleve that a rotation would otherwise provoke on every run.
// So the rotation holds the purges of the index it re-encrypts until that
// index is closed; the open that ends the rotation deletes what was left.

// indexEventCallback names onIndexEvent in scorch's registry.
const indexEventCallback = "memaudit"

var purgeHolds struct {
	sync.Mutex
	held map[*scorch.Scorch]bool
}

func init() {
	scorch.RegistryEventCallbacks[indexEventCallback] = onIndexEvent
}

// onIndexEvent runs on bleve's goroutines; it says no to purges held.
func onIndexEvent(e scorch.Event) bool {
	if e.Kind != scorch.EventKindPurgerCheck {
		return true
	}
	purgeHolds.Lock()
	defer purgeHolds.Unlock()
	return !purgeHolds.held[e.Scorch]
}

// holdPurges stops idx's persister from starting a purge until
// releasePurges. A purge already under way is not waited for: the caller
// waits for a persist (flushIndexLocked), which the persister starts only
// after it.
func holdPurges(idx bleve.Index) {
	sc := scorchOf(idx)
	if sc == nil {
		return
	}
	purgeHolds.Lock()
	defer purgeHolds.Unlock()
	if purgeHolds.held == nil {
		purgeHolds.held = map[*scorch.Scorch]bool{}
	}
	purgeHolds.held[sc] = true
}

// releasePurges forgets idx's hold; called once idx is closed.
func releasePurges(idx bleve.Index) {
	sc := scorchOf(idx)
	if sc == nil {
		return
	}
	purgeHolds.Lock()
	defer purgeHolds.Unlock()
	delete(purgeHolds.held, sc)
}

func scorchOf(idx bleve.Index) *scorch.Scorch {
	adv, err := idx.Advanced()
	if err != nil {
		return nil
	}
	sc, _ := adv.(*scorch.Scorch)
	return sc
}
