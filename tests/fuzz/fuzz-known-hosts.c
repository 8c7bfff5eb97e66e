/*
 * fuzz-known-hosts.c: a libFuzzer target for finding a host's line in a
 * known_hosts file (ssh-hostkey.c, with libssh's line parser under it).
 * The first line of the input is the host as tterm looks it up ("db1" or
 * "[db1]:2222"), the rest the file. A line found must exist and have its
 * key described; so must a line with a marker (@revoked, @cert-authority:
 * libssh skips them, tterm reads them), and the two are never the same.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "fuzz.h"

static const char *markers[] = { "@revoked", "@cert-authority" };

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*text, *next, *end, *host, *desc = NULL, *copy;
	u_int	 no, marked, lines = 0, m;
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
	/* The search cuts the text into lines: each gets its own copy. */
	for (m = 0; m < sizeof markers / sizeof markers[0]; m++) {
		copy = fuzz_string((const uint8_t *)next, len);
		marked = hostkey_marked_text(copy, len, host, markers[m], NULL,
		    &desc);
		FUZZ_CHECK(marked <= lines + 1);
		FUZZ_CHECK((marked != 0) == (desc != NULL));
		free(desc);
		desc = NULL;
		free(copy);
		if (marked == 0)
			continue;
		copy = fuzz_string((const uint8_t *)next, len);
		no = hostkey_find_text(copy, len, host, &desc);
		FUZZ_CHECK(no != marked);
		free(desc);
		desc = NULL;
		free(copy);
	}
	no = hostkey_find_text(next, len, host, &desc);
	FUZZ_CHECK(no <= lines + 1);
	FUZZ_CHECK((no != 0) == (desc != NULL));
	free(desc);
	free(text);
	return (0);
}
