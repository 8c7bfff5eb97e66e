/*
 * fuzz-forward.c: a libFuzzer target for the forwarding entries of -L, -R,
 * DefaultForwarding and /ssh-L (forward-spec.c). The first byte says R or
 * D (or else L), the rest is one item. An item taken has its ports in range
 * and a host (none for D), and written back in ssh(1)'s syntax it reads the
 * same again.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "fuzz.h"

static void
fuzz_fwd_free(struct fwd *w)
{
	free(w->listen);
	free(w->host);
	free(w->text);
	free(w);
}

/*
 * An address as the syntax takes it back: brackets around one with colons
 * (the parser's fields end at a colon) or one that starts with '[' and has
 * no ']' (it would lose its '[' otherwise).
 */
static void
fuzz_fwd_addr(char **s, const char *a)
{
	if (strchr(a, ':') != NULL || (*a == '[' && strchr(a, ']') == NULL))
		xappendf(s, "[%s]:", a);
	else
		xappendf(s, "%s:", a);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fwd	*w, *w2;
	const char	*why = NULL;
	char		*item, *again = NULL;
	int		 kind;

	if (size < 1)
		return (0);
	kind = data[0] == 'R' || data[0] == 'D' ? data[0] : 'L';
	item = fuzz_string(data + 1, size - 1);
	if (strlen(item) != size - 1 || strchr(item, ',') != NULL) {
		free(item);	/* a NUL or a ',' never reaches one item */
		return (0);
	}
	if ((w = forward_spec_item(kind, item, &why)) == NULL) {
		FUZZ_CHECK(why != NULL);
		free(item);
		return (0);
	}
	FUZZ_CHECK(w->kind == kind && w->lport <= 65535);
	FUZZ_CHECK(kind == 'R' || w->lport >= 1);
	if (kind == 'D')
		FUZZ_CHECK(w->host == NULL && w->text != NULL);
	else {
		FUZZ_CHECK(w->host != NULL && *w->host != '\0');
		FUZZ_CHECK(w->hport >= 1 && w->hport <= 65535);
		FUZZ_CHECK(w->text != NULL && strstr(w->text, " -> ") != NULL);
	}
	if (w->listen != NULL)
		fuzz_fwd_addr(&again, *w->listen == '\0' ? "*" : w->listen);
	if (kind == 'D')
		xappendf(&again, "%u", w->lport);
	else {
		xappendf(&again, "%u:", w->lport);
		fuzz_fwd_addr(&again, w->host);
		xappendf(&again, "%u", w->hport);
	}
	w2 = forward_spec_item(kind, again, &why);
	FUZZ_CHECK(w2 != NULL);
	FUZZ_CHECK(w2->lport == w->lport && w2->hport == w->hport);
	FUZZ_CHECK((w2->host == NULL) == (w->host == NULL));
	if (w->host != NULL)
		FUZZ_CHECK(strcmp(w2->host, w->host) == 0);
	FUZZ_CHECK((w2->listen == NULL) == (w->listen == NULL));
	if (w->listen != NULL)
		FUZZ_CHECK(strcmp(w2->listen, w->listen) == 0);
	fuzz_fwd_free(w2);
	fuzz_fwd_free(w);
	free(again);
	free(item);
	return (0);
}
