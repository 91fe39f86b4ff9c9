package snippet

import "testing"

func TestShown(t *testing.T) {
	tests := []struct {
		name, content, want string
		hid                 bool
	}{
		{"none", "package main\nfunc main() {}\n", "package main\nfunc main() {}\n", false},
		{"go", "// pipedocs:hide\npackage main\n\nimport \"fmt\"\n// pipedocs:show\nfunc main() { fmt.Println() }\n", "func main() { fmt.Println() }\n", true},
		{"python, indented", "def f():\n    # pipedocs:hide\n    import os\n    #pipedocs:show\n    return 1\n", "def f():\n    return 1\n", true},
		{"sh, to the end", "echo shown\n# pipedocs:hide\nrm -f tmp\n", "echo shown\n", true},
		{"two regions", "#pipedocs:hide\na\n# pipedocs:show\nb\n# pipedocs:hide\nc\n# pipedocs:show\nd\n", "b\nd\n", true},
		{"all hidden", "# pipedocs:hide\na\n", "", true},
		{"not alone on its line", "x = 1 # pipedocs:hide\ny\n", "x = 1 # pipedocs:hide\ny\n", false},
		{"a show without a hide is shown", "a\n// pipedocs:show\nb\n", "a\n// pipedocs:show\nb\n", false},
		{"in a string", "s = \"pipedocs:hide\"\n", "s = \"pipedocs:hide\"\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, hid := Shown([]byte(tt.content))
			if string(got) != tt.want || hid != tt.hid {
				t.Errorf("Shown(%q) = %q, %v; want %q, %v", tt.content, got, hid, tt.want, tt.hid)
			}
			again, _ := Shown(got)
			if string(again) != string(got) {
				t.Errorf("Shown of the shown text changed it: %q", again)
			}
		})
	}
}
