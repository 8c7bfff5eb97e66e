/*
 * fuzz-profile.c: a libFuzzer target for the profile reader. Any bytes are
 * read as a TERATERM.INI (every encoding path), mapped, dumped and read
 * again, encoded for saving with a changed key, and each [Hosts] entry is
 * parsed as a command line. Nothing may crash, leak or read out of bounds.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct profile	*p, *q;
	struct ttcmd	 tc;
	char		*dump, *out;
	size_t		 len;
	u_int		 i;

	p = profile_parse("fuzz", (const char *)data, size, NULL);
	dump = profile_dump(p);
	q = profile_parse("fuzz", dump, strlen(dump), NULL);
	free(dump);
	profile_free(q);
	for (i = 0; i < p->nhosts; i++) {
		memset(&tc, 0, sizeof tc);
		tc.p = profile_copy(p);
		ttcmd_line(&tc, p->hosts[i]);
		profile_free(tc.p);
		ttcmd_clear(&tc);
	}
	ini_set(p->ini, "Tera Term", "BaudRate", "115200");
	ini_set(p->ini, "New Section", "Key", " spaced ");
	out = ini_encode(p->ini, &len);
	free(out);
	profile_free(p);
	return (0);
}
