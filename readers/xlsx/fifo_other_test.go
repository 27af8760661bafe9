//go:build !unix

package xlsx

import "errors"

func mkfifo(string) error { return errors.ErrUnsupported }
