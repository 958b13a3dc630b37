// Package yamlnode reads the YAML an author writes (a directive's body, front
// matter, the site file) one node at a time, so that every key can be
// checked and every mistake reported at the line of the key at fault, which
// strict struct decoding cannot give for wrong types.
//
// It imports yaml.v3 and diag, and must never import the packages that use
// it (figure, the site build).
package yamlnode
