# test_shm_full.sh - a nearly full filesystem with 1 KiB blocks (issue 11):
# SQLite extends its -shm file by writing one byte per 4 KiB page and then
# maps it; with 1 KiB blocks the rest of each page is a hole, and with 9 to
# 11 KiB free the first store into it killed `cycle review` with SIGBUS.
# sentrack now refuses (74, naming the -shm file) when the -shm region does
# not fit. Needs root and a loop device; skips visibly otherwise.
. "$(dirname "$0")/lib.sh"

MNT=$T_DIR/mnt
mkdir "$MNT"
if [ "$(id -u)" != 0 ] || ! command -v mkfs.ext4 >/dev/null ||
	! truncate -s 3M "$T_DIR/fs.img" || ! mkfs.ext4 -q -m 0 -b 1024 -F "$T_DIR/fs.img" ||
	! mount -o loop "$T_DIR/fs.img" "$MNT" 2>/dev/null; then
	echo "SKIP: cannot make and mount a loop filesystem here (needs root, e2fsprogs, a loop device)"
	done_testing
	exit
fi
trap 'umount "$MNT"; rm -rf "$T_DIR"' EXIT

# A demo database whose pupil 2 is ready for review (every outcome rated).
export SENTRACK_DB="$T_DIR/demo.db"
st demo
for o in $(sqlite3 "$SENTRACK_DB" "SELECT o.id FROM outcome o JOIN cycle c ON c.id = o.cycle_id
		WHERE c.pupil_id = 2 AND c.phase <> 'closed' AND o.rating IS NULL"); do
	must outcome rate "$o" achieved >/dev/null
done
# the -wal is kept between commands: fold it into the file before a plain cp
sqlite3 "$SENTRACK_DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null

avail() { df -B1K "$MNT" | awk 'NR == 2 {print $4}'; }

t "cycle review on a nearly full 1 KiB-block filesystem exits 0 or 74, never dies of SIGBUS"
mkdir -m 700 "$MNT/d"
for free in 0 2 4 8 9 10 11 12 16 24 30 34 36 40 48 64; do
	rm -f "$MNT/fill" "$MNT"/d/*
	cp "$SENTRACK_DB" "$MNT/d/s.db"
	sync
	dd if=/dev/zero of="$MNT/fill" bs=1K count=$(($(avail) - free)) 2>/dev/null
	sync
	SENTRACK_DB="$MNT/d/s.db" st cycle review 2 --decision continue --with parents
	case $STATUS in
	0 | 74) pass ;;
	*) fail "with $free KiB free: exit $STATUS" ;;
	esac
	if [ "$STATUS" = 74 ] && grep -q "no room" "$ERR"; then
		expect_err_has "no room for its shared-memory file $MNT/d/s.db-shm"
	fi
done

done_testing
