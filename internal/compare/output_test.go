package compare_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gustload/gust/internal/compare"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (go test -update writes it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// fixture compares a slower /delay, an unchanged /other with more
// failures, and endpoints found in one run only.
func fixture() *compare.Result {
	d1, d2 := target(1, 5, 3000), target(2, 6, 3000)
	o1, o2 := target(3, 2, 3000), target(4, 2, 3000)
	o1.Name, o2.Name = "/other", "/other"
	o1.Failures, o2.Failures = 3, 90
	gone, added := target(5, 1, 10), target(6, 1, 10)
	gone.Name, added.Name = "/gone", "/new"
	return compare.Compare(run("base.json", d1, o1, gone), run("cur.json", d2, o2, added), compare.Options{Tolerance: 0.05})
}

func TestOutputsGolden(t *testing.T) {
	res := fixture()
	var table, js, page bytes.Buffer
	if err := compare.WriteTable(&table, res); err != nil {
		t.Fatal(err)
	}
	golden(t, "table", table.Bytes())
	if err := compare.WriteJSON(&js, res); err != nil {
		t.Fatal(err)
	}
	golden(t, "json", js.Bytes())
	if err := compare.WriteHTML(&page, res); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<tr class="regressed">`, `<td>GET /delay</td>`, `<tr class="regressed total">`, "<code>GET /gone</code>", "REGRESSED"} {
		if !strings.Contains(page.String(), want) {
			t.Errorf("the HTML page lacks %q", want)
		}
	}
}
