/*
 * base64.c: base64 (RFC 4648, with '=' padding) for OSC 52's clipboard,
 * key blobs and Tera Term's password lines. Here rather than libcrypto's,
 * which tterm opens only when it needs its ciphers (dynlib.c).
 */
#include "config.h"

#include <sys/types.h>

#include <limits.h>
#include <string.h>

#include "tterm.h"

static const char b64_alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/*
 * len bytes of in as base64 into out, which takes 4 * ((len + 2) / 3) + 1
 * bytes: the text, then a NUL. Returns the length of the text.
 */
size_t
base64_encode(char *out, const void *in, size_t len)
{
	const u_char	*p = in;
	char		*o = out;
	u_int		 v;

	for (; len >= 3; p += 3, len -= 3) {
		v = (u_int)p[0] << 16 | (u_int)p[1] << 8 | p[2];
		*o++ = b64_alphabet[v >> 18];
		*o++ = b64_alphabet[(v >> 12) & 0x3f];
		*o++ = b64_alphabet[(v >> 6) & 0x3f];
		*o++ = b64_alphabet[v & 0x3f];
	}
	if (len > 0) {
		v = (u_int)p[0] << 16 | (len == 2 ? (u_int)p[1] << 8 : 0);
		*o++ = b64_alphabet[v >> 18];
		*o++ = b64_alphabet[(v >> 12) & 0x3f];
		*o++ = len == 2 ? b64_alphabet[(v >> 6) & 0x3f] : '=';
		*o++ = '=';
	}
	*o = '\0';
	return (o - out);
}

/* A character's six bits; '=' is zero bits; -1 for anything else. */
static int
base64_value(char ch)
{
	const char	*at;

	if (ch == '=')
		return (0);
	if (ch == '\0' || (at = strchr(b64_alphabet, ch)) == NULL)
		return (-1);
	return (at - b64_alphabet);
}

/*
 * len characters of base64 into out (3 bytes for every 4 characters):
 * the bytes written, the padding counted as zero bytes (the caller takes
 * off one for each '=' at the end), or -1 if len is no multiple of 4 or a
 * character is not base64.
 */
int
base64_decode(u_char *out, const char *in, size_t len)
{
	size_t	i, j;
	u_int	v;
	int	b;

	if (len % 4 != 0 || len / 4 * 3 > INT_MAX)
		return (-1);
	for (i = 0; i < len; i += 4) {
		v = 0;
		for (j = 0; j < 4; j++) {
			if ((b = base64_value(in[i + j])) < 0)
				return (-1);
			v = v << 6 | (u_int)b;
		}
		*out++ = v >> 16;
		*out++ = (v >> 8) & 0xff;
		*out++ = v & 0xff;
	}
	return ((int)(len / 4 * 3));
}
