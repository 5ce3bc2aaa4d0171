package backup_test

import "fmt"

func fmtHex(b []byte) string { return fmt.Sprintf("%x", b) }
