// Package testkit holds the builders that the tests of several packages
// share: hostile files (OLE compound files, zip bombs), folder trees read,
// copied and compared, and the pieces of the hand-built settled years.
//
// It exists only for tests: the product must not import it (a test of
// this package checks that no non-test file does). Helpers that can fail
// take a testing.TB and stop the test.
//
// It imports settle/pipeline, so pipeline's own tests cannot use it.
package testkit
