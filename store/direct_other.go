//go:build !linux

package store

// oDirect is 0 where there is no O_DIRECT: packWriter writes as it comes.
const oDirect = 0
