//go:build !profile

package cli

// startProfile does nothing without the profile build tag; see profile.go.
func startProfile() (stop func()) { return func() {} }
