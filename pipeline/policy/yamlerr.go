package policy

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"go.yaml.in/yaml/v3"
)

// yamlMessages put the yaml package's messages about a key or value
// (unknown key, key given twice, value of the wrong kind) in Chinese,
// keeping the line and the key; any other message is kept as it is. The
// text is only shown, never tested by callers.
var yamlMessages = []struct {
	re   *regexp.Regexp
	text string
}{
	{regexp.MustCompile(`^line (\d+): field (\S+) not found in type \S+$`), "第 $1 行：未知的键 $2"},
	{regexp.MustCompile(`^line (\d+): field (\S+) already set in type \S+$`), "第 $1 行：键 $2 重复"},
	{regexp.MustCompile(`^line (\d+): mapping key (.+) already defined at line (\d+)$`), "第 $1 行：键 $2 与第 $3 行重复"},
	{regexp.MustCompile(`^line (\d+): cannot unmarshal (.+) into (\S+)$`), "第 $1 行：值 $2 的类型不符（应为 $3）"},
}

// yamlError says in Chinese why a policy file could not be decoded.
func yamlError(err error) error {
	var te *yaml.TypeError
	if !errors.As(err, &te) {
		return fmt.Errorf("不是有效的 YAML（%w）", err)
	}
	msgs := make([]string, len(te.Errors))
	for i, m := range te.Errors {
		msgs[i] = m
		for _, ym := range yamlMessages {
			if ym.re.MatchString(m) {
				msgs[i] = ym.re.ReplaceAllString(m, ym.text)
				break
			}
		}
	}
	return errors.New(strings.Join(msgs, "；"))
}
