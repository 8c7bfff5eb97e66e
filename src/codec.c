/*
 * codec.c: character set conversion for one direction of a tab. A peer
 * that speaks Shift_JIS, EUC-JP, ISO-2022-JP or an 8-bit code page has its
 * bytes turned into UTF-8 before libvterm parses them, and what is typed
 * turned back, through iconv. A tab in UTF-8 has no codec at all, so the
 * common case costs nothing.
 *
 * ISO-2022-JP (Tera Term's JIS) is special: its ESC $ B and ESC ( B are
 * part of the text encoding, but the same stream carries the terminal's
 * own escape sequences, and iconv would read the parameters of a CSI sent
 * while in kanji mode as kanji. So on receive the escape sequences are
 * sorted by hand: the four designations iconv knows go to iconv, the rest
 * pass to libvterm untouched while iconv keeps its state.
 */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tterm.h"

#define CODEC_PEND	8	/* longest incomplete sequence kept, plus one */

/*
 * Tera Term 5's names (exact, its spelling first) and the iconv name each
 * means; then names Tera Term 4 and Windows also used. Tera Term's SJIS is
 * Windows code page 932 (NEC and IBM extensions), not strict Shift_JIS.
 */
static const struct codec_charset {
	const char	*name;
	const char	*canonical;	/* what the name means, Tera Term's way */
	const char	*iconv;		/* NULL for UTF-8: nothing to convert */
} codec_charsets[] = {
	{ "UTF-8", "UTF-8", NULL },
	{ "SJIS", "SJIS", "CP932" },
	{ "EUC-JP", "EUC-JP", "EUC-JP" },
	{ "EUC", "EUC-JP", "EUC-JP" },
	{ "JIS", "JIS", "ISO-2022-JP" },
	{ "ISO8859-1", "ISO8859-1", "ISO-8859-1" },
	{ "ISO8859-2", "ISO8859-2", "ISO-8859-2" },
	{ "ISO8859-3", "ISO8859-3", "ISO-8859-3" },
	{ "ISO8859-4", "ISO8859-4", "ISO-8859-4" },
	{ "ISO8859-5", "ISO8859-5", "ISO-8859-5" },
	{ "ISO8859-6", "ISO8859-6", "ISO-8859-6" },
	{ "ISO8859-7", "ISO8859-7", "ISO-8859-7" },
	{ "ISO8859-8", "ISO8859-8", "ISO-8859-8" },
	{ "ISO8859-9", "ISO8859-9", "ISO-8859-9" },
	{ "ISO8859-10", "ISO8859-10", "ISO-8859-10" },
	{ "ISO8859-11", "ISO8859-11", "ISO-8859-11" },
	{ "ISO8859-13", "ISO8859-13", "ISO-8859-13" },
	{ "ISO8859-14", "ISO8859-14", "ISO-8859-14" },
	{ "ISO8859-15", "ISO8859-15", "ISO-8859-15" },
	{ "ISO8859-16", "ISO8859-16", "ISO-8859-16" },
	{ "Windows-1251", "Windows-1251", "CP1251" },
	{ "KOI8-R", "KOI8-R", "KOI8-R" },
	{ "KS5601", "KS5601", "CP949" },
	{ "GB2312", "GB2312", "CP936" },
	{ "BIG5", "BIG5", "CP950" },
	{ "CP437", "CP437", "CP437" },
	{ "CP737", "CP737", "CP737" },
	{ "CP775", "CP775", "CP775" },
	{ "CP850", "CP850", "CP850" },
	{ "CP852", "CP852", "CP852" },
	{ "CP855", "CP855", "CP855" },
	{ "CP857", "CP857", "CP857" },
	{ "CP860", "CP860", "CP860" },
	{ "CP861", "CP861", "CP861" },
	{ "CP862", "CP862", "CP862" },
	{ "CP863", "CP863", "CP863" },
	{ "CP864", "CP864", "CP864" },
	{ "CP865", "CP865", "CP865" },
	{ "CP866", "CP866", "CP866" },
	{ "CP869", "CP869", "CP869" },
	{ "CP874", "CP874", "CP874" },
	{ "CP1250", "CP1250", "CP1250" },
	{ "CP1252", "CP1252", "CP1252" },
	{ "CP1253", "CP1253", "CP1253" },
	{ "CP1254", "CP1254", "CP1254" },
	{ "CP1255", "CP1255", "CP1255" },
	{ "CP1256", "CP1256", "CP1256" },
	{ "CP1257", "CP1257", "CP1257" },
	{ "CP1258", "CP1258", "CP1258" },
	/* Other spellings, read but never written. */
	{ "UTF8", "UTF-8", NULL },
	{ "UTF-8m", "UTF-8", NULL },	/* Tera Term 4: macOS decomposed */
	{ "UTF8m", "UTF-8", NULL },
	{ "CP1251", "Windows-1251", "CP1251" },
	{ "CP932", "SJIS", "CP932" },
	{ "CP949", "KS5601", "CP949" },
	{ "CP936", "GB2312", "CP936" },
	{ "CP950", "BIG5", "CP950" },
	{ NULL, NULL, NULL }
};

static void	codec_room(struct codec *, size_t);

/* Where the receive side of ISO-2022-JP is in an escape sequence. */
enum codec_esc {
	CODEC_TEXT,		/* text, through iconv */
	CODEC_ESC,		/* ESC seen, held back */
	CODEC_ESC_DOLLAR,	/* ESC $ held back */
	CODEC_ESC_PAREN,	/* ESC ( held back */
	CODEC_CSI,		/* passing a control sequence */
	CODEC_STRING,		/* passing OSC, DCS, APC, PM, SOS */
	CODEC_INTER		/* passing ESC, intermediates, final */
};

struct codec {
	iconv_t		 cd;
	const struct codec_charset *cs;
	int		 dir;
	int		 jis;		/* ISO-2022-JP: stateful */
	enum codec_esc	 esc;
	char		 pend[CODEC_PEND];	/* an incomplete sequence */
	size_t		 npend;
	char		*out;		/* the converted bytes, reused */
	size_t		 outlen;
	size_t		 outsize;
};

/* The table row for a name, any case, or NULL. */
static const struct codec_charset *
codec_find(const char *name)
{
	const struct codec_charset	*cs;

	for (cs = codec_charsets; cs->name != NULL; cs++) {
		if (strcmp(cs->name, name) == 0)
			return (cs);
	}
	for (cs = codec_charsets; cs->name != NULL; cs++) {
		if (strcasecmp(cs->name, name) == 0)
			return (cs);
	}
	return (NULL);
}

/* Tera Term's spelling of a character set name given in any case, or NULL. */
const char *
codec_lookup(const char *name)
{
	const struct codec_charset	*cs = codec_find(name);

	return (cs != NULL ? cs->canonical : NULL);
}

/* The names to offer in an error: "UTF-8, SJIS, ..." (allocated). */
char *
codec_names(void)
{
	const struct codec_charset	*cs;
	size_t				 len = 1, off = 0, n;
	char				*s;

	for (cs = codec_charsets; cs->name != NULL; cs++)
		len += strlen(cs->name) + 2;
	s = xmalloc(len);
	for (cs = codec_charsets; cs->name != NULL; cs++) {
		if (strcmp(cs->name, cs->canonical) != 0)
			continue;	/* another spelling */
		if (off != 0) {
			memcpy(s + off, ", ", 2);
			off += 2;
		}
		n = strlen(cs->name);
		memcpy(s + off, cs->name, n);
		off += n;
	}
	s[off] = '\0';
	return (s);
}

/*
 * A converter for one direction (CODEC_RECV: the peer's bytes to UTF-8,
 * CODEC_SEND: UTF-8 to the peer's). *cp is NULL for UTF-8.
 */
int
codec_new(struct codec **cp, const char *name, int dir, char **cause)
{
	const struct codec_charset	*cs;
	struct codec			*c;
	iconv_t				 cd;
	char				*names;

	*cp = NULL;
	if ((cs = codec_find(name)) == NULL) {
		names = codec_names();
		xasprintf(cause, _("unknown character set '%s': use one of %s"),
		    name, names);
		free(names);
		return (-1);
	}
	if (cs->iconv == NULL)
		return (0);
	if (dir == CODEC_RECV)
		cd = iconv_open("UTF-8", cs->iconv);
	else
		cd = iconv_open(cs->iconv, "UTF-8");
	if (cd == (iconv_t)-1) {
		xasprintf(cause, "%s (%s): %s", cs->canonical, cs->iconv,
		    strerror(errno));
		return (-1);
	}
	c = xcalloc(1, sizeof *c);
	c->cd = cd;
	c->cs = cs;
	c->dir = dir;
	c->jis = strcmp(cs->iconv, "ISO-2022-JP") == 0;
	codec_room(c, 64);	/* never a NULL result, even when empty */
	*cp = c;
	return (0);
}

void
codec_free(struct codec *c)
{
	if (c == NULL)
		return;
	iconv_close(c->cd);
	free(c->out);
	free(c);
}

/* Tera Term's name of the character set; a tab without a codec has UTF-8. */
const char *
codec_name(const struct codec *c)
{
	return (c != NULL ? c->cs->canonical : "UTF-8");
}

/* Forget the state of the stream: a new connection starts afresh. */
void
codec_reset(struct codec *c)
{
	if (c == NULL)
		return;
	iconv(c->cd, NULL, NULL, NULL, NULL);
	c->npend = 0;
	c->esc = CODEC_TEXT;
}

/* Make room for n more bytes of output. */
static void
codec_room(struct codec *c, size_t n)
{
	if (c->outsize - c->outlen >= n)
		return;
	c->outsize = (c->outlen + n) * 2;
	c->out = xreallocarray(c->out, c->outsize, 1);
}

static void
codec_put(struct codec *c, const char *s, size_t n)
{
	codec_room(c, n);
	memcpy(c->out + c->outlen, s, n);
	c->outlen += n;
}

/* Bytes in the UTF-8 character at s (1 if it is not a valid one). */
static size_t
codec_utf8_len(const u_char *s, size_t len)
{
	size_t	n, i;

	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4;
	else
		return (1);
	if (n > len)
		return (1);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return (1);
	}
	return (n);
}

/*
 * What iconv could not convert at in: received, one byte becomes U+FFFD;
 * sent, a character the peer's set lacks (or broken UTF-8) becomes '?',
 * after a stateful encoding has shifted back to ASCII. Returns the bytes
 * skipped.
 */
static size_t
codec_bad(struct codec *c, const char *in, size_t len)
{
	char	*op;
	size_t	 ol;

	if (c->dir == CODEC_RECV) {
		codec_put(c, "\357\277\275", 3);
		return (1);
	}
	codec_room(c, 16);
	op = c->out + c->outlen;
	ol = c->outsize - c->outlen;
	iconv(c->cd, NULL, NULL, &op, &ol);
	c->outlen = op - c->out;
	codec_put(c, "?", 1);
	return (codec_utf8_len((const u_char *)in, len));
}

/*
 * Convert len bytes through iconv, going on past what cannot be converted.
 * Returns the bytes used: fewer than len only when the rest is the start of
 * a sequence that the next read may complete.
 */
static size_t
codec_iconv(struct codec *c, const char *in, size_t len)
{
	char	*ip = (char *)in, *op;
	size_t	 il = len, ol, want = len * 3 + 16;

	while (il > 0) {
		codec_room(c, want);
		op = c->out + c->outlen;
		ol = c->outsize - c->outlen;
		if (iconv(c->cd, &ip, &il, &op, &ol) != (size_t)-1) {
			c->outlen = op - c->out;
			break;
		}
		c->outlen = op - c->out;
		if (errno == E2BIG)
			want *= 2;
		else if (errno == EINVAL)
			break;
		else {
			ol = codec_bad(c, ip, il);
			ip += ol;
			il -= ol;
		}
	}
	return (len - il);
}

/*
 * One byte of an escape sequence in ISO-2022-JP received. ESC $ @, ESC $ B,
 * ESC ( B and ESC ( J go to iconv (the last two also to libvterm, so that a
 * DEC line drawing set chosen with ESC ( 0 ends as well); any other sequence
 * passes to libvterm as it is, while iconv keeps its kanji or ASCII state.
 * Returns 0 when ch is to be looked at again in the new state.
 */
static int
codec_jis_esc(struct codec *c, u_char ch)
{
	char	seq[3] = { '\033', '(', ch };

	switch (c->esc) {
	case CODEC_TEXT:
		return (0);
	case CODEC_ESC:
		if (ch == '$' || ch == '(') {
			c->esc = ch == '$' ? CODEC_ESC_DOLLAR : CODEC_ESC_PAREN;
			return (1);
		}
		codec_put(c, "\033", 1);
		if (ch == '\033')
			return (1);
		c->esc = CODEC_TEXT;
		if (ch < 0x20 || ch > 0x7e)
			return (0);	/* libvterm decides */
		if (ch == '[')
			c->esc = CODEC_CSI;
		else if (ch == ']' || ch == 'P' || ch == '_' || ch == '^' ||
		    ch == 'X')
			c->esc = CODEC_STRING;
		else if (ch < 0x30)
			c->esc = CODEC_INTER;
		break;
	case CODEC_ESC_DOLLAR:
	case CODEC_ESC_PAREN:
		if (c->esc == CODEC_ESC_DOLLAR)
			seq[1] = '$';
		c->esc = CODEC_INTER;
		if (seq[1] == '$' ? (ch != '@' && ch != 'B') :
		    (ch != 'B' && ch != 'J')) {
			codec_put(c, seq, 2);
			return (0);	/* ch is passed, as in ESC ( 0 */
		}
		codec_iconv(c, seq, 3);
		if (seq[1] == '(')
			codec_put(c, "\033(B", 3);
		c->esc = CODEC_TEXT;
		return (1);
	case CODEC_CSI:
	case CODEC_STRING:
	case CODEC_INTER:
		if (ch == '\033') {
			c->esc = CODEC_ESC;
			return (1);
		}
		if (ch > 0x7e && c->esc != CODEC_STRING) {
			c->esc = CODEC_TEXT;
			return (0);
		}
		if (ch > 0x7f) {
			/* Not JIS, and not UTF-8 for libvterm either. */
			codec_put(c, "\357\277\275", 3);
			return (1);
		}
		if (ch == 0x18 || ch == 0x1a)	/* CAN, SUB: cancelled */
			c->esc = CODEC_TEXT;
		else if (c->esc == CODEC_STRING ? ch == '\007' :
		    c->esc == CODEC_CSI ? (ch >= 0x40 && ch <= 0x7e) :
		    (ch >= 0x30 && ch <= 0x7e))
			c->esc = CODEC_TEXT;
		break;
	}
	codec_put(c, (char *)&ch, 1);
	return (1);
}

/*
 * ISO-2022-JP received: the text between escape sequences goes through
 * iconv, the sequences through codec_jis_esc(), split across reads or not.
 */
static size_t
codec_jis(struct codec *c, const char *in, size_t len)
{
	const char	*esc;
	size_t		 i = 0, n, used;

	while (i < len) {
		if (c->esc != CODEC_TEXT) {
			i += codec_jis_esc(c, in[i]);
			continue;
		}
		esc = memchr(in + i, '\033', len - i);
		n = (esc != NULL ? (size_t)(esc - in) : len) - i;
		used = codec_iconv(c, in + i, n);
		if (used < n && esc == NULL)
			return (i + used);	/* half a kanji: wait for more */
		while (used < n)	/* half a kanji cut by an escape */
			used += codec_bad(c, in + i + used, n - used);
		i += n;
		if (esc != NULL) {
			c->esc = CODEC_ESC;	/* held back until known */
			i++;
		}
	}
	return (i);
}

/* One direction's conversion of a run; returns the bytes used. */
static size_t
codec_run(struct codec *c, const char *in, size_t len)
{
	if (c->jis && c->dir == CODEC_RECV)
		return (codec_jis(c, in, len));
	return (codec_iconv(c, in, len));
}

/*
 * Convert len bytes: received ones to UTF-8 for libvterm, or UTF-8 from
 * libvterm (keys, answers) to the peer's set. A sequence the last call left
 * incomplete is completed first; what this call leaves incomplete is kept
 * for the next. The result lives in the codec until its next call.
 */
const char *
codec_convert(struct codec *c, const char *in, size_t len, size_t *outlen)
{
	size_t	used;

	c->outlen = 0;
	while (c->npend > 0 && len > 0) {
		/* A byte at a time: the sequence is a few bytes at most. */
		c->pend[c->npend++] = *in++;
		len--;
		used = codec_run(c, c->pend, c->npend);
		if (used == 0 && c->npend == sizeof c->pend)
			used = codec_bad(c, c->pend, c->npend);
		memmove(c->pend, c->pend + used, c->npend - used);
		c->npend -= used;
	}
	while (len > 0) {
		used = codec_run(c, in, len);
		in += used;
		len -= used;
		if (len < sizeof c->pend) {
			memcpy(c->pend + c->npend, in, len);
			c->npend += len;
			break;
		}
		/* Not a sequence anyone would complete. */
		used = codec_bad(c, in, len);
		in += used;
		len -= used;
	}
	*outlen = c->outlen;
	return (c->out);
}

/*
 * The bytes that take a stateful encoding (ISO-2022-JP) back to ASCII, to
 * end what is sent in one write: the peer may read each write on its own.
 * Nothing for the others, or when already there.
 */
const char *
codec_send_end(struct codec *c, size_t *outlen)
{
	char	*op;
	size_t	 ol;

	c->outlen = 0;
	if (c->jis) {
		codec_room(c, 16);
		op = c->out;
		ol = c->outsize;
		iconv(c->cd, NULL, NULL, &op, &ol);
		c->outlen = op - c->out;
	}
	*outlen = c->outlen;
	return (c->out);
}
