/*
 * fuzz-ttl.c: a libFuzzer target for the TTL interpreter. The input up to
 * its first NUL is a macro; it is read (any encoding), run against a host
 * that answers everything at once and may not change files, and fed the
 * rest of the input as received text, a slice between runs. Nothing may
 * crash, leak or read out of bounds; a run gives the loop its turn after
 * its slice of statements, so no input hangs the target.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "ttl-int.h"
#include "fuzz.h"

static int
f_send(void *d, const char *b, size_t n, int fl)
{
	(void)d; (void)b; (void)n; (void)fl;
	return (0);
}

static int
f_connect(void *d, const char *line, char **cause)
{
	(void)d; (void)line; (void)cause;
	return (2);
}

static int
f_link(void *d)
{
	(void)d;
	return (2);
}

static void
f_void(void *d)
{
	(void)d;
}

static void
f_show(void *d, const char *b, size_t n)
{
	(void)d; (void)b; (void)n;
}

static char *
f_str(void *d)
{
	(void)d;
	return (xstrdup("fuzz"));
}

static void
f_title(void *d, const char *s)
{
	(void)d; (void)s;
}

/* A dialog is answered at once: "42", or cancelled for a choice. */
static void
f_ask(void *d, struct question *q)
{
	char	*v[] = { (char *)"42", NULL };

	(void)d;
	q->cb(q->arg, q->n > 0 ? '\r' : 'y', q->n > 0 ? v : NULL);
	question_free(q);
}

static void
f_clear(void *d, int n)
{
	(void)d; (void)n;
}

static int
f_zero(void *d)
{
	(void)d;
	return (0);
}

static int
f_serial(void *d, const char *w, int n)
{
	(void)d; (void)w; (void)n;
	return (0);
}

static const struct ttl_host fuzz_host = {
	f_send, f_connect, f_link, f_void, f_void, f_show, f_str, f_title,
	f_str, f_ask, f_void, f_clear, f_zero, f_serial, f_void, f_zero, NULL,
	NULL, NULL, f_void, NULL, NULL
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*text = (const char *)data, *nul, *rest;
	struct ttl_file	*f;
	struct ttl	*vm;
	size_t		 len, left, n;
	int		 i;

	nul = memchr(text, '\0', size);
	len = nul != NULL ? (size_t)(nul - text) : size;
	rest = nul != NULL ? nul + 1 : text + size;
	left = size - (rest - text);
	f = ttl_file_parse("/nonexistent/fuzz.ttl", text, len);
	vm = ttl_new(f, 1, (char *[]){ (char *)"arg", NULL }, &fuzz_host,
	    NULL);
	for (i = 0; i < 4; i++) {
		if (ttl_run(vm) >= TTL_DONE)
			break;
		n = left < 64 ? left : 64;
		ttl_feed(vm, rest, n);
		rest += n;
		left -= n;
		if (i == 2)
			ttl_event(vm, TTL_EVENT_DISCONNECT);
	}
	free(ttl_status(vm));
	ttl_free(vm);
	return (0);
}
