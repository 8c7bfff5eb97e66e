/*
 * fuzz-ssh-config.c: a libFuzzer target for tterm's reading of the SSH
 * configuration (route.c): the ProxyJump lookup in an ssh_config and the
 * jump host lists of -J and ProxyJump, and DynamicForward. The first line
 * of the input is the host looked up, the second a -J list, the rest an
 * ssh_config. Both lists are split and each hop parsed as route.c does; a
 * hop that parses must be a usable destination. DynamicForward's values
 * are D entries of DefaultForwarding, one per value.
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

/* "D...;D..." as forward.c splits it: each a D entry of one item. */
static void
fuzz_dynamic(const char *spec)
{
	struct fwd	*w;
	const char	*why;
	char		*copy = xstrdup(spec), *item, *save = NULL;

	FUZZ_CHECK(strpbrk(spec, "\n,") == NULL);
	for (item = strtok_r(copy, ";", &save); item != NULL;
	    item = strtok_r(NULL, ";", &save)) {
		FUZZ_CHECK(item[0] == 'D' && item[1] != '\0');
		if ((w = forward_spec_item('D', item + 1, &why)) == NULL)
			continue;
		FUZZ_CHECK(w->kind == 'D' && w->lport >= 1 &&
		    w->lport <= 65535 && w->host == NULL);
		free(w->listen);
		free(w->text);
		free(w);
	}
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*text, *next, *end, *host, *spec, *jump, *conf, *dyn;

	text = fuzz_string(data, size);
	next = text;
	end = text + size;
	if (!file_line(&next, end, &host) || !file_line(&next, end, &spec)) {
		free(text);
		return (0);
	}
	fuzz_jumps(spec);
	/* Each reading changes the text: a copy for the second. */
	conf = fuzz_string((const uint8_t *)next, end - next);
	dyn = route_config_dynamic_text(conf, end - next, host);
	if (dyn != NULL) {
		fuzz_dynamic(dyn);
		free(dyn);
	}
	free(conf);
	jump = route_config_text(next, end - next, host);
	if (jump != NULL) {
		FUZZ_CHECK(strchr(jump, '\n') == NULL);
		fuzz_jumps(jump);
		free(jump);
	}
	free(text);
	return (0);
}
