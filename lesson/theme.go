package lesson

import (
	"errors"
	"html/template"
	"io/fs"
	"path"

	"descent/layouts"
)

// theme is the parsed templates: one clone of base.html per page kind, and
// the figure template.
type theme struct {
	fsys   fs.FS // the author's layouts over the built-in theme
	dir    string
	kinds  map[string]*template.Template
	figure *template.Template
}

func (t *theme) name(file string) string { return path.Join(t.dir, file) }

// overlayFS serves a file from the author's layouts when it has it and from
// the built-in theme otherwise, so a course overrides only what it changes.
type overlayFS struct{ top, base fs.FS }

func (o overlayFS) Open(name string) (fs.File, error) {
	if o.top != nil {
		f, err := o.top.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return o.base.Open(name)
}

var pageKinds = map[string]string{"home": "home.html", "section": "section.html", "lesson": "lesson.html", "404": "404.html"}

func loadTheme(user fs.FS, dir string) (*theme, error) {
	if dir == "" {
		dir = "layouts"
	}
	t := &theme{fsys: overlayFS{top: user, base: layouts.FS}, dir: dir, kinds: map[string]*template.Template{}}
	var errs Errors
	parse := func(into *template.Template, file string) *template.Template {
		src, err := fs.ReadFile(t.fsys, file)
		if err != nil {
			errs = append(errs, &Error{File: t.name(file), Msg: "missing template: " + cleanFSError(err)})
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
		return nil, errs
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
	if len(errs) > 0 {
		return nil, errs.Sorted()
	}
	return t, nil
}
