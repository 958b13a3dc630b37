package lesson

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"descent/bib"
	"descent/diag"
	"descent/yamlnode"
)

// maxLessonBytes bounds a lesson's file: Markdown's worst cases grow
// faster than the text, and the sample course's longest lesson is 8 kB.
const maxLessonBytes = 1 << 20

// maxFileBytes bounds any other file the build reads whole (an image or a
// data file it copies, the bibliography, the theme's static files): each
// is held in memory, and the preview keeps the whole site there.
const maxFileBytes = 1 << 30

// fileTooLarge is the message for a file over maxFileBytes.
func fileTooLarge(size int64) string {
	return fmt.Sprintf("the file is %d bytes, over the limit of %d GiB", size, maxFileBytes>>30)
}

// siteFile is the course's settings file at the root of the content folder.
const siteFile = "site.yaml"

type siteConfig struct {
	Title        string
	Description  string
	BaseURL      string
	Language     string
	UnsafeHTML   bool
	Bibliography string // a BibTeX file in the content folder, or ""
	bibLine      int
}

// section is a folder of the course: its _index.md, its lessons and its
// subsections. The content folder itself is the root section, whose
// lessons sit beside the home page.
type section struct {
	dir    string // folder in the content FS; "." for the root
	fm     frontMatter
	body   []byte
	line   int // file line where body starts
	file   string
	folder string // how messages name the folder, for a section without a file
	pages  []*page
	url    string
	parent *section   // nil for the root and, in a course without root lessons, unused
	subs   []*section // subsections, in order
	items  []item     // lessons and subsections together, in reading order
}

// item is a lesson or a subsection of a section.
type item struct {
	page *page
	sub  *section
}

// maxSectionDepth is how deeply folders nest: a book, its parts, chapters,
// sections and so on, far more than a book needs, and a bound on the
// navigation's size.
const maxSectionDepth = 6

type page struct {
	file     string // path in the content FS
	name     string // path for error messages
	fm       frontMatter
	body     []byte
	bodyLine int
	section  *section
	url      string
	isHome   bool
	isRefs   bool   // the course's reference list, made from the bibliography
	digest   []byte // pageDigest's, once known; read only
}

type course struct {
	site     siteConfig
	home     *page
	root     *section   // the content folder: its lessons and top-level sections
	sections []*section // every other section, in reading order (depth first)
	static   []string   // other files, copied as they are
	reading  readingOrder
	links    navLinks              // the sidebar's links, made once for all pages
	bib      map[string]*bib.Entry // by lower-case key
	bibSrc   []byte
	bibName  string // the bibliography's name in messages
	refs     *page  // the course's reference list, when it has a bibliography
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
func loadCourse(fsys fs.FS, dir string, drafts bool, memo *TextMemo) (*course, Errors) {
	c := &course{site: siteConfig{Title: "Course", Language: "en"}}
	var errs Errors
	name := func(p string) string { return path.Join(dir, p) }
	if src, err := readCourseFile(fsys, siteFile); err == nil {
		l := &diag.List{File: name(siteFile)}
		c.site = decodeSite(src, l, c.site)
		errs = append(errs, l.Errs...)
	} else if !errors.Is(err, fs.ErrNotExist) {
		// A course without a site file has the defaults; one whose site
		// file cannot be read is not built as if it had none.
		errs = append(errs, &Error{File: name(siteFile), Msg: "cannot read: " + cleanFSError(err)})
	}
	byDir := map[string]*section{}
	var lessons []lessonFile
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if !utf8.ValidString(p) {
			// Its address could not hold it, and os.DirFS will not open it.
			errs = append(errs, &Error{File: name(p), Msg: "the name is not UTF-8 (a byte of another encoding); rename it"})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
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
			if strings.Count(p, "/") >= maxSectionDepth {
				errs = append(errs, &Error{File: name(p), Msg: fmt.Sprintf("folders nest at most %d deep; move this folder up", maxSectionDepth)})
				return fs.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() {
			return nil // a link may loop and a pipe may block; a course is real files
		}
		if p == siteFile || p == c.site.Bibliography {
			return nil
		}
		if !isMarkdown(p) {
			if info, err := d.Info(); err == nil && info.Size() > maxFileBytes {
				errs = append(errs, &Error{File: name(p), Msg: fileTooLarge(info.Size()) + "; publish it elsewhere and link to it"})
				return nil
			}
			c.static = append(c.static, p)
			return nil
		}
		lessons = append(lessons, lessonFile{path: p, entry: d})
		return nil
	})
	if err != nil {
		errs = append(errs, &Error{File: dir, Msg: cleanFSError(err)})
	}
	// Reading and checking the lessons was most of a preview's rebuild on
	// 1,000 lessons (30 of 50 ms before the tabs were told), on one core:
	// they are read on every core, and placed in the walk's order. Their
	// files' stamps too: the walk stating one after another took 7 of a
	// rebuild's 30 ms.
	parallel(len(lessons), func(i int) { lessons[i].read(fsys, name(lessons[i].path), memo) })
	for _, lf := range lessons {
		errs = append(errs, lf.errs...)
		if lf.pg == nil || (lf.pg.fm.Draft && !drafts) {
			continue
		}
		if e := c.place(lf.pg, lf.path, byDir); e != nil {
			errs = append(errs, e)
		}
	}
	errs = append(errs, c.loadBib(fsys, name)...)
	if c.site.Bibliography != "" {
		c.refs = &page{file: "references", name: name(siteFile), url: "references/", isRefs: true,
			fm: frontMatter{Title: "References", Description: "Every work the course cites."}}
	}
	if c.home == nil {
		c.home = &page{file: "_index.md", name: name("_index.md"), isHome: true, fm: frontMatter{Title: c.site.Title}}
	}
	errs = append(errs, c.addSections(byDir, name)...)
	c.makeTree(byDir)
	slices.Sort(c.static)
	return c, errs
}

// errNotRealCourse is the walk's rule (links, pipes and devices are not
// part of a course) for the files read by name.
var errNotRealCourse = errors.New("is not a regular file (a link, a pipe or a device); a course is real files: copy the file in")

// readCourseFile reads the file p that the course names rather than the
// walk finds (the site file, the bibliography): a real file only, as the
// walk takes, for a link may lead out of the course and a pipe blocks.
func readCourseFile(fsys fs.FS, p string) ([]byte, error) {
	// The folders on the way count too: the walk does not enter a link
	// to a folder.
	for dir := path.Dir(p); dir != "."; dir = path.Dir(dir) {
		if info, err := fs.Lstat(fsys, dir); err == nil && !info.IsDir() {
			return nil, &fs.PathError{Op: "read", Path: p, Err: errNotRealCourse}
		}
	}
	info, err := fs.Lstat(fsys, p)
	switch {
	case err != nil:
		return nil, err
	case info.IsDir():
		return nil, &fs.PathError{Op: "read", Path: p, Err: errors.New("is a folder, not a file")}
	case !info.Mode().IsRegular():
		return nil, &fs.PathError{Op: "read", Path: p, Err: errNotRealCourse}
	case info.Size() > maxFileBytes:
		return nil, &fs.PathError{Op: "read", Path: p, Err: errors.New(fileTooLarge(info.Size()))}
	}
	return fs.ReadFile(fsys, p)
}

// A lessonFile is a lesson's file as the walk found it, then as read.
type lessonFile struct {
	path    string      // in the content folder
	entry   fs.DirEntry // as the walk found it
	stamp   fileStamp
	stamped bool  // stamp is known
	pg      *page // nil if it could not be read, or holds no lesson
	errs    Errors
}

// read reads and checks the lesson at lf.path, which name names, or takes
// it from memo if its file has not changed since memo read it (the same
// stamp); a lesson over the size limit is not read.
func (lf *lessonFile) read(fsys fs.FS, name string, memo *TextMemo) {
	if info, err := lf.entry.Info(); err == nil {
		if info.Size() > maxLessonBytes {
			lf.errs = Errors{{File: name, Line: 1, Msg: fmt.Sprintf("the lesson is %d bytes, over the limit of %d MiB; split it", info.Size(), maxLessonBytes>>20)}}
			return
		}
		lf.stamp, lf.stamped = stampOf(info)
	}
	if lf.stamped {
		if f, ok := memo.lesson(lf.path, lf.stamp); ok {
			lf.pg = &page{file: lf.path, name: name, fm: f.fm, body: f.body, bodyLine: f.bodyLine, digest: f.digest}
			return
		}
	}
	src, err := fs.ReadFile(fsys, lf.path)
	if err != nil {
		lf.errs = Errors{{File: name, Msg: "cannot read: " + cleanFSError(err)}}
		return
	}
	lf.pg, lf.errs = loadPage(src, lf.path, name, memo)
	if lf.pg != nil && !isIndex(lf.path) && len(bytes.TrimSpace(lf.pg.body)) == 0 {
		msg := "the lesson has no text after its front matter; write the lesson below the closing ---"
		if len(bytes.TrimSpace(src)) == 0 {
			msg = "the file is empty; start it with front matter (---, title: ..., ---) and write the lesson below"
		}
		lf.pg, lf.errs = nil, append(lf.errs, &Error{File: name, Line: 1, Msg: msg})
	}
	if lf.pg != nil && len(lf.errs) == 0 && lf.stamped && int64(len(src)) == lf.stamp.size {
		memo.keepLesson(lf.path, memoFile{stamp: lf.stamp, fm: lf.pg.fm, body: lf.pg.body, bodyLine: lf.pg.bodyLine})
	}
}

// loadBib reads the bibliography named in the site file.
func (c *course) loadBib(fsys fs.FS, name func(string) string) Errors {
	if c.site.Bibliography == "" {
		return nil
	}
	src, err := readCourseFile(fsys, c.site.Bibliography)
	if err != nil {
		return Errors{{File: name(siteFile), Line: c.site.bibLine, Key: "bibliography", Msg: "cannot read " + name(c.site.Bibliography) + ": " + cleanFSError(err)}}
	}
	c.bibName = name(c.site.Bibliography)
	l := &diag.List{File: c.bibName}
	c.bibSrc = src
	c.bib = map[string]*bib.Entry{}
	for _, e := range bib.Parse(src, l) {
		c.bib[strings.ToLower(e.Key)] = e
	}
	return l.Errs
}

// place puts the page read from p into the course: the home page, a
// section's _index.md, or a lesson of its folder's section.
func (c *course) place(pg *page, p string, byDir map[string]*section) *Error {
	dirName := path.Dir(p)
	switch {
	case dirName == "." && isIndex(p):
		if c.home != nil {
			return &Error{File: pg.name, Line: 1, Msg: "the home page is " + c.home.name + " already; keep one of them"}
		}
		pg.isHome = true
		c.home = pg
	default:
		s := sectionOf(dirName, byDir)
		if isIndex(p) {
			if s.file != "" {
				return &Error{File: pg.name, Line: 1, Msg: "the section's page is " + s.file + " already; keep one of them"}
			}
			s.fm, s.body, s.line, s.file = pg.fm, pg.body, pg.bodyLine, pg.name
		} else {
			pg.section = s
			s.pages = append(s.pages, pg)
		}
	}
	return nil
}

// sectionOf returns the section of folder dir, making it and the
// sections of the folders around it as needed.
func sectionOf(dir string, byDir map[string]*section) *section {
	s := byDir[dir]
	if s == nil {
		s = &section{dir: dir}
		byDir[dir] = s
		if dir != "." {
			parent := sectionOf(path.Dir(dir), byDir)
			parent.subs = append(parent.subs, s)
		}
	}
	return s
}

// makeTree orders each section's subsections and lessons together (by
// weight, then title, then name) and lists the sections in reading order.
func (c *course) makeTree(byDir map[string]*section) {
	c.root = sectionOf(".", byDir)
	var walk func(s *section)
	walk = func(s *section) {
		s.items = s.items[:0]
		for _, p := range s.pages {
			s.items = append(s.items, item{page: p})
		}
		for _, sub := range s.subs {
			s.items = append(s.items, item{sub: sub})
		}
		slices.SortStableFunc(s.items, func(a, b item) int {
			return cmp.Or(cmp.Compare(a.weight(), b.weight()), cmp.Compare(a.title(), b.title()), cmp.Compare(a.name(), b.name()))
		})
		s.subs = s.subs[:0]
		for _, it := range s.items {
			if it.sub != nil {
				s.subs = append(s.subs, it.sub)
			}
		}
		for _, sub := range s.subs {
			if s != c.root {
				sub.parent = s
			} else {
				sub.parent = nil
			}
			c.sections = append(c.sections, sub)
			walk(sub)
		}
	}
	walk(c.root)
}

func (it item) weight() int {
	if it.sub != nil {
		return it.sub.fm.Weight
	}
	return it.page.fm.Weight
}

func (it item) title() string {
	if it.sub != nil {
		return it.sub.fm.Title
	}
	return it.page.fm.Title
}

func (it item) name() string {
	if it.sub != nil {
		return it.sub.dir
	}
	return it.page.file
}

// ancestors are the sections around s, outermost first, s last; none for
// the root.
func (s *section) ancestors() []*section {
	var out []*section
	for ; s != nil && s.dir != "."; s = s.parent {
		out = append(out, s)
	}
	slices.Reverse(out)
	return out
}

// addSections gives each section and lesson its address and order, and adds
// the sections to the course.
func (c *course) addSections(byDir map[string]*section, name func(string) string) Errors {
	var errs Errors
	for _, s := range byDir {
		s.folder = name(s.dir)
		if msg := folderNameProblem(path.Base(s.dir)); s.dir != "." && msg != "" {
			errs = append(errs, &Error{File: name(s.dir), Msg: msg})
		}
		if s.fm.Title == "" {
			s.fm.Title = titleFromName(path.Base(s.dir))
		}
		s.url = s.dir + "/"
		if s.dir == "." {
			s.url = ""
		}
		slugs := map[string]*page{}
		for _, pg := range s.pages {
			slug := pg.fm.Slug
			if slug == "" {
				base := path.Base(pg.file)
				slug = urlSlug(base[:len(base)-len(path.Ext(base))])
			}
			if slug == "" {
				errs = append(errs, &Error{File: pg.name, Line: 1, Key: "slug",
					Msg: "the file name has no letters or digits to make the lesson's address from; rename the file or set a slug in the front matter"})
				continue
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
	}
	return errs
}

// folderNameProblem says what is wrong with a section's folder name, which
// is its address as it is (a lesson's is made from its file name): a
// character a web address reads otherwise, in the links the navigation,
// the cross-references and the search write to the section and its
// lessons, or one a page cannot show in its title; "" if nothing is.
func folderNameProblem(name string) string {
	for _, r := range name {
		switch {
		case unicode.IsControl(r):
			return fmt.Sprintf("the folder's name holds the control character %U, which a page cannot show; rename the folder", r)
		case strings.ContainsRune(`?#%\:`, r):
			return "the folder's name is its address, and holds " + quote(string(r)) + ", which a web address reads otherwise; rename the folder without ? # % \\ or :"
		}
	}
	return ""
}

// loneCRs makes each carriage return that no line feed follows a line
// feed: a file saved with the old Mac line ends (CR alone) is one line to
// the YAML and front matter readers, which then found no front matter and
// put every error on line 1. CommonMark counts such a CR as a line end too.
func loneCRs(src []byte) []byte {
	lone := func(i int) bool { return src[i] == '\r' && (i+1 == len(src) || src[i+1] != '\n') }
	first := -1
	for i := bytes.IndexByte(src, '\r'); i >= 0 && i < len(src); i++ {
		if lone(i) {
			first = i
			break
		}
	}
	if first < 0 {
		return src // no CR, or CRLF only: nothing to change, nothing copied
	}
	out := bytes.Clone(src)
	for i := first; i < len(out); i++ {
		if lone(i) {
			out[i] = '\n'
		}
	}
	return out
}

func loadPage(src []byte, file, name string, memo *TextMemo) (*page, Errors) {
	l := &diag.List{File: name}
	src = loneCRs(src) // first, so that a bad byte's line is counted right
	if line := diag.BadUTF8Line(src); line > 0 {
		l.Add(line, "encoding", "the file is not valid UTF-8; save it as UTF-8")
		return nil, l.Errs
	}
	fmSrc, body, bodyLine, ok := splitFrontMatter(src, l)
	if !ok {
		return nil, l.Errs
	}
	if line, r := diag.ControlLine(body); line > 0 {
		// Reported, and the page read on for its other mistakes. (In the
		// front matter YAML refuses them itself.)
		l.Add(bodyLine+line-1, "text", "the line holds the control character %U, which a page cannot show; remove it", r)
	}
	// A mistake in the front matter does not hide those in the body: the
	// page is still parsed, and its errors stop the build.
	fm := memo.frontMatter(fmSrc, l)
	return &page{file: file, name: name, fm: fm, body: body, bodyLine: bodyLine}, l.Errs
}

func decodeSite(src []byte, l *diag.List, c siteConfig) siteConfig {
	if line := diag.BadUTF8Line(src); line > 0 {
		l.Add(line, "encoding", "the file is not valid UTF-8; save it as UTF-8")
		return c
	}
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
			if c.Title, err = yamlnode.Text(p.Val); err == nil {
				err = checkLength(c.Title, maxTitle)
			}
		case "description":
			if c.Description, err = yamlnode.Text(p.Val); err == nil {
				err = checkLength(c.Description, maxDescription)
			}
		case "baseURL":
			if c.BaseURL, err = yamlnode.Text(p.Val); err == nil && c.BaseURL != "" {
				err = CheckBaseURL(c.BaseURL)
			}
		case "language":
			c.Language, err = yamlnode.Text(p.Val)
		case "unsafe_html":
			c.UnsafeHTML, err = yamlnode.Boolean(p.Val)
		case "bibliography":
			if c.Bibliography, err = yamlnode.Text(p.Val); err == nil {
				c.bibLine = p.Line
				if clean := path.Clean(c.Bibliography); clean != c.Bibliography || strings.HasPrefix(clean, "../") || path.IsAbs(clean) || !strings.EqualFold(path.Ext(clean), ".bib") {
					err = fmt.Errorf("expected a .bib file in the content folder, such as references.bib, found %q", c.Bibliography)
					c.Bibliography = ""
				}
			}
		default:
			l.Add(p.Line, p.Key, "unknown key; the site file takes title, description, baseURL, language, unsafe_html and bibliography")
			continue
		}
		if err != nil {
			l.Add(p.Line, p.Key, "%v", err)
		}
	}
	return c
}

// CheckBaseURL accepts the address a site is published at: an absolute
// http or https URL with a host and nothing after its path. It goes into
// every page's canonical link and the sitemap, so anything else
// (javascript:, a relative path, a query) is a mistake.
func CheckBaseURL(s string) error {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil ||
		u.RawQuery != "" || u.Fragment != "" || strings.HasSuffix(s, "?") || strings.HasSuffix(s, "#") ||
		strings.ContainsAny(s, " \t\n\"<>\\`") {
		return fmt.Errorf("expected an absolute http or https address such as https://example.org/course/, found %q", s)
	}
	return nil
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

// isMarkdown reports whether p is a lesson: a .md file, in any case
// (plan.MD is a lesson, never a static file copied with its drafts).
func isMarkdown(p string) bool { return strings.EqualFold(path.Ext(p), ".md") }

// isIndex reports whether p is a folder's own page, _index.md in any case.
func isIndex(p string) bool { return strings.EqualFold(path.Base(p), "_index.md") }

// urlSlug makes a lesson's URL segment from its file name: lower-case
// letters and digits of any script, hyphens between runs of them, so that
// 日本語.md is 日本語/ and Gradient Descent.md is gradient-descent/.
func urlSlug(s string) string {
	return slug(s, func(r rune, started bool) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r) || started && unicode.Is(unicode.M, r)
	})
}

// slugify makes an id from text: ASCII letters and digits only, since
// figure ids go into SVG and script as they are.
func slugify(s string) string {
	return slug(s, func(r rune, _ bool) bool { return 'a' <= r && r <= 'z' || '0' <= r && r <= '9' })
}

// slug lower-cases s, keeps the runes keep accepts (started: something is
// kept already) and puts one hyphen for each run of the others between them.
func slug(s string, keep func(r rune, started bool) bool) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case keep(r, b.Len() > 0):
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
