// Package diag holds the one kind of error every phase of a build reports:
// a mistake in the course at FILE:LINE, with the key at fault.
//
// It imports only the standard library, and every package of ours may
// import it; it must never import any of them.
package diag
