/*
 * fuzz-ssh-config.c: a libFuzzer target for tterm's reading of the SSH
 * configuration (route.c): the ProxyJump lookup in an ssh_config and the
 * jump host lists of -J and ProxyJump. The first line of the input is the
 * host looked up, the second a -J list, the rest an ssh_config. Both
 * lists are split and each hop parsed as route.c does; a hop that parses
 * must be a usable destination.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "fuzz.h"

/* Each hop of "[user@]host[:port],..." as route_jumps() takes it. */
static void
fuzz_jumps(const char *spec)
{
	struct sshdest	 d;
	char		*copy = xstrdup(spec), *item, *save = NULL;

	for (item = strtok_r(copy, ",", &save); item != NULL;
	    item = strtok_r(NULL, ",", &save)) {
		memset(&d, 0, sizeof d);
		if (route_parse_hop(item, &d) == 0) {
			FUZZ_CHECK(d.host != NULL && *d.host != '\0');
			FUZZ_CHECK(strpbrk(d.host, "/ \t@,") == NULL);
			FUZZ_CHECK(d.port <= 65535);
			FUZZ_CHECK(d.user == NULL || *d.user != '\0');
		}
		free(d.user);
		free(d.host);
	}
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*text, *next, *end, *host, *spec, *jump;

	text = fuzz_string(data, size);
	next = text;
	end = text + size;
	if (!file_line(&next, end, &host) || !file_line(&next, end, &spec)) {
		free(text);
		return (0);
	}
	fuzz_jumps(spec);
	jump = route_config_text(next, end - next, host);
	if (jump != NULL) {
		FUZZ_CHECK(strchr(jump, '\n') == NULL);
		fuzz_jumps(jump);
		free(jump);
	}
	free(text);
	return (0);
}
