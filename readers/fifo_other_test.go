//go:build !unix

package readers

import "errors"

func mkfifo(string) error { return errors.ErrUnsupported }
