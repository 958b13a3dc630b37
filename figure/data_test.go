package figure

import (
	"bytes"
	"encoding/gob"
	"fmt"
	"reflect"
	"testing"
)

// fillStrings sets every string field of d, and of its variants, to a value
// of its own.
func fillStrings(d *Data, prefix string) {
	v := reflect.ValueOf(d).Elem()
	for i := range v.NumField() {
		if f := v.Field(i); f.Kind() == reflect.String {
			f.SetString(fmt.Sprintf("%s.%s", prefix, v.Type().Field(i).Name))
		}
	}
}

// TestDataBlobs splits a figure with variants into the gob a cache folder
// writes and the strings beside it, and joins them again: nothing is lost,
// the figure split is unchanged, and no SVG or JSON is left in the gob.
func TestDataBlobs(t *testing.T) {
	t.Parallel()
	d := &Data{Runs: []Row{{Label: "gd"}}, Variants: []*Data{{}, {}}}
	fillStrings(d, "d")
	for i, v := range d.Variants {
		fillStrings(v, fmt.Sprint("v", i))
	}
	var want bytes.Buffer
	if err := gob.NewEncoder(&want).Encode(d); err != nil {
		t.Fatal(err)
	}

	rest, blobs := d.SplitBlobs()
	var after bytes.Buffer
	gob.NewEncoder(&after).Encode(d)
	if !bytes.Equal(after.Bytes(), want.Bytes()) {
		t.Error("SplitBlobs changed the figure")
	}
	for _, r := range append([]*Data{rest}, rest.Variants...) {
		if r.Main != "" || r.Loss != "" || r.DataPlot != "" || r.Surface != "" || r.JSON != "" {
			t.Errorf("%s: an SVG or the JSON is left in the gob", r.ID)
		}
	}
	var enc bytes.Buffer
	if err := gob.NewEncoder(&enc).Encode(rest); err != nil {
		t.Fatal(err)
	}
	var got *Data
	if err := gob.NewDecoder(&enc).Decode(&got); err != nil {
		t.Fatal(err)
	}
	if !got.JoinBlobs(blobs) {
		t.Fatal("JoinBlobs: false")
	}
	if !reflect.DeepEqual(got, d) {
		t.Errorf("joined:\n%+v\nwant\n%+v", got, d)
	}
	if got.JoinBlobs(blobs[1:]) || got.JoinBlobs(append(blobs, "")) {
		t.Error("JoinBlobs took the wrong number of strings")
	}
}

// TestDataBlobsNilVariant: a nil variant, which gob refuses, is left in the
// copy for gob to refuse, as it did before figures were split.
func TestDataBlobsNilVariant(t *testing.T) {
	t.Parallel()
	d := &Data{ID: "a", Main: "<svg/>", Variants: []*Data{{ID: "b", JSON: "{}"}, nil}}
	rest, blobs := d.SplitBlobs()
	if len(rest.Variants) != 2 || rest.Variants[1] != nil || len(blobs) != 10 {
		t.Fatalf("split: %d variants, %d blobs", len(rest.Variants), len(blobs))
	}
	if err := gob.NewEncoder(new(bytes.Buffer)).Encode(rest); err == nil {
		t.Error("gob encoded a nil variant")
	}
	if rest, blobs := (*Data)(nil).SplitBlobs(); rest != nil || blobs != nil {
		t.Errorf("a nil figure split into %v, %v", rest, blobs)
	}
}
