// Package ulid makes sortable entry ids: 48 bits of milliseconds and 80
// random bits in Crockford base32 (the ULID layout), monotonic within a
// process so that ids made in the same millisecond still sort in order.
package ulid

import (
	"crypto/rand"
	"encoding/binary"
	"sync"
	"time"
)

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

var (
	mu     sync.Mutex
	lastMS uint64
	lastR  [10]byte
)

// New returns a new id for time t.
func New(t time.Time) string {
	ms := uint64(t.UnixMilli())
	mu.Lock()
	var r [10]byte
	if ms <= lastMS {
		// Same (or earlier: clock stepped back) millisecond: increment the
		// random part so that ids stay strictly increasing.
		ms = lastMS
		r = lastR
		for i := len(r) - 1; i >= 0; i-- {
			r[i]++
			if r[i] != 0 {
				break
			}
		}
	} else {
		_, _ = rand.Read(r[:])
	}
	lastMS, lastR = ms, r
	mu.Unlock()

	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], ms<<16)
	copy(b[6:], r[:])
	return encode(b)
}

func encode(b [16]byte) string {
	// 128 bits as 26 base32 digits, the first holding the top 3 bits.
	hi := binary.BigEndian.Uint64(b[:8])
	lo := binary.BigEndian.Uint64(b[8:])
	var out [26]byte
	for i := 25; i >= 0; i-- {
		out[i] = alphabet[lo&31]
		lo = lo>>5 | hi<<59
		hi >>= 5
	}
	return string(out[:])
}
