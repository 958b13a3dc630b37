package lesson

import (
	"bytes"
	"cmp"
	"io/fs"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"

	"descent/diag"
	"descent/yamlnode"
)

// siteFile is the course's settings file at the root of the content folder.
const siteFile = "site.yaml"

type siteConfig struct {
	Title       string
	Description string
	BaseURL     string
	Language    string
	UnsafeHTML  bool
}

type section struct {
	dir   string // folder in the content FS
	fm    frontMatter
	body  []byte
	line  int // file line where body starts
	file  string
	pages []*page
	url   string
}

type page struct {
	file     string // path in the content FS
	name     string // path for error messages
	fm       frontMatter
	body     []byte
	bodyLine int
	section  *section
	url      string
	isHome   bool
}

type course struct {
	site     siteConfig
	home     *page
	sections []*section
	static   []string // other files, copied as they are
	reading  readingOrder
}

// Ignored reports the files editors and systems leave beside a lesson,
// which a build skips and a watcher need not rebuild for: hidden files
// (.#lock, .one.md.swp), backups (one.md~), autosaves (#one.md#), swap and
// temporary files, vim's write test "4913" and JetBrains' safe-write copies.
func Ignored(name string) bool {
	base := path.Base(filepath.ToSlash(name))
	if strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#") || strings.HasSuffix(base, "~") || base == "4913" {
		return true
	}
	for _, ext := range []string{".swp", ".swo", ".swx", ".tmp", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(base, ext) {
			return true
		}
	}
	return false
}

// loadCourse reads the course's structure: the site file, sections and lessons.
func loadCourse(fsys fs.FS, dir string, drafts bool) (*course, Errors) {
	c := &course{site: siteConfig{Title: "Course", Language: "en"}}
	var errs Errors
	name := func(p string) string { return path.Join(dir, p) }
	if src, err := fs.ReadFile(fsys, siteFile); err == nil {
		l := &diag.List{File: name(siteFile)}
		c.site = decodeSite(src, l, c.site)
		errs = append(errs, l.Errs...)
	}
	byDir := map[string]*section{}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, &Error{File: name(p), Msg: "cannot read: " + cleanFSError(err)})
			return nil
		}
		if p != "." && Ignored(p) {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if strings.Count(p, "/") >= 1 {
				errs = append(errs, &Error{File: name(p), Msg: "folders nest one level deep: sections are folders of lessons directly under the content folder"})
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // a link may loop and a pipe may block; a course is real files
		}
		if p == siteFile {
			return nil
		}
		if path.Ext(p) != ".md" {
			c.static = append(c.static, p)
			return nil
		}
		src, err := fs.ReadFile(fsys, p)
		if err != nil {
			errs = append(errs, &Error{File: name(p), Msg: "cannot read: " + cleanFSError(err)})
			return nil
		}
		pg, perrs := loadPage(src, p, name(p))
		errs = append(errs, perrs...)
		if pg != nil && path.Base(p) != "_index.md" && len(bytes.TrimSpace(pg.body)) == 0 {
			msg := "the lesson has no text after its front matter; write the lesson below the closing ---"
			if len(bytes.TrimSpace(src)) == 0 {
				msg = "the file is empty; start it with front matter (---, title: ..., ---) and write the lesson below"
			}
			errs = append(errs, &Error{File: name(p), Line: 1, Msg: msg})
			return nil
		}
		if pg == nil || (pg.fm.Draft && !drafts) {
			return nil
		}
		if e := c.place(pg, p, byDir); e != nil {
			errs = append(errs, e)
		}
		return nil
	})
	if err != nil {
		errs = append(errs, &Error{File: dir, Msg: cleanFSError(err)})
	}
	if c.home == nil {
		c.home = &page{file: "_index.md", name: name("_index.md"), isHome: true, fm: frontMatter{Title: c.site.Title}}
	}
	errs = append(errs, c.addSections(byDir)...)
	slices.SortFunc(c.sections, func(a, b *section) int {
		return cmp.Or(cmp.Compare(a.fm.Weight, b.fm.Weight), cmp.Compare(a.fm.Title, b.fm.Title), cmp.Compare(a.dir, b.dir))
	})
	slices.Sort(c.static)
	return c, errs
}

// place puts the page read from p into the course: the home page, a
// section's _index.md, or a lesson of its folder's section.
func (c *course) place(pg *page, p string, byDir map[string]*section) *Error {
	dirName := path.Dir(p)
	switch {
	case p == "_index.md":
		pg.isHome = true
		c.home = pg
	case dirName == ".":
		return &Error{File: pg.name, Line: 1, Msg: "lessons live in section folders; move this file into a folder such as concepts/"}
	default:
		s := byDir[dirName]
		if s == nil {
			s = &section{dir: dirName}
			byDir[dirName] = s
		}
		if path.Base(p) == "_index.md" {
			s.fm, s.body, s.line, s.file = pg.fm, pg.body, pg.bodyLine, pg.name
		} else {
			pg.section = s
			s.pages = append(s.pages, pg)
		}
	}
	return nil
}

// addSections gives each section and lesson its address and order, and adds
// the sections to the course.
func (c *course) addSections(byDir map[string]*section) Errors {
	var errs Errors
	for _, s := range byDir {
		if s.fm.Title == "" {
			s.fm.Title = titleFromName(s.dir)
		}
		s.url = s.dir + "/"
		slugs := map[string]*page{}
		for _, pg := range s.pages {
			slug := pg.fm.Slug
			if slug == "" {
				slug = slugify(strings.TrimSuffix(path.Base(pg.file), ".md"))
			}
			if other := slugs[slug]; other != nil {
				errs = append(errs, &Error{File: pg.name, Line: 1, Key: "slug",
					Msg: "the slug " + quote(slug) + " is taken by " + other.name + "; set a different slug in the front matter"})
				continue
			}
			slugs[slug] = pg
			pg.url = s.url + slug + "/"
			if pg.fm.Title == "" {
				pg.fm.Title = titleFromName(slug)
			}
		}
		slices.SortStableFunc(s.pages, func(a, b *page) int {
			return cmp.Or(cmp.Compare(a.fm.Weight, b.fm.Weight), cmp.Compare(a.fm.Title, b.fm.Title), cmp.Compare(a.file, b.file))
		})
		c.sections = append(c.sections, s)
	}
	return errs
}

func loadPage(src []byte, file, name string) (*page, Errors) {
	l := &diag.List{File: name}
	if !utf8.Valid(src) {
		line := 1 + strings.Count(string(src[:firstInvalidUTF8(src)]), "\n")
		l.Add(line, "", "the file is not valid UTF-8; save it as UTF-8")
		return nil, l.Errs
	}
	fmSrc, body, bodyLine, ok := splitFrontMatter(src, l)
	if !ok {
		return nil, l.Errs
	}
	fm, ok := decodeFrontMatter(fmSrc, l)
	if !ok {
		return nil, l.Errs
	}
	return &page{file: file, name: name, fm: fm, body: body, bodyLine: bodyLine}, nil
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

func decodeSite(src []byte, l *diag.List, c siteConfig) siteConfig {
	root, ok := yamlnode.Parse(src, 0, l)
	if !ok {
		return c
	}
	pairs, ok := yamlnode.Mapping(root, 0, "", l)
	if !ok {
		return c
	}
	for _, p := range pairs {
		var err error
		switch p.Key {
		case "title":
			c.Title, err = yamlnode.Text(p.Val)
		case "description":
			c.Description, err = yamlnode.Text(p.Val)
		case "baseURL":
			c.BaseURL, err = yamlnode.Text(p.Val)
		case "language":
			c.Language, err = yamlnode.Text(p.Val)
		case "unsafe_html":
			c.UnsafeHTML, err = yamlnode.Boolean(p.Val)
		default:
			l.Add(p.Line, p.Key, "unknown key; the site file takes title, description, baseURL, language and unsafe_html")
			continue
		}
		if err != nil {
			l.Add(p.Line, p.Key, "%v", err)
		}
	}
	return c
}

func cleanFSError(err error) string {
	var pe *fs.PathError
	if e, ok := err.(*fs.PathError); ok {
		pe = e
		return pe.Err.Error()
	}
	return err.Error()
}

func titleFromName(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "-", " "), "_", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// slugify makes a URL path segment or id from text.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case 'a' <= r && r <= 'z' || '0' <= r && r <= '9':
			b.WriteRune(r)
			dash = false
		case b.Len() > 0 && !dash:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

func quote(s string) string { return `"` + s + `"` }
