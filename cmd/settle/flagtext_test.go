package main

import (
	"strings"
	"testing"
)

// TestFlagErrorsInChinese: a command line the flag package refuses is
// reported once, in Chinese, naming the flag, with exit code 2; the help
// lists the flags with their placeholders and defaults in Chinese.
func TestFlagErrorsInChinese(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"unknown flag", []string{"run", "--bogus"}, "settle run: 没有参数 -bogus\n"},
		{"flag without its value", []string{"check", "--year"}, "settle check: 参数 -year 需要一个值\n"},
		{"not a number", []string{"run", "--year", "abc"}, "settle run: 参数 -year 的值 \"abc\" 无效\n"},
		{"number out of range", []string{"gen", "--seed", "99999999999999999999"}, "settle gen: 参数 -seed 的值 \"99999999999999999999\" 超出范围\n"},
		{"not a boolean", []string{"run", "--force=maybe"}, "settle run: 参数 -force 的值 \"maybe\" 无效（应为 true 或 false）\n"},
		{"bad syntax", []string{"run", "---x"}, "settle run: 参数写法有误：---x\n"},
		{"argument left over", []string{"check", "--year", "2025", "extra"}, "settle check: 多余的参数 \"extra\"\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := run(t, tc.args...)
			if code != exitUsage {
				t.Fatalf("exit %d, want %d: %s", code, exitUsage, stderr)
			}
			if !strings.HasSuffix(stderr, tc.want) {
				t.Errorf("stderr ends\n%q\nwant\n%q", stderr[max(0, len(stderr)-len(tc.want)-40):], tc.want)
			}
			if strings.Contains(stderr, "flag") || strings.Contains(stderr, "invalid") {
				t.Errorf("stderr holds the flag package's English:\n%s", stderr)
			}
		})
	}
}

func TestFlagHelpInChinese(t *testing.T) {
	code, _, stderr := run(t, "gen", "--help")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"用法：settle gen", "  -out DIR\n", "  -seed N\n", "（默认 1）", "  -year Y\n"} {
		if !strings.Contains(stderr, want) {
			t.Errorf("help lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "default") || strings.Contains(stderr, " string") || strings.Contains(stderr, " int") {
		t.Errorf("help holds the flag package's English:\n%s", stderr)
	}
}
