#!/usr/bin/env bash
# gostd.sh — make the real-world corpus (the Go 1.19 standard library source
# tree, from Debian's golang-1.19-src and golang-go packages) available and
# print its location.
#
# stdout: exactly one line, the absolute path of $(go env GOROOT)/src.
# stderr: progress, apt-get output and errors.
# exit:   0 on success, non-zero with a message on stderr otherwise.
#
# The packages are installed with apt-get only when `go` is not on PATH or
# its source tree is missing. Installing needs root (or password-less sudo).
set -euo pipefail

readonly PACKAGES=(golang-1.19-src golang-go)
# Where golang-1.19-go puts its binaries, in case /usr/bin is not on PATH.
readonly DEBIAN_GO_BIN=/usr/lib/go-1.19/bin

log() { printf 'gostd.sh: %s\n' "$*" >&2; }
die() {
	printf 'gostd.sh: error: %s\n' "$*" >&2
	exit 1
}

# go_root prints GOROOT as reported by the go on PATH. It runs from / with
# GOTOOLCHAIN=local so that no go.mod in the caller's directory can make a
# newer go try to download a toolchain.
go_root() {
	(cd / && GOTOOLCHAIN=local GOFLAGS= go env GOROOT) 2>/dev/null
}

find_go() {
	if ! command -v go >/dev/null 2>&1 && [[ -x $DEBIAN_GO_BIN/go ]]; then
		PATH=$DEBIAN_GO_BIN:$PATH
		export PATH
	fi
	command -v go >/dev/null 2>&1
}

have_corpus() {
	local root
	find_go || return 1
	root=$(go_root) || return 1
	[[ -n $root && -f $root/src/go.mod ]]
}

install_packages() {
	local -a sudo=()
	if [[ $(id -u) -ne 0 ]]; then
		command -v sudo >/dev/null 2>&1 ||
			die "need root to install ${PACKAGES[*]} (not root and sudo is missing)"
		sudo=(sudo -n)
	fi
	command -v apt-get >/dev/null 2>&1 ||
		die "go or its source tree is missing and apt-get is not available to install ${PACKAGES[*]}"

	log "installing ${PACKAGES[*]} with apt-get"
	"${sudo[@]}" apt-get update >&2 ||
		die "apt-get update failed"
	"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y "${PACKAGES[@]}" >&2 ||
		die "apt-get install ${PACKAGES[*]} failed"
	hash -r
}

main() {
	if ! have_corpus; then
		install_packages
	fi

	find_go || die "go is still not on PATH after installing ${PACKAGES[*]}"
	local root
	root=$(go_root) || die "'go env GOROOT' failed"
	[[ -n $root ]] || die "'go env GOROOT' printed nothing"
	[[ $root == /* ]] || die "GOROOT is not an absolute path: $root"
	[[ -f $root/src/go.mod ]] ||
		die "no Go source tree: $root/src/go.mod does not exist (is golang-1.19-src installed for the go on PATH, $(command -v go)?)"

	printf '%s\n' "$root/src"
}

main "$@"
