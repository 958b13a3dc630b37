// Package svgviz draws optimization landscapes, 1-D curves and loss plots as
// small, byte-deterministic SVG from plain numbers.
//
// The package knows nothing of lessons, Markdown or HTML pages: callers sample a
// function on a [Grid], record optimizer [Run]s, and hand both to a [Landscape],
// [Curve] or [LossPlot], whose WriteSVG method writes one <svg> element meant
// to be inlined in an HTML page (there is no XML prolog).
//
// # Conventions
//
// World coordinates have y pointing up; screen coordinates (the viewBox) have y
// pointing down. One function maps world to screen and flips y there; nothing
// is flipped with a transform, so text is never mirrored. Screen coordinates are
// rounded to 0.1 px and polylines are simplified within 0.25 px.
//
// Contour extraction is plain data: [Contours] returns polylines in world
// coordinates, and closed contours have c[0] == c[len(c)-1]. Drawing is separate.
//
// The same input always yields the same bytes: numbers are formatted with a
// fixed precision and nothing depends on map iteration order. Golden files in
// testdata/ rely on this.
//
// # Trust
//
// Author text (titles, descriptions, run labels) is untrusted and always
// HTML-escaped. IDs are reduced to letters, digits, '-' and '_'. Numbers are
// trusted to be numbers: non-finite values mark where a function is undefined.
//
// # Page contract
//
// The root element carries role="img", aria-labelledby naming its <title> and
// <desc>, data-x0, data-x1, data-y0, data-y1 (the world box of the plot area),
// data-plot="L T W H" (the plot rectangle in viewBox units) and, for a
// [LossPlot], data-yscale ("linear" or "log"; with "log", y0 and y1 are log10
// values, y is log10(loss), and a loss ≤ 0 or below 10^y0 is drawn at y0). A
// page script maps world to screen as
//
//	sx = L + (x-x0)/(x1-x0)*W
//	sy = T + (y1-y)/(y1-y0)*H
//
// Each run i is a <g class="run" data-run="i"> holding path.trail (the whole
// path), an empty path.progress for the script to fill, circle.marker at the
// final point, and the start, end and divergence marks. A [LossPlot] adds one
// line.cursor at the last step. Each legend entry of a run is a
// <g class="legend-item" data-run="i">. Run colours are [Color](run.Color).
//
// A [Surface] draws the same function in 3-D, with the colours of a
// [Scale] (a ContourLayer's, so both views agree). Its root also carries
// data-camera="azimuth elevation" and data-view="CX CY S", the projection
// a page script repeats ([Surface.Model]) to turn it; its g.run groups hold
// the markers, and its trail pieces are path.trail[data-run] interleaved
// with the rows of quads that may hide them.
//
// # Non-goals
//
// No general plotting: there are no subplots, no colour bars and no text
// measurement beyond a fixed estimate of character widths.
package svgviz
