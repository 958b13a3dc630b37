// Package figure is the landscape directive, from its YAML to what a page
// shows: Decode checks the directive into a Spec, Compute runs its
// optimizers, finds the critical points, draws the contours, paths and loss
// plot as SVG and writes the figure's data as JSON, all into a Data.
//
// Values in, values out: it imports optim, svgviz, plainmath, yamlnode and
// diag, and must never import goldmark, html/template, the file system or
// the site build, so that it also builds for the browser (GOOS=js
// GOARCH=wasm).
// Work shared between figures (critical points, contour layers) goes
// through a Memo the caller owns; there is no package state.
package figure
