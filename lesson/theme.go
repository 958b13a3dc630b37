package lesson

import (
	"bytes"
	"errors"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"strings"

	"descent/layouts"
)

// theme is the parsed templates: one clone of base.html per page kind, and
// the figure template.
type theme struct {
	fsys   fs.FS // the author's layouts over the built-in theme
	dir    string
	static []staticFile
	kinds  map[string]*template.Template
	figure *template.Template
	// Whether each page kind prints .Content, and the figure template its
	// SVGs and data, only as they are (see splice.go).
	pageSplice   map[string]*splicer
	figureSplice *splicer
}

// The escapers html/template gives a field of each type where it prints it
// as it is: template.HTML in HTML text and template.JS in a script.
const (
	htmlAsIs = "_html_template_htmlescaper"
	jsAsIs   = "_html_template_jsvalescaper"
)

func (t *theme) name(file string) string { return path.Join(t.dir, file) }

// escape has html/template escape the templates of every page kind and of
// the figure, as their first execution would (and splicer.splices does). A build,
// but a preview's rebuild, calls it once the theme is read, beside the
// rest of the build: escaping and the code it first touches take a
// millisecond or two, which were in the way of the first page rendered
// and, in a one-figure course, of the last. Executions wait for an
// escaping under way.
func (t *theme) escape() {
	if t == nil {
		return
	}
	// Only the escaping: the splicers still decide at a page's render,
	// where a panic in html/template (an author's layout) is raised to
	// cmd/serve's recover, as before. On this goroutine of its own one
	// would end the process, so it is dropped: the page meets it again.
	defer func() { _ = recover() }()
	for _, set := range t.kinds {
		set.ExecuteTemplate(refuseWriter{}, "base", nil)
	}
	if t.figure != nil {
		t.figure.ExecuteTemplate(refuseWriter{}, "figure", nil)
	}
}

// overlayFS serves a file from the author's layouts when it has it and from
// the built-in theme otherwise, so a course overrides only what it changes.
// A folder lists the files of both (ReadDir), so that one file of the
// author's in static/ does not hide the built-in ones. The author's side
// is real files and folders only, as the course is: a link could publish
// any file the builder may read (/etc/passwd), and opening a pipe blocks.
type overlayFS struct{ top, base fs.FS }

var (
	_ fs.ReadDirFS = overlayFS{}

	errNotReal = errors.New("is not a regular file (a link, a pipe or a device); the theme is real files only, as the course is: copy the file in")
)

// inTop reports whether the author's layouts hold name, as a real file or
// folder.
func (o overlayFS) inTop(name string) (bool, error) {
	if o.top == nil {
		return false, nil
	}
	info, err := fs.Lstat(o.top, name)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	case err != nil:
		return false, err
	case !info.Mode().IsRegular() && !info.IsDir():
		return false, &fs.PathError{Op: "open", Path: name, Err: errNotReal}
	}
	return true, nil
}

func (o overlayFS) Open(name string) (fs.File, error) {
	top, err := o.inTop(name)
	if err != nil {
		return nil, err
	}
	if top {
		return o.top.Open(name)
	}
	return o.base.Open(name)
}

// ReadDir lists a folder of both sides, the author's entry winning.
func (o overlayFS) ReadDir(name string) ([]fs.DirEntry, error) {
	top, err := o.inTop(name)
	if err != nil {
		return nil, err
	}
	var entries []fs.DirEntry
	if top {
		if entries, err = fs.ReadDir(o.top, name); err != nil {
			return nil, err
		}
	}
	base, err := fs.ReadDir(o.base, name)
	if err != nil && (!top || !errors.Is(err, fs.ErrNotExist)) {
		return nil, err
	}
	for _, e := range base {
		if !slices.ContainsFunc(entries, func(t fs.DirEntry) bool { return t.Name() == e.Name() }) {
			entries = append(entries, e)
		}
	}
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

// staticFile is a file of the theme's static folder: where it goes in the
// site and how messages name it.
type staticFile struct{ path, rel, name string }

// staticFiles lists the theme's static files, of both sides.
func (t *theme) staticFiles(o overlayFS) ([]staticFile, Errors) {
	var files []staticFile
	var errs Errors
	err := fs.WalkDir(o, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, &Error{File: t.name(p), Msg: cleanFSError(err)})
			return nil
		}
		if Ignored(p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			return nil
		}
		top, err := o.inTop(p)
		switch {
		case err != nil:
			errs = append(errs, &Error{File: t.name(p), Msg: cleanFSError(err)})
			return nil
		case !d.Type().IsRegular():
			errs = append(errs, &Error{File: t.name(p), Msg: errNotReal.Error()})
			return nil
		}
		if info, err := d.Info(); top && err == nil && info.Size() > maxFileBytes {
			errs = append(errs, &Error{File: t.name(p), Msg: fileTooLarge(info.Size()) + "; publish it elsewhere and link to it"})
			return nil
		}
		name := "the built-in theme's " + p
		if top {
			name = t.name(p)
		}
		files = append(files, staticFile{path: p, rel: strings.TrimPrefix(p, "static/"), name: name})
		return nil
	})
	if err != nil {
		errs = append(errs, &Error{File: t.name("static"), Msg: cleanFSError(err)})
	}
	return files, errs
}

// layoutIDs lists the ids written as they are (id="main") in the page
// templates of the theme that user overrides: no heading or figure of a
// lesson may take one. A template that cannot be read has none here;
// loadTheme reports it.
func layoutIDs(user fs.FS) []string {
	o := overlayFS{top: user, base: layouts.FS}
	var ids []string
	files := []string{"base.html"}
	for _, f := range pageKinds {
		files = append(files, f)
	}
	for _, f := range files {
		src, err := fs.ReadFile(o, f)
		if err != nil {
			continue
		}
		ids = appendLiteralIDs(ids, src)
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}

// appendLiteralIDs appends the values of the id attributes in src without
// template actions in them: what `\bid="([^"{}<>]+)"` matches, found by
// hand because the regular expression took a third of a millisecond of
// every build, on the critical path, to search the theme's templates.
func appendLiteralIDs(ids []string, src []byte) []string {
	const attr = `id="`
	for at := 0; ; {
		i := bytes.Index(src[at:], []byte(attr))
		if i < 0 {
			return ids
		}
		i += at
		at = i + 1 // where to look again if this is not one
		if i > 0 && isWordByte(src[i-1]) {
			continue
		}
		v := src[i+len(attr):]
		end := bytes.IndexAny(v, `"{}<>`)
		if end <= 0 || v[end] != '"' {
			continue
		}
		ids = append(ids, string(v[:end]))
		at = i + len(attr) + end + 1
	}
}

// isWordByte reports whether b is an ASCII word character, as \b sees it.
func isWordByte(b byte) bool {
	return b == '_' || '0' <= b && b <= '9' || 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z'
}

var pageKinds = map[string]string{"home": "home.html", "section": "section.html", "lesson": "lesson.html", "404": "404.html"}

func loadTheme(user fs.FS, dir string) (*theme, error) {
	if dir == "" {
		dir = "layouts"
	}
	o := overlayFS{top: user, base: layouts.FS}
	t := &theme{fsys: o, dir: dir, kinds: map[string]*template.Template{}, pageSplice: map[string]*splicer{},
		figureSplice: newSplicer(map[string]string{"Main": htmlAsIs, "Loss": htmlAsIs, "Surface": htmlAsIs, "JSON": jsAsIs})}
	for kind := range pageKinds {
		t.pageSplice[kind] = newSplicer(map[string]string{"Content": htmlAsIs})
	}
	var errs Errors
	t.static, errs = t.staticFiles(o)
	parse := func(into *template.Template, file string) *template.Template {
		src, err := fs.ReadFile(t.fsys, file)
		if err != nil {
			msg := "missing template: " + cleanFSError(err)
			if errors.Is(err, errNotReal) {
				msg = errNotReal.Error()
			}
			errs = append(errs, &Error{File: t.name(file), Msg: msg})
			return nil
		}
		out, err := into.Parse(string(src))
		if err != nil {
			errs = append(errs, templateError(t.dir, err))
			return nil
		}
		return out
	}
	base := parse(template.New("base.html"), "base.html")
	if base == nil {
		return nil, errs.Sorted()
	}
	for kind, file := range pageKinds {
		clone, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if tt := parse(clone.New(file), file); tt != nil {
			t.kinds[kind] = clone
		}
	}
	t.figure = parse(template.New("figure.html"), "figure.html")
	for _, tt := range t.kinds {
		errs = append(errs, checkRanges(tt, t.dir)...)
	}
	if t.figure != nil {
		errs = append(errs, checkRanges(t.figure, t.dir)...)
	}
	if len(errs) > 0 {
		return nil, errs.Sorted()
	}
	return t, nil
}
