/*
 * fuzz-ssh-cert.c: a libFuzzer target for telling whether a certificate
 * is for a key (ssh-auth.c), from their blobs in base64 as libssh exports
 * them. The first byte picks the form: odd, the rest is the two texts as
 * they are, split at the first newline; even, the next two bytes give the
 * certificate blob's length, the bytes after are the two blobs, and they
 * are put in base64 first. A key is never its own certificate.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "fuzz.h"

/* bytes as base64, NUL-terminated */
static char *
fuzz_base64(const char *p, size_t len)
{
	char	*s;

	if ((s = malloc(4 * ((len + 2) / 3) + 1)) == NULL)
		abort();
	base64_encode(s, p, len);
	return (s);
}

static FUZZ_NOCOV void
fuzz_check(const char *cert, const char *key)
{
	FUZZ_CHECK(!sshauth_cert_matches(cert, cert));
	FUZZ_CHECK(!sshauth_cert_matches(key, key));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in	 in = { data, size };
	const char	*p;
	char		*text, *nl, *cert, *key;
	size_t		 clen, got;

	if (fuzz_byte(&in) & 1) {
		text = fuzz_string(in.p, in.left);
		if ((nl = strchr(text, '\n')) != NULL)
			*nl++ = '\0';
		sshauth_cert_matches(text, nl != NULL ? nl : "");
		fuzz_check(text, nl != NULL ? nl : "");
		free(text);
		return (0);
	}
	clen = fuzz_byte(&in) << 8;
	clen |= fuzz_byte(&in);
	p = fuzz_take(&in, clen, &got);
	cert = fuzz_base64(p, got);
	p = fuzz_take(&in, in.left, &got);
	key = fuzz_base64(p, got);
	sshauth_cert_matches(cert, key);
	fuzz_check(cert, key);
	free(cert);
	free(key);
	return (0);
}
