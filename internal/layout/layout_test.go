package layout

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"go/parser"
	"go/token"
	"io"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// module is gust's module path.
const module = "github.com/gustload/gust"

// pkg is what go list says of one package.
type pkg struct {
	ImportPath string
	Dir        string
	GoFiles    []string
	Imports    []string
}

// rel is a package's module-relative path; the root is "gust".
func rel(path string) string {
	if path == module {
		return "gust"
	}
	return strings.TrimPrefix(path, module+"/")
}

// ours reports whether path is a gust package.
func ours(path string) bool { return path == module || strings.HasPrefix(path, module+"/") }

// listPackages runs go list on the whole module.
func listPackages(t *testing.T) []pkg {
	t.Helper()
	out, err := exec.Command("go", "list", "-json", module+"/...").Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkg
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkg
		if err := dec.Decode(&p); err == io.EOF {
			return pkgs
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
}

// mayImport reads the "May import:" line of p: from doc.go, or from the
// package comment of any file when there is no doc.go. ok is false when
// there is none.
func mayImport(p pkg) (allowed []string, ok bool, err error) {
	files := p.GoFiles
	if slices.Contains(files, "doc.go") {
		files = []string{"doc.go"}
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, filepath.Join(p.Dir, name), nil, parser.PackageClauseOnly|parser.ParseComments)
		if err != nil {
			return nil, false, err
		}
		if f.Doc == nil {
			continue
		}
		if allowed, ok := parseLine(f.Doc.Text()); ok {
			return allowed, true, nil
		}
	}
	return nil, false, nil
}

// parseLine finds the "May import:" line in a package comment and returns
// the packages it lists.
func parseLine(doc string) ([]string, bool) {
	for _, line := range strings.Split(doc, "\n") {
		list, found := strings.CutPrefix(line, "May import:")
		if !found {
			continue
		}
		list = strings.TrimSuffix(strings.TrimSpace(list), ".")
		if list == "no other gust package" {
			return nil, true
		}
		var allowed []string
		for _, name := range strings.Split(list, ",") {
			allowed = append(allowed, strings.TrimSpace(name))
		}
		return allowed, true
	}
	return nil, false
}

// problems checks each package's imports against its line (lines, by
// module-relative path; a package missing from lines has none) and returns
// what breaks the layering, one sentence each.
func problems(pkgs []pkg, lines map[string][]string) []string {
	exists := map[string]bool{}
	for _, p := range pkgs {
		exists[rel(p.ImportPath)] = true
	}
	var out []string
	for _, p := range pkgs {
		if len(p.GoFiles) == 0 {
			continue // tests alone: nothing to layer
		}
		name := rel(p.ImportPath)
		allowed, ok := lines[name]
		if !ok {
			out = append(out, fmt.Sprintf("%s: its doc.go has no line \"// May import: ...\" (or \"// May import: no other gust package.\")", name))
			continue
		}
		for _, a := range allowed {
			if !exists[a] {
				out = append(out, fmt.Sprintf("%s: its May import line lists %s, which is no package of the module", name, a))
			}
		}
		for _, imp := range p.Imports {
			if ours(imp) && !slices.Contains(allowed, rel(imp)) {
				out = append(out, fmt.Sprintf("%s imports %s, which its May import line does not list (%s)", name, rel(imp), describe(allowed)))
			}
		}
	}
	return out
}

func describe(allowed []string) string {
	if len(allowed) == 0 {
		return "no other gust package"
	}
	return strings.Join(allowed, ", ")
}

// TestEveryPackageKeepsToItsLayer checks the whole module.
func TestEveryPackageKeepsToItsLayer(t *testing.T) {
	pkgs := listPackages(t)
	lines := map[string][]string{}
	for _, p := range pkgs {
		if len(p.GoFiles) == 0 {
			continue
		}
		allowed, ok, err := mayImport(p)
		if err != nil {
			t.Fatalf("%s: %v", rel(p.ImportPath), err)
		}
		if ok {
			lines[rel(p.ImportPath)] = allowed
		}
	}
	if len(lines) < 10 {
		t.Fatalf("only %d packages with a line out of %d listed: go list did not see the module", len(lines), len(pkgs))
	}
	for _, msg := range problems(pkgs, lines) {
		t.Error(msg)
	}
}

func TestProblemsNameThePackageAndTheImport(t *testing.T) {
	pkgs := []pkg{
		{ImportPath: module, GoFiles: []string{"doc.go"}, Imports: []string{"fmt", module + "/internal/cli"}},
		{ImportPath: module + "/internal/cli", GoFiles: []string{"doc.go"}, Imports: []string{module + "/internal/stats"}},
		{ImportPath: module + "/internal/stats", GoFiles: []string{"doc.go"}},
		{ImportPath: module + "/internal/web", GoFiles: []string{"doc.go"}},
		{ImportPath: module + "/examples", Imports: nil},
	}
	tests := []struct {
		name  string
		lines map[string][]string
		want  []string
	}{
		{"all kept", map[string][]string{"gust": {"internal/cli"}, "internal/cli": {"internal/stats"},
			"internal/stats": nil, "internal/web": nil}, nil},
		{"a forbidden import", map[string][]string{"gust": {"internal/cli"}, "internal/cli": {"internal/web"},
			"internal/stats": nil, "internal/web": nil},
			[]string{"internal/cli imports internal/stats, which its May import line does not list (internal/web)"}},
		{"a missing line", map[string][]string{"gust": {"internal/cli"}, "internal/cli": {"internal/stats"},
			"internal/stats": nil},
			[]string{`internal/web: its doc.go has no line "// May import: ..." (or "// May import: no other gust package.")`}},
		{"a package that is not there", map[string][]string{"gust": {"internal/cli", "internal/nope"},
			"internal/cli": {"internal/stats"}, "internal/stats": nil, "internal/web": nil},
			[]string{"gust: its May import line lists internal/nope, which is no package of the module"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := problems(pkgs, tt.lines); !slices.Equal(got, tt.want) {
				t.Fatalf("problems:\n%q\nwant:\n%q", got, tt.want)
			}
		})
	}
}

func TestParseLine(t *testing.T) {
	tests := []struct {
		doc  string
		want []string
		ok   bool
	}{
		{"Package x does y.\n\nMay import: internal/stats, internal/config.\n", []string{"internal/stats", "internal/config"}, true},
		{"Package x.\n\nMay import: no other gust package.\n", nil, true},
		{"Package x.\n\nMay import: gust.\n", []string{"gust"}, true},
		{"Package x imports what it may.\n", nil, false},
	}
	for _, tt := range tests {
		got, ok := parseLine(tt.doc)
		if ok != tt.ok || !slices.Equal(got, tt.want) {
			t.Errorf("parseLine(%q) = %q, %v; want %q, %v", tt.doc, got, ok, tt.want, tt.ok)
		}
	}
}
