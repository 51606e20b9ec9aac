# gen_pupils.awk - a synthetic MIS pupil export of `rows` rows with valid
# UPNs (awk -v rows=N -v seed=S -f gen_pupils.awk); shared by the crash test
# and bench/import_100k.sh's format.
BEGIN {
	letters = "ABCDEFGHJKLMNPQRTUVWXYZ"
	split("SPLD MLD SEMH SLCN ASD HI", needs, " ")
	srand(seed ? seed : 1)
	printf "UPN,Legal Surname,Legal Forename,DOB,NC Year Actual,Reg Group,SEN Provision,Primary Need,Secondary Need\r\n"
	for (i = 0; i < rows; i++) {
		rest = sprintf("999%04d24%03d", int(i / 1000), i % 1000)
		sum = 0
		for (p = 2; p <= 13; p++) sum += substr(rest, p - 1, 1) * p
		upn = substr(letters, sum % 23 + 1, 1) rest
		y = 1 + int(rand() * 11)
		r = rand(); sen = r < 0.5 ? "" : r < 0.83 ? "K" : "E"
		need = sen == "" ? "" : needs[1 + int(rand() * 6)]
		printf "%s,Surname%d,Forename%d,%02d/%02d/%d,Year %d,%dA,%s,%s,\r\n", upn, i, i,
			1 + int(rand() * 28), 1 + int(rand() * 12), 2020 - y, y, y, sen, need
	}
}
