//go:build !linux

package store

import "os"

// oDirect is 0 where there is no O_DIRECT: packWriter writes as it comes.
const oDirect = 0

// writeOut is os.WriteFile where there are no direct writes.
func writeOut(p string, data []byte) error { return os.WriteFile(p, data, 0o644) }
