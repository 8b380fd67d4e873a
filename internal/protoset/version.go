package protoset

import (
	"regexp"
	"strings"
)

// unstableVersion matches unstable version components.
var unstableVersion = regexp.MustCompile(`^v[0-9]+(test.*|(alpha|beta)[0-9]*|p[0-9]+(alpha|beta)[0-9]*)$`)

// LastComponent is the last dot-separated component of a package or a
// fully qualified name.
func LastComponent(pkg string) string {
	if i := strings.LastIndexByte(pkg, '.'); i >= 0 {
		return pkg[i+1:]
	}
	return pkg
}

// IsUnstablePackage reports whether pkg's last component is an unstable
// version (v1alpha1, v1beta1, v1test…).
func IsUnstablePackage(pkg string) bool { return unstableVersion.MatchString(LastComponent(pkg)) }
