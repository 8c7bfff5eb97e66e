/*
 * fuzz-socks.c: a libFuzzer target for the SOCKS messages of dynamic
 * forwarding (socks.c), read as forward-socks.c reads a client: into a
 * buffer of SOCKS_MSG_MAX bytes, parsed after each read, answered, until
 * a request or a refusal. The first byte says how many of the next bytes
 * are the sizes of the reads (none: one byte at a time); the rest is what
 * the client sends. Read in those pieces or all at once, the client gets
 * the same answers and the same request, and the same bytes are left for
 * its stream; a full buffer is never still "not whole"; a request names a
 * printable host and a port, and every answer has SOCKS's length.
 */
#include "config.h"

#include <sys/socket.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "fuzz.h"

/* What one client's handshake came to. */
struct fuzz_run {
	int	results[4];
	u_int	n;
	char	host[SOCKS_HOST_MAX + 1];
	u_int	port;
	size_t	left;		/* bytes for the stream after the request */
	u_char	out[4][32];	/* the answers */
	size_t	outlen[4];
};

/* Whether a parse's answer has a length SOCKS allows. */
static int FUZZ_NOCOV
fuzz_socks_out_ok(const struct socks *s, int r)
{
	if (r == SOCKS_ANSWER)
		return (s->outlen == 2);
	if (r == SOCKS_REFUSE)
		return (s->outlen == 0 || s->outlen == 2 || s->outlen == 8 ||
		    s->outlen == 10);
	return (s->outlen == 0);
}

/* A request's host and port are what a channel can take. */
static void FUZZ_NOCOV
fuzz_socks_request_ok(struct socks *s)
{
	static const u_char addr[16] = { 127, 0, 0, 1 };
	size_t	i, len = strlen(s->host);

	FUZZ_CHECK(len > 0 && len <= SOCKS_HOST_MAX);
	for (i = 0; i < len; i++)
		FUZZ_CHECK(s->host[i] > ' ' && s->host[i] < 0x7f);
	FUZZ_CHECK(s->port >= 1 && s->port <= 65535);
	FUZZ_CHECK(s->version == 4 || s->version == 5);
	socks_reply(s, SOCKS_OK, AF_INET, addr, 1080);
	FUZZ_CHECK(s->outlen == (s->version == 4 ? 8u : 10u));
	socks_reply(s, SOCKS_OK, AF_INET6, addr, 1080);
	FUZZ_CHECK(s->outlen == (s->version == 4 ? 8u : 22u));
	socks_reply(s, SOCKS_REFUSED, AF_UNSPEC, NULL, 0);
	FUZZ_CHECK(s->outlen == (s->version == 4 ? 8u : 10u));
	FUZZ_CHECK(s->out[1] != 0 && s->out[1] != 90);
}

/* Read data (size bytes) in pieces of the sizes in cuts (NULL: as much
 * as fits each time), as forward-socks.c does. */
static void
fuzz_socks_run(const uint8_t *data, size_t size, const uint8_t *cuts,
    size_t ncuts, struct fuzz_run *run)
{
	struct socks	s;
	u_char		in[SOCKS_MSG_MAX];
	size_t		inlen = 0, off = 0, used, take, piece, k = 0;
	int		r;

	memset(&s, 0, sizeof s);
	memset(run, 0, sizeof *run);
	for (;;) {
		r = socks_parse(&s, in, inlen, &used);
		FUZZ_CHECK(fuzz_socks_out_ok(&s, r));
		if (r == SOCKS_NEED) {
			FUZZ_CHECK(used == 0 && inlen < sizeof in);
			if (off == size)
				return;		/* the client stopped */
			take = sizeof in - inlen;
			if (cuts != NULL) {
				piece = ncuts == 0 ? 1 : 1u + cuts[k++ % ncuts];
				if (take > piece)
					take = piece;
			}
			if (take > size - off)
				take = size - off;
			memcpy(in + inlen, data + off, take);
			inlen += take;
			off += take;
			continue;
		}
		FUZZ_CHECK(used <= inlen);
		FUZZ_CHECK(run->n < 4);
		run->results[run->n] = r;
		memcpy(run->out[run->n], s.out, s.outlen);
		run->outlen[run->n++] = s.outlen;
		memmove(in, in + used, inlen - used);
		inlen -= used;
		if (r == SOCKS_ANSWER)
			continue;
		if (r == SOCKS_CONNECT) {
			snprintf(run->host, sizeof run->host, "%s", s.host);
			run->port = s.port;
			run->left = inlen + size - off;
			fuzz_socks_request_ok(&s);
		}
		return;
	}
}

static void FUZZ_NOCOV
fuzz_socks_same(const struct fuzz_run *a, const struct fuzz_run *b)
{
	u_int	i;

	FUZZ_CHECK(a->n == b->n);
	for (i = 0; i < a->n; i++) {
		FUZZ_CHECK(a->results[i] == b->results[i]);
		FUZZ_CHECK(a->outlen[i] == b->outlen[i]);
		FUZZ_CHECK(memcmp(a->out[i], b->out[i], a->outlen[i]) == 0);
	}
	FUZZ_CHECK(strcmp(a->host, b->host) == 0);
	FUZZ_CHECK(a->port == b->port && a->left == b->left);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_run	 whole, pieces;
	size_t		 ncuts;
	char		*text;
	int		 code;

	if (size < 1)
		return (0);
	ncuts = data[0] & 0x0f;
	if (ncuts > size - 1)
		ncuts = size - 1;
	fuzz_socks_run(data + 1 + ncuts, size - 1 - ncuts, NULL, 0, &whole);
	fuzz_socks_run(data + 1 + ncuts, size - 1 - ncuts, data + 1, ncuts,
	    &pieces);
	fuzz_socks_same(&whole, &pieces);
	/* A server's words for a failed channel give one of SOCKS's codes. */
	text = fuzz_string(data, size);
	code = socks_code(text);
	FUZZ_CHECK(code >= SOCKS_FAILURE && code <= SOCKS_REFUSED);
	free(text);
	return (0);
}
