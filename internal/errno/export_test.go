//go:build linux

package errno

// GenericHint exposes the fallback hint to the external tests, which
// check that the errnos the commands declare never get it.
var GenericHint = genericHint
