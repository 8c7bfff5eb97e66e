/*
 * fuzz-known-hosts.c: a libFuzzer target for finding a host's line in a
 * known_hosts file (ssh-hostkey.c, with libssh's line parser under it).
 * The first line of the input is the host as tterm looks it up ("db1" or
 * "[db1]:2222"), the rest the file. A line found must exist and have its
 * key described.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*text, *next, *end, *host, *desc = NULL;
	u_int	 no, lines = 0;
	size_t	 i, len;

	text = fuzz_string(data, size);
	next = text;
	end = text + size;
	if (!file_line(&next, end, &host)) {
		free(text);
		return (0);
	}
	len = end - next;
	for (i = 0; i < len; i++)
		lines += next[i] == '\n';
	no = hostkey_find_text(next, len, host, &desc);
	FUZZ_CHECK(no <= lines + 1);
	FUZZ_CHECK((no != 0) == (desc != NULL));
	free(desc);
	free(text);
	return (0);
}
