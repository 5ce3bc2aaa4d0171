package keyring_test

import "time"

var fixedNow = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
