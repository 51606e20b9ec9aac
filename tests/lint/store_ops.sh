#!/bin/sh
# store_ops.sh SRC_LIB - the runtime seam is complete: every st__store_X
# declared in store.h, store_docs.h or store_ehc.h that takes a store has
# its function type and slot in store_ops.h, its dispatch in store.c and
# the SQLite backend's entry in sqlite/ops.h and sqlite/ops.c; and nothing
# is left there that the headers no longer declare. (A missing slot or
# entry would be a NULL pointer called at run time: the compiler checks
# the types, not that every slot is filled.)
set -eu
lib=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# declarations start a line: "int st__store_X(struct store *s" (or const)
grep -hoE '^(int|void|int64_t) st__store_[a-z0-9_]+\((const )?struct store \*s\b' \
	"$lib/store.h" "$lib/store_docs.h" "$lib/store_ehc.h" |
	sed -E 's/.*st__store_([a-z0-9_]+)\(.*/\1/' | sort >"$tmp/declared"
[ -s "$tmp/declared" ] || { echo "FAIL: no st__store_ declarations read under $lib"; exit 1; }
echo open >>"$tmp/declared"
sort -o "$tmp/declared" "$tmp/declared"
list() {  # name of the list, then a file and an extended regex with the name as \1
	grep -oE "$3" "$2" | sed -E "s/$3/\\1/" | sort >"$tmp/$1"
}
list types "$lib/store_ops.h" '^typedef [a-z0-9_]+ store_([a-z0-9_]+)_fn\('
list slots "$lib/store_ops.h" '^	store_([a-z0-9_]+)_fn \*[a-z0-9_]+;'
list slotnames "$lib/store_ops.h" '^	store_[a-z0-9_]+_fn \*([a-z0-9_]+);'
grep -oE '^(int|void|int64_t) st__store_[a-z0-9_]+\(' "$lib/store.c" |
	sed -E 's/.*st__store_([a-z0-9_]+)\(/\1/' | grep -vx open | sort >"$tmp/dispatch"
grep -vx open "$tmp/declared" >"$tmp/declared_noopen"
list decls "$lib/sqlite/ops.h" '^store_([a-z0-9_]+)_fn sqlst_[a-z0-9_]+;'
list entries "$lib/sqlite/ops.c" '^	\.([a-z0-9_]+) = sqlst_[a-z0-9_]+,'
bad=0
same() {  # what, expected file, found file
	if ! cmp -s "$2" "$3"; then
		echo "FAIL: $1 (< declared only, > $1 only):"
		diff "$2" "$3" | grep '^[<>]' || true
		bad=1
	fi
}
same "function types in store_ops.h" "$tmp/declared" "$tmp/types"
same "slots in struct store_ops" "$tmp/declared" "$tmp/slots"
same "slot names in struct store_ops" "$tmp/declared" "$tmp/slotnames"
same "dispatch functions in store.c" "$tmp/declared_noopen" "$tmp/dispatch"
same "SQLite declarations in sqlite/ops.h" "$tmp/declared" "$tmp/decls"
same "SQLite entries in sqlite/ops.c" "$tmp/declared" "$tmp/entries"
# each entry names its own function: .X = sqlst_X
if grep -E '^	\.[a-z0-9_]+ = sqlst_' "$lib/sqlite/ops.c" |
	grep -vE '^	\.([a-z0-9_]+) = sqlst_\1,$'; then
	echo "FAIL: an entry of sqlite/ops.c names another slot's function"
	bad=1
fi
echo "$(wc -l <"$tmp/declared") store functions checked"
exit $bad
