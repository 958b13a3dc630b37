package lesson

import (
	"context"
	"errors"
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
)

// lessonCourse is a one-lesson course whose lesson is src.
func lessonCourse(src string) fstest.MapFS {
	return fstest.MapFS{
		"_index.md":      {Data: []byte("---\ntitle: Home\n---\n")},
		"s/_index.md":    {Data: []byte("---\ntitle: S\n---\n")},
		"s/lesson.md":    {Data: []byte(src)},
		"s/neighbour.md": {Data: []byte("---\ntitle: Fine\n---\nFine.\n")},
	}
}

func figureLesson(yaml string) string {
	return "---\ntitle: L\n---\nText.\n\n```landscape\n" + yaml + "```\n"
}

// good is a valid directive; cases change one thing. Its lines sit at
// lesson lines 7 onward.
const good = `function: rosenbrock
start: [-1.5, 2.5]
steps: 10
runs:
  - optimizer: gd
    lr: 0.001
`

// lessonWithFiles is a course with extra files beside the lesson.
func lessonWithFiles(files map[string]string) fstest.MapFS {
	fsys := lessonCourse("---\ntitle: L\n---\nText.\n")
	for k, v := range files {
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return fsys
}

var badInputs = []struct {
	name, src string
	want      []string
}{
	{"unterminated front matter", "---\ntitle: L\nText.\n", []string{`content/s/lesson.md:1: front matter: front matter starts with --- but never ends; close it with a line of ---`}},
	{"front matter wrong type", "---\ntitle: L\nweight: heavy\n---\nx\n", []string{`content/s/lesson.md:3: weight: expected a whole number, found the text "heavy"`}},
	{"front matter unknown key", "---\ntitle: L\nauthor: me\n---\nx\n", []string{`content/s/lesson.md:3: author: unknown front matter key; the keys are title, description, weight, draft and slug`}},
	{"front matter draft not bool", "---\ntitle: L\ndraft: maybe\n---\nx\n", []string{`content/s/lesson.md:3: draft: expected true or false, found the text "maybe"`}},
	{"front matter bad slug", "---\ntitle: L\nslug: My Slug\n---\nx\n", []string{`content/s/lesson.md:3: slug: "My Slug" is not a slug; use lower-case letters, digits and single hyphens, such as "saddle-points"`}},
	{"front matter after a blank line", "\n---\ntitle: L\n---\nx\n", []string{`content/s/lesson.md:2: front matter: front matter must begin the file, its --- at the first line's start; remove the blank lines or spaces before it`}},
	{"front matter opened with a space after ---", "--- \ntitle: L\nweight: heavy\n---\nx\n", []string{`content/s/lesson.md:3: weight: expected a whole number, found the text "heavy"`}},
	{"front matter indented", "   ---\ntitle: L\n---\nx\n", []string{`content/s/lesson.md:1: front matter: front matter must begin the file, its --- at the first line's start; remove the blank lines or spaces before it`}},
	{"old Mac line ends and a bad byte", "---\rtitle: L\r---\r\rbad \xff\r", []string{`content/s/lesson.md:5: encoding: the file is not valid UTF-8; save it as UTF-8`}},
	{"a title of no text", "---\ntitle: $\\!$\n---\nx\n", []string{`content/s/lesson.md:2: title: "$\\!$" shows no text; write it in words`}},
	{"a run label of no text", figureLesson(good + "    label: $\\,$\n"), []string{`content/s/lesson.md:13: runs[0].label: "$\\,$" shows no text; write it in words`}},
	{"a title of spaces", "---\ntitle: \"  \"\n---\nx\n", []string{`content/s/lesson.md:2: title: "  " shows no text; write the page's title in words, or leave title out to take it from the file name`}},
	{"a title's formula", "---\ntitle: The $\\frac{1}$ rule\ndescription: Fine $x$.\n---\nx\n", []string{`content/s/lesson.md:2: title: the formula $\frac{1}$: math: \frac needs an argument`}},
	{"a description's formula", "---\ntitle: L\ndescription: 'Also $\\left( x$ here'\n---\nx\n", []string{`content/s/lesson.md:3: description: the formula $\left( x$: math: \left without \right`}},
	{"a title's TeX in double quotes", "---\ntitle: \"The $\\beta$ rule\"\n---\nx\n", []string{`content/s/lesson.md:2: title: in double quotes YAML reads \b as one character, so the TeX lost its backslash; write TeX in single quotes ('$\theta$'), or double each backslash`}},
	{"a description's \\theta in double quotes", "---\ntitle: L\ndescription: \"The $\\theta$ and $\\nabla f$\"\n---\nx\n", []string{`content/s/lesson.md:3: description: in double quotes YAML reads \t as one character, so the TeX lost its backslash; write TeX in single quotes ('$\theta$'), or double each backslash`}},
	{"a title's display math", "---\ntitle: 'Display $$x$$ here'\n---\nx\n", []string{`content/s/lesson.md:2: title: $$ is display math, which a title or description cannot hold; write the formula between single dollars, or \$ for a dollar sign`}},
	{"escaped dollars are no display math", "---\ntitle: 'Costs \\$\\$ twice, \\$$5$ once'\ndescription: 'Dollars, \\$$x$.'\n---\nx\n$$ y $$ {#bad}\n", []string{`content/s/lesson.md:6: {#bad}: an equation's label starts with eq-, such as {#eq-loss}`}}, // only that
	{"a figure title's TeX in double quotes", figureLesson("title: \"The $\\beta$ rule\"\n" + good), []string{`content/s/lesson.md:7: title: in double quotes YAML reads \b as one character, so the TeX lost its backslash; write TeX in single quotes ('$\theta$'), or double each backslash`}},
	{"a control character in a description", "---\ntitle: L\ndescription: \"a\\u0001b\"\n---\nx\n", []string{`content/s/lesson.md:3: description: holds the control character U+0001; remove it`}},
	{"a control character in the text", "---\ntitle: L\n---\n\nA bell \x07 here.\n\n```landscape\nfunction: nope\n```\n", []string{
		`content/s/lesson.md:5: text: the line holds the control character U+0007, which a page cannot show; remove it`,
		`content/s/lesson.md:8: function: unknown function "nope"; the catalog has quadratic, saddle, monkey-saddle, rosenbrock, himmelblau, beale, booth, matyas, goldstein-price, rastrigin, ackley, three-hump-camel, six-hump-camel, styblinski-tang, levi, mccormick, easom, plateau, sine-bowl, wiggle, or write an expression in x and y`}},
	{"a control character in the front matter", "---\ntitle: \"a\x01b\"\n---\nx\n", []string{`content/s/lesson.md:2: YAML: control characters are not allowed`}},
	{"front matter in TOML", "+++\ntitle = \"L\"\n+++\nx\n", []string{`content/s/lesson.md:1: TOML front matter (+++) is not read; write it as YAML between lines of ---`}},
	{"old Mac line ends", "---\rtitle: L\rweight: heavy\r---\rx\r", []string{`content/s/lesson.md:3: weight: expected a whole number, found the text "heavy"`}},
	{"front matter not a mapping", "---\n- a\n- b\n---\nx\n", []string{`content/s/lesson.md:2: expected a mapping of keys to values, found a list`}},
	{"front matter bad YAML", "---\ntitle: [unclosed\n---\nx\n", []string{`content/s/lesson.md:2: YAML: did not find expected ',' or ']': a [ or { opened here is not closed`}},
	{"front matter duplicate key", "---\ntitle: L\ntitle: M\n---\nx\n", []string{`content/s/lesson.md:3: title: appears twice; keep one`}},
	{"directive bad YAML", figureLesson("function: rosenbrock\nstart: [1, 2\n"), []string{`content/s/lesson.md:8: YAML: did not find expected ',' or ']': a [ or { opened here is not closed`}},
	{"directive not a mapping", figureLesson("- rosenbrock\n"), []string{`content/s/lesson.md:7: expected a mapping of keys to values, found a list`}},
	{"directive unknown key", figureLesson(good + "colour: red\n"), []string{`content/s/lesson.md:13: colour: unknown key; a landscape block takes title, id, function, params, domain, start, steps, runs, contours, live, curves, view, axes, camera`}},
	{"directive misspelled key", figureLesson(good + "stpes: 30\n"), []string{`content/s/lesson.md:13: stpes: unknown key (did you mean steps?); a landscape block takes title, id, function, params, domain, start, steps, runs, contours, live, curves, view, axes, camera`}},
	{"function in capitals", figureLesson(strings.Replace(good, "rosenbrock", "Rosenbrock", 1)), []string{`content/s/lesson.md:7: function: unknown function "Rosenbrock" (did you mean rosenbrock?); the catalog has quadratic, saddle, monkey-saddle, rosenbrock, himmelblau, beale, booth, matyas, goldstein-price, rastrigin, ackley, three-hump-camel, six-hump-camel, styblinski-tang, levi, mccormick, easom, plateau, sine-bowl, wiggle, or write an expression in x and y`}},
	{"id not a slug", figureLesson(good + "id: My Figure\n"), []string{`content/s/lesson.md:13: id: "My Figure" is not an id; use up to 64 lower-case letters, digits and single hyphens, such as "momentum-valley"`}},
	{"id markup", figureLesson(good + "id: \"a<b\"\n"), []string{`content/s/lesson.md:13: id: "a<b" is not an id; use up to 64 lower-case letters, digits and single hyphens, such as "momentum-valley"`}},
	{"id a list", figureLesson(good + "id: [a]\n"), []string{`content/s/lesson.md:13: id: expected text, found a list`}},
	{"id too long", figureLesson(good + "id: " + strings.Repeat("a", 65) + "\n"), []string{`content/s/lesson.md:13: id: "` + strings.Repeat("a", 65) + `" is not an id; use up to 64 lower-case letters, digits and single hyphens, such as "momentum-valley"`}},
	{"id of the layout's", figureLesson(good+"id: site-nav\n") + "\n## Skip {#main}\n", []string{`content/s/lesson.md:13: id: the id "site-nav" is the page layout's own (base.html, or a page template); choose another`, `content/s/lesson.md:16: id: the id "main" is the page layout's own (base.html, or a page template); choose another`}},
	{"id twice on a page", figureLesson(good+"id: same\n") + "\n```landscape\n" + good + "id: same\n```\n", []string{`content/s/lesson.md:23: id: "same" is taken by another figure or heading on this page; choose another`}},
	{"live not a boolean", figureLesson(good + "live: yes please\n"), []string{`content/s/lesson.md:13: live: expected false, true or ranges such as {lr: [1e-4, 1], momentum: [0, 0.99]}`}},
	{"live range inverted", figureLesson(good + "live: {lr: [1, 0.1]}\n"), []string{`content/s/lesson.md:13: live.lr: the range [1, 0.1] is empty or inverted; write the lower bound first`}},
	{"live log range at zero", figureLesson(good + "live: {lr: [0, 1]}\n"), []string{`content/s/lesson.md:13: live.lr: lr slides on a log scale, so its range must be above 0, not from 0`}},
	{"live range below a positive setting", figureLesson(good + "live: {shrink: [-2, -1]}\n"), []string{`content/s/lesson.md:13: live.shrink: shrink must be greater than 0, and [-2, -1] holds no such value; slide it over a range above 0`}},
	{"live range past a decay rate", figureLesson(good + "live: {momentum: [1, 2]}\n"), []string{`content/s/lesson.md:13: live.momentum: momentum is a decay rate, from 0 to less than 1, and [1, 2] holds none; slide it over a range such as [0, 0.999]`}},
	{"live range between whole numbers", figureLesson(good + "live: {points: [2.2, 2.8]}\n"), []string{`content/s/lesson.md:13: live.points: points is a whole number from 1 to 25, and [2.2, 2.8] holds none; slide it over a range such as [1, 25]`}},
	{"live range below zero", figureLesson(good + "live: {weight_decay: [-1, -0.5]}\n"), []string{`content/s/lesson.md:13: live.weight_decay: weight_decay must be at least 0, and [-1, -0.5] holds no such value; slide it over a range from 0`}},
	{"live range misspelt", figureLesson(good + "live: {lrr: [0.1, 1]}\n"), []string{`content/s/lesson.md:13: live.lrr: no optimizer the page recomputes has a setting "lrr" (did you mean lr?); name a setting of the figure's runs, such as lr or momentum`}},
	{"live range for a flag", figureLesson(good + "live: {maximize: [0, 1]}\n"), []string{`content/s/lesson.md:13: live.maximize: maximize is true or false, which the figure shows as a checkbox, not a slider; remove it from live`}},
	{"live range not numbers", figureLesson(good + "live: {momentum: [a, b]}\n"), []string{`content/s/lesson.md:13: live.momentum: expected a range of two numbers [low, high]`}},
	{"live range not a list", figureLesson(good + "live: {momentum: 0.5}\n"), []string{`content/s/lesson.md:13: live.momentum: expected a range [low, high], found 0.5`}},
	{"optimizer alias", figureLesson(strings.Replace(good, "optimizer: gd", "optimizer: sgd", 1)), []string{`content/s/lesson.md:11: runs[0].optimizer: unknown optimizer "sgd" (did you mean gd?); the optimizers are gd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adadelta, adamax, nadam, radam, rprop, asgd, lbfgs, grid-search, ema-momentum, newton, bfgs, nelder-mead`}},
	{"optimizer far from any", figureLesson(strings.Replace(good, "optimizer: gd", "optimizer: lion", 1)), []string{`content/s/lesson.md:11: runs[0].optimizer: unknown optimizer "lion"; the optimizers are gd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adadelta, adamax, nadam, radam, rprop, asgd, lbfgs, grid-search, ema-momentum, newton, bfgs, nelder-mead`}},
	{"setting alias", figureLesson(strings.Replace(good, "optimizer: gd", "optimizer: momentum\n    beta: 0.9", 1)), []string{`content/s/lesson.md:12: runs[0].beta: momentum has no setting "beta" (did you mean momentum?); its settings are lr, momentum, dampening, weight_decay, maximize; a run also takes label, start, steps, batch, schedule, clip, noise and seed`}},
	{"setting misspelt", figureLesson(strings.Replace(good, "lr: 0.001", "lrr: 0.001", 1)), []string{`content/s/lesson.md:12: runs[0].lrr: gd has no setting "lrr" (did you mean lr?); its settings are lr, weight_decay, maximize; a run also takes label, start, steps, batch, schedule, clip, noise and seed`}},
	{"schedule unknown", figureLesson(good + "    schedule: {cosin: {t_max: 5}}\n"), []string{`content/s/lesson.md:13: runs[0].schedule: unknown schedule "cosin" (did you mean cosine?); the schedules are step, multistep, exponential, cosine, linear and polynomial`}},
	{"schedule two kinds", figureLesson(good + "    schedule: {step: {step_size: 5}, cosine: {t_max: 5}}\n"), []string{`content/s/lesson.md:13: runs[0].schedule: name one schedule with its settings, such as schedule: {step: {step_size: 30, gamma: 0.1}}; the schedules are step, multistep, exponential, cosine, linear, polynomial`}},
	{"schedule missing setting", figureLesson(good + "    schedule: {step: {gamma: 0.5}}\n"), []string{`content/s/lesson.md:13: runs[0].schedule.step.step_size: missing; the step schedule needs step_size`}},
	{"schedule bad milestones", figureLesson(good + "    schedule: {multistep: {milestones: [0, 3]}}\n"), []string{`content/s/lesson.md:13: runs[0].schedule.multistep.milestones: each milestone is a step from 1 to 5000`}},
	{"schedule not a mapping", figureLesson(good + "    schedule: cosine\n"), []string{`content/s/lesson.md:13: runs[0].schedule: expected a mapping of keys to values, found the text "cosine"`}},
	{"schedule on bfgs", figureLesson(strings.Replace(good, "optimizer: gd\n    lr: 0.001", "optimizer: bfgs", 1) + "    schedule: {exponential: {gamma: 0.9}}\n"), []string{`content/s/lesson.md:11: runs[0]: bfgs takes no gradient steps of a learning rate; schedule, clip and noise need a step optimizer such as gd`}},
	{"clip zero", figureLesson(good + "    clip: 0\n"), []string{`content/s/lesson.md:13: runs[0].clip: clip is the largest gradient norm a step may use, greater than 0, not 0`}},
	{"clip text", figureLesson(good + "    clip: high\n"), []string{`content/s/lesson.md:13: runs[0].clip: expected a number, found the text "high"`}},
	{"noise negative", figureLesson(good + "    noise: -1\n"), []string{`content/s/lesson.md:13: runs[0].noise: noise is the standard deviation added to each gradient coordinate, at least 0, not -1`}},
	{"seed without noise", figureLesson(good + "    seed: 3\n"), []string{`content/s/lesson.md:11: runs[0].seed: seed seeds the gradient noise; add noise: σ, or remove seed`}},
	{"seed negative", figureLesson(good + "    noise: 0.1\n    seed: -3\n"), []string{`content/s/lesson.md:14: runs[0].seed: the noise's seed is a whole number of at least 0`}},
	{"grid points not whole", figureLesson(strings.Replace(good, "optimizer: gd\n    lr: 0.001", "optimizer: grid-search\n    points: 2.5", 1)), []string{`content/s/lesson.md:12: runs[0].points: points must be a whole number from 1 to 25, not 2.5`}},
	{"grid points too many", figureLesson(strings.Replace(good, "optimizer: gd\n    lr: 0.001", "optimizer: grid-search\n    points: 1000", 1)), []string{`content/s/lesson.md:12: runs[0].points: points must be a whole number from 1 to 25, not 1000`}},
	{"grid radius zero", figureLesson(strings.Replace(good, "optimizer: gd\n    lr: 0.001", "optimizer: grid-search\n    radius: 0", 1)), []string{`content/s/lesson.md:12: runs[0].radius: radius must be greater than 0, not 0`}},
	{"batch sweep without data", figureLesson(good + "    batch: [1, 10]\n"), []string{`content/s/lesson.md:13: runs[0].batch: only the linear-regression function has data to batch; remove batch`}},
	{"batch sweep bad size", figureLesson("function: {linear-regression: {n: 20}}\nstart: [0, 0]\nsteps: 5\nruns:\n  - optimizer: gd\n    lr: 0.1\n    batch: [1, 0]\n"), []string{`content/s/lesson.md:13: runs[0].batch: each batch size of the sweep is a whole number of at least 1 (1 is stochastic gradient descent)`}},
	{"batch sweep and another", figureLesson("function: {linear-regression: {n: 20}}\nstart: [0, 0]\nsteps: 5\nruns:\n  - optimizer: gd\n    lr: [0.1, 0.2]\n    batch: [1, 5]\n"), []string{`content/s/lesson.md:13: runs[0].batch: a run sweeps one setting at a time, and lr already does; make a second run`}},
	{"lbfgs line search", figureLesson(strings.Replace(good, "optimizer: gd\n    lr: 0.001", "optimizer: lbfgs\n    line_search: armijo", 1)), []string{`content/s/lesson.md:12: runs[0].line_search: the line search is strong_wolfe, or none for lbfgs's fixed step`}},
	{"lbfgs max_iter", figureLesson(strings.Replace(good, "optimizer: gd\n    lr: 0.001", "optimizer: lbfgs\n    max_iter: 0", 1)), []string{`content/s/lesson.md:12: runs[0].max_iter: max_iter must be a whole number from 1 to 1000, not 0`}},
	{"curves on 2-D", figureLesson(good + "curves: [{function: \"abs(x)\"}]\n"), []string{`content/s/lesson.md:13: curves: only a figure of one variable draws more curves; this function has two`}},
	{"curve uses y", figureLesson("function: \"x^2\"\nstart: 1\ncurves: [{function: \"x + y\"}]\nruns: [{optimizer: gd, lr: 0.1}]\n"), []string{`content/s/lesson.md:9: curves[0].function: a curve is a function of x alone; this one uses y`}},
	{"curve without function", figureLesson("function: \"x^2\"\nstart: 1\ncurves: [{label: MAE}]\nruns: [{optimizer: gd, lr: 0.1}]\n"), []string{`content/s/lesson.md:9: curves[0].function: missing; write the curve's function of x, such as "abs(x)"`}},
	{"curve unknown key", figureLesson("function: \"x^2\"\nstart: 1\ncurves: [{function: \"abs(x)\", colour: red}]\nruns: [{optimizer: gd, lr: 0.1}]\n"), []string{`content/s/lesson.md:9: curves[0].colour: unknown key; a curve takes function and label`}},
	{"curves not a list", figureLesson("function: \"x^2\"\nstart: 1\ncurves: abs(x)\nruns: [{optimizer: gd, lr: 0.1}]\n"), []string{`content/s/lesson.md:9: curves: expected a list of 1 to 8 curves, such as [{function: "abs(x)", label: MAE}]`}},
	{"view data without data", figureLesson(good + "view: [contour, data]\n"), []string{`content/s/lesson.md:13: view: only the linear-regression function has data to show; remove data`}},
	{"view unknown", figureLesson(good + "view: [map]\n"), []string{`content/s/lesson.md:13: view: unknown view "map"; the views are contour, surface and, for the linear regression, data`}},
	{"view surface on a curve", figureLesson("function: wiggle\nview: [surface]\n"), []string{`content/s/lesson.md:8: view: a 1-D figure's curve is its surface; remove surface`}},
	{"camera without surface", figureLesson(good + "camera: {azimuth: 30}\n"), []string{`content/s/lesson.md:13: camera: sets the surface view's camera; add view: [contour, surface]`}},
	{"camera not a mapping", figureLesson(good + "view: [contour, surface]\ncamera: 30\n"), []string{`content/s/lesson.md:14: camera: expected a mapping of keys to values, found 30`}},
	{"camera unknown key", figureLesson(good + "view: [surface]\ncamera: {zoom: 2}\n"), []string{`content/s/lesson.md:14: camera.zoom: unknown key; a camera takes azimuth and elevation, in degrees`}},
	{"camera azimuth text", figureLesson(good + "view: [surface]\ncamera: {azimuth: left}\n"), []string{`content/s/lesson.md:14: camera.azimuth: expected a number, found the text "left"`}},
	{"camera azimuth out of range", figureLesson(good + "view: [surface]\ncamera: {azimuth: 400}\n"), []string{`content/s/lesson.md:14: camera.azimuth: 400 degrees is out of range; an azimuth is from -360 to 360`}},
	{"camera elevation below", figureLesson(good + "view: [surface]\ncamera: {elevation: -10}\n"), []string{`content/s/lesson.md:14: camera.elevation: -10 degrees is out of range; an elevation is from 0 (side on) to 90 (from above)`}},
	{"camera elevation above", figureLesson(good + "view: [surface]\ncamera:\n  azimuth: 10\n  elevation: 95\n"), []string{`content/s/lesson.md:16: camera.elevation: 95 degrees is out of range; an elevation is from 0 (side on) to 90 (from above)`}},
	{"view twice", figureLesson(good + "view: [contour, contour]\n"), []string{`content/s/lesson.md:13: view: contour is listed twice`}},
	{"bad math in a title", figureLesson(good + "title: Bad $\\frac{1$ math\n"), []string{`content/s/lesson.md:13: title: the formula $\frac{1$: math: { without }`}},
	{"bad math in an axis name", figureLesson(good + "axes: {x: $\\lamda_1$}\n"), []string{`content/s/lesson.md:13: axes.x: the formula $\lamda_1$: math: unknown command \lamda (write \lambda)`}},
	{"bad math in a label", figureLesson(good + "    label: $\\frac{$\n"), []string{`content/s/lesson.md:13: runs[0].label: the formula $\frac{$: math: { without }`}},
	{"clip too large", figureLesson(good + "    clip: 1e400\n"), []string{`content/s/lesson.md:13: runs[0].clip: 1e400 is too large for a float64 (the largest is about 1.8e308)`}},
	{"schedule setting too large", figureLesson(good + "    schedule: {step: {step_size: 1e400}}\n"), []string{`content/s/lesson.md:13: runs[0].schedule.step.step_size: 1e400 is too large for a float64 (the largest is about 1.8e308)`}},
	{"schedule step_size huge", figureLesson(good + "    schedule: {step: {step_size: 1e12}}\n"), []string{`content/s/lesson.md:13: runs[0].schedule.step.step_size: step_size must be a whole number from 1 to 100000, not 1e+12`}},
	{"id with a control character", figureLesson(good + "id: \"a\\x1bb\"\n"), []string{`content/s/lesson.md:13: id: holds the control character U+001B; remove it`}},
	{"missing function", figureLesson("start: [0, 0]\nruns: [{optimizer: gd, lr: 0.1}]\n"), []string{`content/s/lesson.md:7: function: missing; name a catalog function (function: rosenbrock) or write an expression (function: "x^2 + 3*y^2")`}},
	{"unknown function", figureLesson(strings.Replace(good, "rosenbrock", "rosenbrok", 1)), []string{`content/s/lesson.md:7: function: unknown function "rosenbrok" (did you mean rosenbrock?); the catalog has quadratic, saddle, monkey-saddle, rosenbrock, himmelblau, beale, booth, matyas, goldstein-price, rastrigin, ackley, three-hump-camel, six-hump-camel, styblinski-tang, levi, mccormick, easom, plateau, sine-bowl, wiggle, or write an expression in x and y`}},
	{"bad expression", figureLesson(strings.Replace(good, "rosenbrock", `"x^2 + * y"`, 1)), []string{`content/s/lesson.md:7: function: col 7: unexpected '*'; expected a number, x, y, a function or "("`}},
	// A function that cannot be read hides none of the other mistakes
	// that do not need it.
	{"bad params and more", figureLesson("function: quadratic\nparams: [1, 2]\nsteps: 20.5\nruns:\n  optimizer: gd\n"), []string{
		`content/s/lesson.md:8: params: expected a mapping of keys to values, found a list`,
		`content/s/lesson.md:9: steps: expected a whole number, found 20.5`,
		`content/s/lesson.md:10: runs: expected a list of runs, such as runs: [{optimizer: gd, lr: 0.01}]`}},
	{"unknown function and more", figureLesson("function: rosenbrok\nstart: [1, 1]\nruns:\n  - {optimizer: gd, lr: fast, start: [0, 0]}\n"), []string{
		`content/s/lesson.md:7: function: unknown function "rosenbrok" (did you mean rosenbrock?); the catalog has quadratic, saddle, monkey-saddle, rosenbrock, himmelblau, beale, booth, matyas, goldstein-price, rastrigin, ackley, three-hump-camel, six-hump-camel, styblinski-tang, levi, mccormick, easom, plateau, sine-bowl, wiggle, or write an expression in x and y`,
		`content/s/lesson.md:10: runs[0].lr: expected a number, found the text "fast"`}},
	{"constant function", figureLesson("function: 42\nstart: [1]\nruns: [{optimizer: gd, lr: 0.1}]\n"), []string{`content/s/lesson.md:7: function: "42" uses neither x nor y, so there is no landscape to draw; write a function of x (a 1-D figure) or of x and y`}},
	{"expression case-sensitive", figureLesson(strings.Replace(good, "rosenbrock", `"Sin(x) + y^2"`, 1)), []string{`content/s/lesson.md:7: function: col 1: unknown function "Sin"; the functions are sin cos tan exp log sqrt abs tanh sinh cosh atan relu sign sigmoid log1p expm1, and min and max of two`}},
	{"unknown param", figureLesson(good + "params: {c: 3}\n"), []string{`content/s/lesson.md:13: params: rosenbrock has no parameter "c"; its parameters are a, b`}},
	{"param not a number", figureLesson(good + "params: {a: one}\n"), []string{`content/s/lesson.md:13: params.a: expected a number, found the text "one"`}},
	{"params on expression", figureLesson(strings.Replace(good, "rosenbrock", `"x^2+y^2"`, 1) + "params: {a: 1}\n"), []string{`content/s/lesson.md:13: params.a: the expression does not use a; remove it or write it into the formula`}},
	{"params reserved name", figureLesson(strings.Replace(good, "rosenbrock", `"x^2+y^2"`, 1) + "params: {pi: 3}\n"), []string{`content/s/lesson.md:13: params.pi: "pi" cannot name a constant: use a name of letters, digits and _ that is not x, y, pi, e or a function`}},
	{"params odd name", figureLesson(strings.Replace(good, "rosenbrock", `"x^2+y^2"`, 1) + "params: {\"a b\": 3}\n"), []string{`content/s/lesson.md:13: params.a b: "a b" cannot name a constant: use a name of letters, digits and _ that is not x, y, pi, e or a function`}},
	{"axes not a mapping", figureLesson(good + "axes: [a, b]\n"), []string{`content/s/lesson.md:13: axes: expected a mapping of keys to values, found a list`}},
	{"axes unknown axis", figureLesson(good + "axes: {z: height}\n"), []string{`content/s/lesson.md:13: axes.z: unknown axis; name x and y`}},
	{"axes y on a curve", figureLesson(strings.Replace(strings.Replace(good, "rosenbrock", `"x^2"`, 1), "[-1.5, 2.5]", "[1]", 1) + "axes: {y: loss}\n"), []string{`content/s/lesson.md:13: axes.y: unknown axis; name x (a 1-D figure has one axis)`}},
	{"axes name too long", figureLesson(good + "axes: {x: " + strings.Repeat("w", 41) + "}\n"), []string{`content/s/lesson.md:13: axes.x: 41 characters is over the limit of 40`}},
	{"axes name empty", figureLesson(good + "axes: {x: \"  \"}\n"), []string{`content/s/lesson.md:13: axes.x: an axis name is not empty; leave the key out for x`}},
	{"axes name a list", figureLesson(good + "axes: {x: [a]}\n"), []string{`content/s/lesson.md:13: axes.x: expected text, found a list`}},
	{"axes name with a control character", figureLesson(good + "axes:\n  x: \"<b>\\u0007\"\n"), []string{`content/s/lesson.md:14: axes.x: holds the control character U+0007; remove it`}},
	{"param sweep of one value", figureLesson(good + "params: {a: [1]}\n"), []string{`content/s/lesson.md:13: params.a: a parameter sweep lists between 2 and 6 values, one landscape each`}},
	{"param sweep too long", figureLesson(good + "params: {a: [1, 2, 3, 4, 5, 6, 7]}\n"), []string{`content/s/lesson.md:13: params.a: a parameter sweep lists between 2 and 6 values, one landscape each`}},
	{"two param sweeps", figureLesson(good + "params:\n  a: [1, 2]\n  b: [10, 100]\n"), []string{`content/s/lesson.md:15: params.b: a figure sweeps one parameter, and a already does; make a second figure`}},
	{"param sweep repeats", figureLesson(good + "params: {a: [1, 2, 1]}\n"), []string{`content/s/lesson.md:13: params.a: 1 is listed twice; each value of a sweep is drawn once`}},
	{"param sweep not numbers", figureLesson(good + "params: {a: [1, two]}\n"), []string{`content/s/lesson.md:13: params.a: expected a number, found the text "two"`}},
	{"param sweep of a mapping", figureLesson(good + "params: {a: {b: 1}}\n"), []string{`content/s/lesson.md:13: params.a: expected a number, found a mapping`}},
	{"param sweep too many runs", figureLesson(strings.Replace(good, "lr: 0.001", "lr: [0.001, 0.002, 0.003, 0.004, 0.005]", 1) + "params: {a: [1, 2, 3, 4, 5]}\n"), []string{`content/s/lesson.md:13: params.a: 5 values × 5 trajectories is 25; a figure holds at most 24`}},
	{"param sweep not finite", figureLesson(strings.Replace(good, "rosenbrock", "rastrigin", 1) + "params: {A: [1, .inf]}\n"), []string{`content/s/lesson.md:13: params.A: expected a finite number, found .inf`}},
	{"param sweep on an unused constant", figureLesson(strings.Replace(good, "rosenbrock", `"c*x^2+y^2"`, 1) + "params: {c: [1, 2], d: [3, 4]}\n"), []string{`content/s/lesson.md:13: params.d: a figure sweeps one parameter, and c already does; make a second figure`}},
	{"params not a number on an expression", figureLesson(strings.Replace(good, "rosenbrock", `"c*x^2+y^2"`, 1) + "params: {c: big}\n"), []string{`content/s/lesson.md:13: params.c: expected a number, found the text "big"`}},
	{"empty domain", figureLesson(good + "domain: {x: [1, 1], y: [0, 1]}\n"), []string{`content/s/lesson.md:13: domain.x: the interval [1, 1] is empty or inverted; write the lower bound first`}},
	{"inverted domain", figureLesson(good + "domain: {x: [-2, 2], y: [3, -1]}\n"), []string{`content/s/lesson.md:13: domain.y: the interval [3, -1] is empty or inverted; write the lower bound first`}},
	{"domain one float wide", figureLesson(good + "domain: {x: [1, 1.0000000000000002], y: [0, 1]}\n"), []string{`content/s/lesson.md:13: domain.x: the interval [1, 1.0000000000000002] is narrower than 1e-09, the limit for a domain this far from 0; widen it`}},
	{"domain one float wide, 1-D", figureLesson("function: \"x^2\"\nstart: 1\ndomain: {x: [1, 1.0000000000000002]}\nruns: [{optimizer: gd, lr: 0.1}]\n"), []string{`content/s/lesson.md:9: domain.x: the interval [1, 1.0000000000000002] is narrower than 1e-09, the limit for a domain this far from 0; widen it`}},
	{"domain tiny near 0", figureLesson(good + "domain: {x: [-2, 2], y: [0, 1e-13]}\n"), []string{`content/s/lesson.md:13: domain.y: the interval [0, 1e-13] is narrower than 1e-12, the limit for a domain this far from 0; widen it`}},
	{"domain far out", figureLesson(good + "domain: {x: [1e15, 1000000000000000.2], y: [0, 1]}\n"), []string{`content/s/lesson.md:13: domain.x: the interval [1e+15, 1.0000000000000002e+15] is narrower than 1e+06, the limit for a domain this far from 0; widen it`}},
	{"domain too wide", figureLesson(good + "domain: {x: [-1e308, 1e308], y: [0, 1]}\n"), []string{`content/s/lesson.md:13: domain.x: the interval [-1e+308, 1e+308] is wider than a float64 can hold; narrow it`}},
	{"title too long", figureLesson(strings.Replace(good, "function:", "title: "+strings.Repeat("x", 40000)+"\nfunction:", 1)), []string{`content/s/lesson.md:7: title: 40000 characters is over the limit of 300`}},
	{"title just over", figureLesson(strings.Replace(good, "function:", "title: "+strings.Repeat("é", 301)+"\nfunction:", 1)), []string{`content/s/lesson.md:7: title: 301 characters is over the limit of 300`}},
	{"label too long", figureLesson(strings.Replace(good, "    lr: 0.001", "    lr: 0.001\n    label: "+strings.Repeat("y", 40000), 1)), []string{`content/s/lesson.md:13: runs[0].label: 40000 characters is over the limit of 120`}},
	{"steps 1e300", figureLesson(strings.Replace(good, "steps: 10", "steps: 1e300", 1)), []string{`content/s/lesson.md:9: steps: 1e300 steps is more than the limit of 5000`}},
	{"steps 1e400", figureLesson(strings.Replace(good, "steps: 10", "steps: 1e400", 1)), []string{`content/s/lesson.md:9: steps: 1e400 is too large for a float64 (the largest is about 1.8e308)`}},
	{"steps with 20 digits", figureLesson(strings.Replace(good, "steps: 10", "steps: 99999999999999999999", 1)), []string{`content/s/lesson.md:9: steps: 99999999999999999999 steps is more than the limit of 5000`}},
	{"steps not whole", figureLesson(strings.Replace(good, "steps: 10", "steps: 10.5", 1)), []string{`content/s/lesson.md:9: steps: expected a whole number, found 10.5`}},
	{"run steps 1e300", figureLesson(good + "    steps: 1e300\n"), []string{`content/s/lesson.md:13: runs[0].steps: 1e300 steps is more than the limit of 5000`}},
	{"lr 1e400", figureLesson(strings.Replace(good, "lr: 0.001", "lr: 1e400", 1)), []string{`content/s/lesson.md:12: runs[0].lr: 1e400 is too large for a float64 (the largest is about 1.8e308)`}},
	{"start -1e400", figureLesson(strings.Replace(good, "start: [-1.5, 2.5]", "start: [-1e400, 2.5]", 1)), []string{`content/s/lesson.md:8: start: -1e400 is too large for a float64 (the largest is about 1.8e308)`}},
	{"levels 1e400", figureLesson(good + "contours: {levels: [1, 1e400]}\n"), []string{`content/s/lesson.md:13: contours.levels: 1e400 is too large for a float64 (the largest is about 1.8e308)`}},
	{"levels count 1e300", figureLesson(good + "contours: {levels: 1e300}\n"), []string{`content/s/lesson.md:13: contours.levels: the count must be between 1 and 200, not 1e300`}},
	{"weight 1e300", "---\ntitle: L\nweight: 1e300\n---\nText.\n", []string{`content/s/lesson.md:3: weight: 1e300 is too large for a whole number here (at most 10^15)`}},
	{"weight 1e400", "---\ntitle: L\nweight: 1e400\n---\nText.\n", []string{`content/s/lesson.md:3: weight: 1e400 is too large for a float64 (the largest is about 1.8e308)`}},
	{"a curve with no finite value", figureLesson("function: \"log(x)\"\ndomain: {x: [-2, -1]}\nstart: -1.5\nruns: [{optimizer: gd, lr: 0.1}]\n"), []string{`content/s/lesson.md:6: landscape "figure-1": the function has no finite value to draw over this domain (it is undefined there, or too large for float64); choose a domain where it is defined`}},
	{"a curve that overflows", figureLesson("function: \"x^2\"\ndomain: {x: [-1e200, 1e200]}\nstart: 1\nruns: [{optimizer: gd, lr: 0.1}]\n"), []string{`content/s/lesson.md:6: landscape "figure-1": the function has no finite value to draw over this domain (it is undefined there, or too large for float64); choose a domain where it is defined`}},
	{"domain infinite", figureLesson(good + "domain: {x: [-.inf, 1], y: [0, 1]}\n"), []string{`content/s/lesson.md:13: domain.x: expected a finite number, found -.inf; an interval is two numbers [low, high]`}},
	{"domain not an interval", figureLesson(good + "domain: {x: [-2, 2, 4], y: [0, 1]}\n"), []string{`content/s/lesson.md:13: domain.x: expected an interval [low, high], found a list of 3`}},
	{"domain unknown axis", figureLesson(good + "domain: {z: [0, 1]}\n"), []string{`content/s/lesson.md:13: domain.z: unknown key; domain takes x and y, such as {x: [-2, 2], y: [-1, 3]}`}},
	{"domain y for 1-D", figureLesson("function: \"x^2\"\nstart: 1\ndomain: {x: [-1, 1], y: [0, 1]}\nruns: [{optimizer: gd, lr: 0.1}]\n"), []string{`content/s/lesson.md:9: domain.y: this function has one variable; its domain is {x: [a, b]}`}},
	{"zero steps", figureLesson(strings.Replace(good, "steps: 10", "steps: 0", 1)), []string{`content/s/lesson.md:9: steps: must be at least 1, not 0`}},
	{"negative steps", figureLesson(strings.Replace(good, "steps: 10", "steps: -5", 1)), []string{`content/s/lesson.md:9: steps: must be at least 1, not -5`}},
	{"fractional steps", figureLesson(strings.Replace(good, "steps: 10", "steps: 2.5", 1)), []string{`content/s/lesson.md:9: steps: expected a whole number, found 2.5`}},
	{"too many steps", figureLesson(strings.Replace(good, "steps: 10", "steps: 1000000", 1)), []string{`content/s/lesson.md:9: steps: 1000000 steps is more than the limit of 5000`}},
	{"steps as text", figureLesson(strings.Replace(good, "steps: 10", "steps: many", 1)), []string{`content/s/lesson.md:9: steps: expected a whole number, found the text "many"`}},
	{"start wrong dimension", figureLesson(strings.Replace(good, "[-1.5, 2.5]", "[1, 2, 3]", 1)), []string{`content/s/lesson.md:8: start: a point here has 2 coordinates [x, y], not 3`}},
	{"start 1-D for 2-D", figureLesson(strings.Replace(good, "[-1.5, 2.5]", "1.5", 1)), []string{`content/s/lesson.md:8: start: expected a point such as [-1.5, 2.5] or a list of points [[-1.5, 2.5], [1, -0.5]], found 1.5`}},
	{"start text", figureLesson(strings.Replace(good, "[-1.5, 2.5]", "origin", 1)), []string{`content/s/lesson.md:8: start: expected a point such as [-1.5, 2.5] or a list of points [[-1.5, 2.5], [1, -0.5]], found the text "origin"`}},
	{"start twice", figureLesson(strings.Replace(good, "[-1.5, 2.5]", "[[0, 1], [2, 3], [0, 1]]", 1)), []string{`content/s/lesson.md:8: start[2]: [0, 1] is start[0] again; give each start a point of its own`}},
	{"start twice, on lines of their own", figureLesson(strings.Replace(good, "[-1.5, 2.5]", "\n  - [0, 1]\n  - [1, 0]\n  - [-0.0, 1]", 1)), []string{`content/s/lesson.md:11: start[2]: [-0, 1] is start[0] again; give each start a point of its own`}},
	{"1-D start as a point", figureLesson("function: wiggle\nstart: [1, 1]\nruns: [{optimizer: gd, lr: 0.1}]\n"), []string{`content/s/lesson.md:8: start[1]: 1 is start[0] again; a function of one variable starts at a number (start: 1), or at each number of a list of different ones`}},
	{"a run's start twice", figureLesson(strings.Replace(good, "optimizer: gd", "optimizer: gd\n    start: [[1, 1], [1, 1.0]]", 1)), []string{`content/s/lesson.md:12: runs[0].start[1]: [1, 1] is runs[0].start[0] again; give each start a point of its own`}},
	{"missing start", figureLesson(strings.Replace(good, "start: [-1.5, 2.5]\n", "", 1)), []string{`content/s/lesson.md:10: start: missing; give the figure a start point (start: [x, y]) or give each run its own`}},
	{"empty runs", figureLesson("function: rosenbrock\nstart: [0, 0]\nruns: []\n"), []string{`content/s/lesson.md:9: runs: expected a list of runs, such as runs: [{optimizer: gd, lr: 0.01}]`}},
	{"runs not a list", figureLesson("function: rosenbrock\nstart: [0, 0]\nruns: gd\n"), []string{`content/s/lesson.md:9: runs: expected a list of runs, such as runs: [{optimizer: gd, lr: 0.01}]`}},
	{"unknown optimizer", figureLesson(strings.Replace(good, "optimizer: gd", "optimizer: adamm", 1)), []string{`content/s/lesson.md:11: runs[0].optimizer: unknown optimizer "adamm" (did you mean adam?); the optimizers are gd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adadelta, adamax, nadam, radam, rprop, asgd, lbfgs, grid-search, ema-momentum, newton, bfgs, nelder-mead`}},
	{"missing optimizer", figureLesson(strings.Replace(good, "  - optimizer: gd\n    lr", "  - lr", 1)), []string{`content/s/lesson.md:11: runs[0].optimizer: missing; name one of gd, momentum, nesterov, adagrad, rmsprop, adam, adamw, adadelta, adamax, nadam, radam, rprop, asgd, lbfgs, grid-search, ema-momentum, newton, bfgs, nelder-mead`}},
	{"gd without lr", figureLesson(strings.Replace(good, "    lr: 0.001\n", "", 1)), []string{`content/s/lesson.md:11: runs[0].lr: missing; gd has no default lr, so set one (for example lr: 0.01)`}},
	{"setting not taken", figureLesson(good + "    momentum: 0.9\n"), []string{`content/s/lesson.md:13: runs[0].momentum: gd has no setting "momentum"; its settings are lr, weight_decay, maximize; a run also takes label, start, steps, batch, schedule, clip, noise and seed`}},
	{"lr as text", figureLesson(strings.Replace(good, "lr: 0.001", "lr: fast", 1)), []string{`content/s/lesson.md:12: runs[0].lr: expected a number, found the text "fast"`}},
	{"negative lr", figureLesson(strings.Replace(good, "lr: 0.001", "lr: -0.1", 1)), []string{`content/s/lesson.md:12: runs[0].lr: lr must be greater than 0, not -0.1`}},
	{"momentum of 1", figureLesson(strings.Replace(good, "optimizer: gd", "optimizer: momentum", 1) + "    momentum: 1\n"), []string{`content/s/lesson.md:13: runs[0].momentum: momentum must be at least 0 and less than 1, not 1`}},
	{"amsgrad not bool", figureLesson(strings.Replace(good, "optimizer: gd", "optimizer: adam", 1) + "    amsgrad: 1\n"), []string{`content/s/lesson.md:13: runs[0].amsgrad: expected true or false, found 1`}},
	{"two sweeps", figureLesson(strings.Replace(good, "optimizer: gd\n    lr: 0.001", "optimizer: momentum\n    lr: [0.001, 0.002]\n    momentum: [0.5, 0.9]", 1)), []string{`content/s/lesson.md:13: runs[0].momentum: a run sweeps one setting at a time, and lr already does; make a second run`}},
	{"sweep with text", figureLesson(strings.Replace(good, "lr: 0.001", "lr: [0.001, fast]", 1)), []string{`content/s/lesson.md:12: runs[0].lr: expected a number, found the text "fast"`}},
	{"batch without data", figureLesson(good + "    batch: 4\n"), []string{`content/s/lesson.md:13: runs[0].batch: only the linear-regression function has data to batch; remove batch`}},
	{"levels out of range", figureLesson(good + "contours: {levels: 0}\n"), []string{`content/s/lesson.md:13: contours.levels: the count must be between 1 and 200, not 0`}},
	{"bad scale", figureLesson(good + "contours: {scale: cubic}\n"), []string{`content/s/lesson.md:13: contours.scale: expected auto, linear or log`}},
	{"levels unsorted", figureLesson(good + "contours: {levels: [3, 1, 2]}\n"), []string{`content/s/lesson.md:13: contours.levels: list the levels in increasing order`}},
	{"regression unknown key", figureLesson("function: {linear-regression: {n: 10, colour: 1}}\nstart: [0, 0]\nruns: [{optimizer: gd, lr: 0.1}]\n"), []string{`content/s/lesson.md:7: function.linear-regression.colour: unknown key; linear-regression takes n, seed, intercept, slope and noise`}},
	{"regression n zero", figureLesson("function: {linear-regression: {n: 0}}\nstart: [0, 0]\nruns: [{optimizer: gd, lr: 0.1}]\n"), []string{`content/s/lesson.md:7: function.linear-regression.n: n must be between 1 and 100000, not 0`}},
	{"unsupported math", "---\ntitle: L\n---\nThe rate $\\foo{x}$ here.\n", []string{`content/s/lesson.md:4: math: col 11: unknown command \foo`}},
	{"empty file", "", []string{`content/s/lesson.md:1: the file is empty; start it with front matter (---, title: ..., ---) and write the lesson below`}},
	{"only front matter", "---\ntitle: L\n---\n\n", []string{`content/s/lesson.md:1: the lesson has no text after its front matter; write the lesson below the closing ---`}},
	{"not UTF-8", "---\ntitle: L\n---\nbad \xff byte\n", []string{`content/s/lesson.md:4: encoding: the file is not valid UTF-8; save it as UTF-8`}},
	{"too many runs", figureLesson(strings.Replace(good, "lr: 0.001", "lr: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25]", 1)), []string{`content/s/lesson.md:12: runs[0].lr: a sweep lists between 1 and 24 values`}},
}

// TestBadCourses covers mistakes that span files.
func TestBadCourses(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"duplicate slug", map[string]string{"s/other.md": "---\ntitle: O\nslug: lesson\n---\nText.\n"},
			`content/s/other.md:1: slug: the slug "lesson" is taken by content/s/lesson.md; set a different slug in the front matter`},
		{"folders too deep", map[string]string{"s/a/b/c/d/e/f/x.md": "---\ntitle: O\n---\nText.\n"},
			`content/s/a/b/c/d/e/f: folders nest at most 6 deep; move this folder up`},
		{"lesson beside a folder of its name", map[string]string{"s/lesson/_index.md": "---\ntitle: O\n---\nText.\n"},
			`content/s/lesson/_index.md:1: is published at /s/lesson/index.html, as is content/s/lesson.md; rename or remove one of them`},
		{"site file unknown key", map[string]string{"site.yaml": "title: T\ntheme: dark\n"},
			`content/site.yaml:2: theme: unknown key; the site file takes title, description, baseURL, language, unsafe_html and bibliography`},
		{"site file not UTF-8", map[string]string{"site.yaml": "title: T\ndescription: Caf\xe9\n"},
			`content/site.yaml:2: encoding: the file is not valid UTF-8; save it as UTF-8`},
		{"an anchor of a folder without _index.md", map[string]string{"t/a.md": "---\ntitle: A\n---\nText.\n", "s/lesson.md": "---\ntitle: L\n---\nSee [t](../t/#x).\n"},
			`content/s/lesson.md:4: link to ../t/#x: content/t (a folder without _index.md) has no heading, figure or equation with this id`},
		{"a section named as the sitemap", map[string]string{"sitemap.xml/_index.md": "---\ntitle: O\n---\n"},
			`content/sitemap.xml/_index.md:1: is published at /sitemap.xml/index.html, inside /sitemap.xml, which is the sitemap; rename or remove one of them`},
		{"file name not UTF-8", map[string]string{"s/caf\xe9.md": "---\ntitle: O\n---\nText.\n"},
			"content/s/caf\uFFFD.md: the name is not UTF-8 (a byte of another encoding); rename it"},
		{"site file wrong type", map[string]string{"site.yaml": "title: T\nunsafe_html: sometimes\n"},
			`content/site.yaml:2: unsafe_html: expected true or false, found the text "sometimes"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			wantError(t, lessonWithFiles(tt.files), tt.want)
		})
	}
}

// wantError builds content and checks that the build fails with exactly
// want.
func wantError(t *testing.T, content fs.FS, want string) {
	t.Helper()
	_, err := Build(context.Background(), Options{Content: content, Out: filepath.Join(t.TempDir(), "out")})
	if err == nil || err.Error() != want {
		t.Errorf("got  %v\nwant %s", err, want)
	}
}

// TestBadLayouts checks that a broken or missing template names its file.
func TestBadLayouts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		layouts fstest.MapFS
		want    string
	}{
		{"template syntax", fstest.MapFS{"lesson.html": {Data: []byte(`{{define "main"}}{{.Title}{{end}}`)}},
			`layouts/lesson.html:1: bad character U+007D '}'`},
		{"unknown field", fstest.MapFS{"lesson.html": {Data: []byte(`{{define "main"}}{{.Author}}{{end}}`)}},
			`layouts/lesson.html:1: executing "main" at <.Author>: can't evaluate field Author in type lesson.PageData`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Build(context.Background(), Options{Content: lessonCourse("---\ntitle: L\n---\nText.\n"), Layouts: tt.layouts, Out: filepath.Join(t.TempDir(), "out")})
			if err == nil || err.Error() != tt.want {
				t.Errorf("got  %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestBadInputs(t *testing.T) {
	t.Parallel()
	for _, tt := range badInputs {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			out := filepath.Join(t.TempDir(), "public")
			_, err := Build(context.Background(), Options{Content: lessonCourse(tt.src), Out: out})
			var errs Errors
			if !errors.As(err, &errs) {
				t.Fatalf("want author errors, got %v", err)
			}
			var got []string
			for _, e := range errs {
				got = append(got, e.Error())
			}
			if tt.want == nil {
				t.Logf("CASE %s => %q", tt.name, got)
				return
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(tt.want, "\n  "))
			}
		})
	}
}

// loneCRs makes the old Mac line end a line feed and leaves CRLF (and a
// file without CR) as it is, uncopied.
func TestLoneCRs(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"": "", "a\nb": "a\nb", "a\r\nb\r\n": "a\r\nb\r\n", "a\rb\r": "a\nb\n", "a\r\nb\rc": "a\r\nb\nc"} {
		if got := string(loneCRs([]byte(in))); got != want {
			t.Errorf("loneCRs(%q) = %q, want %q", in, got, want)
		}
	}
	crlf := []byte("a\r\nb\r\n")
	if out := loneCRs(crlf); &out[0] != &crlf[0] {
		t.Error("a CRLF file was copied")
	}
}
