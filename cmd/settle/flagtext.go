package main

import (
	"flag"
	"fmt"
	"io"
	"regexp"
)

// The flag package speaks English: its list of flags and its parse errors
// are written here again in Chinese (issue 8 item 7). Flag names stay as
// they are.

// printFlags lists the flags of fs as PrintDefaults does, with the value
// placeholder of each usage text (`DIR`) or its kind in Chinese, and the
// default in Chinese.
func printFlags(w io.Writer, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		name, usage := flag.UnquoteUsage(f)
		if kind, ok := flagKinds[name]; ok {
			name = kind
		}
		line := "  -" + f.Name
		if name != "" {
			line += " " + name
		}
		line += "\n    \t" + usage
		if f.DefValue != "" && f.DefValue != "0" && f.DefValue != "false" {
			line += fmt.Sprintf("（默认 %s）", f.DefValue)
		}
		fmt.Fprintln(w, line)
	})
}

// flagKinds names the kinds flag.UnquoteUsage gives a flag whose usage
// text has no `PLACEHOLDER`.
var flagKinds = map[string]string{"string": "文本", "int": "整数", "int64": "整数", "uint": "整数", "float": "数值", "duration": "时长", "value": "值"}

// flagMessages are the flag package's parse errors in Chinese.
var flagMessages = []struct {
	re   *regexp.Regexp
	text string
}{
	{regexp.MustCompile(`^flag provided but not defined: (-+\S*)$`), "没有参数 $1"},
	{regexp.MustCompile(`^flag needs an argument: (-+\S*)$`), "参数 $1 需要一个值"},
	{regexp.MustCompile(`^bad flag syntax: (.*)$`), "参数写法有误：$1"},
	{regexp.MustCompile(`^invalid boolean value (".*") for (-+\S*): .*$`), "参数 $2 的值 $1 无效（应为 true 或 false）"},
	{regexp.MustCompile(`^invalid value (".*") for flag (-+\S*): value out of range$`), "参数 $2 的值 $1 超出范围"},
	{regexp.MustCompile(`^invalid value (".*") for flag (-+\S*): .*$`), "参数 $2 的值 $1 无效"},
}

// flagError is err, an error of flag.FlagSet.Parse, in Chinese; a message
// it does not know is kept as it is. The text is only shown: callers test
// errors with errors.Is (errUsage).
func flagError(err error) string {
	s := err.Error()
	for _, m := range flagMessages {
		if m.re.MatchString(s) {
			return m.re.ReplaceAllString(s, m.text)
		}
	}
	return s
}
