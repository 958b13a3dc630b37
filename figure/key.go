package figure

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// Version changes whenever Compute's output would change for the
// same directive. Entries on disk are also tied to the executable that wrote
// them (package store), so a forgotten change here cannot serve stale
// figures.
const Version = "descent-figure-5"

// Key names a figure for the cache: the directive's text, its id and
// Version, hashed.
func Key(id string, src []byte) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\x00%s\x00", Version, id)
	h.Write(src)
	return hex.EncodeToString(h.Sum(nil))
}
