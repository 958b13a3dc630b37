// Package watchdog helps fuzz targets treat a hang as a failure. It is for
// tests only and imports nothing of ours.
package watchdog

import (
	"fmt"
	"time"
)

// Start crashes the fuzzing worker if the input src is still being worked
// on after ten seconds, so that the fuzzer keeps it as a failure. Call the
// returned function when the input is done.
func Start(src []byte) (stop func()) {
	t := time.AfterFunc(10*time.Second, func() {
		panic(fmt.Sprintf("input hangs: %q", src))
	})
	return func() { t.Stop() }
}
