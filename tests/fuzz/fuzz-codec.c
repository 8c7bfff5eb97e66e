/*
 * fuzz-codec.c: a libFuzzer target for the character set decoders and
 * encoders (codec.c). The first byte chooses the set (and bit 7 the
 * direction), the rest is the stream. Received text must come out as
 * valid UTF-8, and a stream cut anywhere (at every byte position for a
 * short input, one byte at a time, in chunks the second byte seeds) must
 * convert to exactly what it does whole: codec.c promises that a sequence
 * split between two reads is put together.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "fuzz.h"

#define FUZZ_CUT_ALL	128	/* inputs up to this are cut everywhere */

static const char *fuzz_sets[] = {
	"SJIS", "EUC-JP", "JIS", "ISO8859-1", "ISO8859-7", "Windows-1251",
	"KOI8-R", "KS5601", "GB2312", "BIG5", "CP437", "CP1252", "CP874",
	"UTF-8"
};
#define FUZZ_NSETS	(sizeof fuzz_sets / sizeof fuzz_sets[0])

/* Convert s in pieces: cuts[] are the lengths, the rest goes last. */
static void
fuzz_convert(struct codec *c, const char *s, size_t len, const size_t *cuts,
    u_int ncuts, struct buf *o)
{
	const char	*out;
	size_t		 n, olen;
	u_int		 i;

	codec_reset(c);
	o->len = 0;
	for (i = 0; i <= ncuts && len > 0; i++) {
		n = i < ncuts && cuts[i] < len ? cuts[i] : len;
		out = codec_convert(c, s, n, &olen);
		FUZZ_CHECK(out != NULL);
		buf_add(o, out, olen);
		s += n;
		len -= n;
	}
}

/* Strict UTF-8: no overlong forms, surrogates or code points past 10FFFF. */
static int
fuzz_utf8_valid(const u_char *s, size_t len)
{
	size_t		i = 0, n, k;
	uint32_t	cp, min;

	while (i < len) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if ((s[i] & 0xe0) == 0xc0) {
			n = 2;
			cp = s[i] & 0x1f;
			min = 0x80;
		} else if ((s[i] & 0xf0) == 0xe0) {
			n = 3;
			cp = s[i] & 0x0f;
			min = 0x800;
		} else if ((s[i] & 0xf8) == 0xf0) {
			n = 4;
			cp = s[i] & 0x07;
			min = 0x10000;
		} else
			return (0);
		if (len - i < n)
			return (0);
		for (k = 1; k < n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return (0);
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return (0);
		i += n;
	}
	return (1);
}

static void
fuzz_same(const struct buf *whole, const struct buf *part)
{
	FUZZ_CHECK(whole->len == part->len);
	if (whole->len > 0)
		FUZZ_CHECK(memcmp(whole->data, part->data, whole->len) == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct codec	*c = NULL;
	struct buf	 whole = { 0 }, part = { 0 };
	const char	*s, *end;
	char		*cause = NULL;
	size_t		 len, cuts[2], *many, endlen;
	u_int		 set, dir, seed, i, n;

	if (size < 2)
		return (0);
	set = data[0] % FUZZ_NSETS;
	dir = (data[0] & 0x80) ? CODEC_SEND : CODEC_RECV;
	seed = data[1];
	s = (const char *)data + 2;
	len = size - 2;
	if (codec_new(&c, fuzz_sets[set], dir, &cause) != 0)
		abort();
	if (c == NULL)
		return (0);	/* UTF-8: nothing to convert */
	FUZZ_CHECK(strcmp(codec_name(c), fuzz_sets[set]) == 0);

	fuzz_convert(c, s, len, NULL, 0, &whole);
	if (dir == CODEC_RECV)
		FUZZ_CHECK(fuzz_utf8_valid((u_char *)whole.data, whole.len));
	else {
		end = codec_send_end(c, &endlen);
		FUZZ_CHECK(end != NULL);
	}

	/* Two pieces, cut at each position. */
	for (i = 1; len <= FUZZ_CUT_ALL && i < len; i++) {
		cuts[0] = i;
		fuzz_convert(c, s, len, cuts, 1, &part);
		fuzz_same(&whole, &part);
	}
	/* One byte at a time, then pieces of 1 to 8 bytes. */
	many = xcalloc(len + 1, sizeof *many);
	for (i = 0; i < len; i++)
		many[i] = 1;
	fuzz_convert(c, s, len, many, len, &part);
	fuzz_same(&whole, &part);
	for (i = 0, n = 0; i < len; i++, n++) {
		seed = seed * 1103515245 + 12345;
		many[n] = 1 + (seed >> 16) % 8;
	}
	fuzz_convert(c, s, len, many, n, &part);
	fuzz_same(&whole, &part);

	free(many);
	buf_free(&whole);
	buf_free(&part);
	codec_free(c);
	return (0);
}
