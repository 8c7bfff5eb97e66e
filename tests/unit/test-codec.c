/*
 * test-codec.c: character set conversion: Tera Term's names, Shift_JIS,
 * EUC-JP and ISO-2022-JP received whole, cut at every byte and one byte at
 * a time, bad bytes, terminal escapes inside kanji text, and typed text
 * sent back.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "unit.h"

/* 日本語テスト in UTF-8 and in each set (JIS X 0208 codes by hand). */
#define TEXT_UTF8 "\346\227\245\346\234\254\350\252\236" \
	"\343\203\206\343\202\271\343\203\210"
#define TEXT_SJIS "\223\372\226\173\214\352\203\145\203\130\203\147"
#define TEXT_EUC "\306\374\313\334\270\354\245\306\245\271\245\310"
#define TEXT_JIS "\033$BF|K\\8l%F%9%H\033(B"
#define FFFD "\357\277\275"

static char	got[1024];
static size_t	gotlen;

static struct codec *
open_codec(const char *name, int dir)
{
	struct codec	*c = NULL;
	char		*cause = NULL;

	if (codec_new(&c, name, dir, &cause) != 0) {
		fprintf(stderr, "%s: %s\n", name, cause);
		free(cause);
	}
	CHECK(c != NULL);
	return (c);
}

/* Convert and append to got. */
static void
feed(struct codec *c, const char *in, size_t len)
{
	const char	*out;
	size_t		 n;

	out = codec_convert(c, in, len, &n);
	if (gotlen + n < sizeof got) {
		memcpy(got + gotlen, out, n);
		gotlen += n;
	}
	got[gotlen] = '\0';
}

/* The send side's bytes that end a write. */
static void
feed_end(struct codec *c)
{
	const char	*out;
	size_t		 n;

	out = codec_send_end(c, &n);
	if (gotlen + n < sizeof got) {
		memcpy(got + gotlen, out, n);
		gotlen += n;
	}
	got[gotlen] = '\0';
}

static const char *
convert(struct codec *c, const char *in)
{
	gotlen = 0;
	feed(c, in, strlen(in));
	return (got);
}

/*
 * Receive in with a fresh codec whole, cut in two at every position, and a
 * byte at a time: each must give want.
 */
static void
check_cuts(const char *name, const char *in, const char *want)
{
	struct codec	*c;
	size_t		 len = strlen(in), cut, i;

	for (cut = 0; cut <= len; cut++) {
		if ((c = open_codec(name, CODEC_RECV)) == NULL)
			return;
		gotlen = 0;
		feed(c, in, cut);
		feed(c, in + cut, len - cut);
		if (strcmp(got, want) != 0) {
			fprintf(stderr, "%s cut at %zu:\n", name, cut);
			CHECK_STR(got, want);
		}
		codec_free(c);
	}
	if ((c = open_codec(name, CODEC_RECV)) == NULL)
		return;
	gotlen = 0;
	for (i = 0; i < len; i++)
		feed(c, in + i, 1);
	CHECK_STR(got, want);
	codec_free(c);
}

static void
test_names(void)
{
	char	*names;

	CHECK_STR(codec_lookup("SJIS"), "SJIS");
	CHECK_STR(codec_lookup("sjis"), "SJIS");
	CHECK_STR(codec_lookup("EUC"), "EUC-JP");
	CHECK_STR(codec_lookup("euc-jp"), "EUC-JP");
	CHECK_STR(codec_lookup("jis"), "JIS");
	CHECK_STR(codec_lookup("UTF8"), "UTF-8");
	CHECK_STR(codec_lookup("utf-8m"), "UTF-8");
	CHECK_STR(codec_lookup("CP1251"), "Windows-1251");
	CHECK_STR(codec_lookup("KS5601"), "KS5601");
	CHECK_STR(codec_lookup("iso8859-16"), "ISO8859-16");
	CHECK(codec_lookup("ISO8859-12") == NULL);
	CHECK(codec_lookup("Shift-JIS-ish") == NULL);
	CHECK(codec_lookup("") == NULL);
	names = codec_names();
	CHECK(strncmp(names, "UTF-8, SJIS, EUC-JP, JIS, ", 26) == 0);
	CHECK(strstr(names, "UTF8") == NULL);	/* other spellings unlisted */
	CHECK(strstr(names, ", CP1258") != NULL);
	free(names);
}

static void
test_new(void)
{
	struct codec	*c = (struct codec *)&c;
	char		*cause = NULL;

	/* UTF-8 needs no codec at all. */
	CHECK(codec_new(&c, "UTF-8", CODEC_RECV, &cause) == 0);
	CHECK(c == NULL && cause == NULL);
	CHECK(codec_new(&c, "utf8", CODEC_SEND, &cause) == 0);
	CHECK(c == NULL);
	CHECK_STR(codec_name(NULL), "UTF-8");
	CHECK(codec_new(&c, "Klingon", CODEC_RECV, &cause) == -1);
	CHECK(c == NULL && cause != NULL);
	if (cause != NULL) {
		CHECK(strstr(cause, "'Klingon'") != NULL);
		CHECK(strstr(cause, "EUC-JP") != NULL);
		free(cause);
	}
	/* Every name in the list opens (iconv knows them all). */
	for (cause = codec_names(); cause != NULL; ) {
		char	*p = cause, *name;

		while ((name = strsep(&p, ",")) != NULL) {
			name += *name == ' ';
			if (strcmp(name, "UTF-8") == 0)
				continue;
			codec_free(open_codec(name, CODEC_RECV));
			codec_free(open_codec(name, CODEC_SEND));
		}
		free(cause);
		cause = NULL;
	}
	c = open_codec("euc", CODEC_RECV);
	CHECK_STR(codec_name(c), "EUC-JP");
	codec_free(c);
}

static void
test_sjis_receive(void)
{
	check_cuts("SJIS", TEXT_SJIS, TEXT_UTF8);
	/* Escapes, controls and ASCII around and between. */
	check_cuts("SJIS", "\033[1m" TEXT_SJIS "\033[m\r\nok",
	    "\033[1m" TEXT_UTF8 "\033[m\r\nok");
	/* Windows' extensions: a circled 1 (NEC row 13). */
	check_cuts("SJIS", "\207\100", "\342\221\240");
}

static void
test_euc_receive(void)
{
	check_cuts("EUC-JP", TEXT_EUC, TEXT_UTF8);
	/* Three bytes: JIS X 0212 through SS3 (a breve); half-width kana. */
	check_cuts("EUC-JP", "a\217\242\257b\216\261", "a\313\230b\357\275\261");
}

static void
test_jis_receive(void)
{
	/* ESC ( B also reaches libvterm (it may have had ESC ( 0). */
	check_cuts("JIS", TEXT_JIS, TEXT_UTF8 "\033(B");
	check_cuts("JIS", "\033$@F|\033(J!", "\346\227\245\033(B!");
	/* A CSI in kanji mode reaches libvterm whole; kanji go on after. */
	check_cuts("JIS", "\033$BF|\033[1;31mK\\\033[m8l\r\n%F\033(Bx",
	    "\346\227\245\033[1;31m\346\234\254\033[m\350\252\236\r\n"
	    "\343\203\206\033(Bx");
	/* Line drawing, titles, keypad mode and string terminators pass. */
	check_cuts("JIS", "\033(0lqk\033(B \033]0;title\007\033=\033P1$r\033\\",
	    "\033(0lqk\033(B \033]0;title\007\033=\033P1$r\033\\");
	/* Sets iconv does not know pass; so does a doubled ESC. */
	check_cuts("JIS", "\033$BF|\033$(DK\\\033\033[m8l\033(B",
	    "\346\227\245\033$(D\346\234\254\033\033[m\350\252\236\033(B");
	/* A title inside kanji text does not end kanji mode. */
	check_cuts("JIS", "\033$BF|\033]2;t\033\\K\\\033(B",
	    "\346\227\245\033]2;t\033\\\346\234\254\033(B");
	/* 8-bit bytes in a title are no JIS: libvterm gets U+FFFD, never
	 * bytes that are not UTF-8 (found by tests/fuzz/fuzz-codec). */
	check_cuts("JIS", "\033]0;a\261\262b\007",
	    "\033]0;a\357\277\275\357\277\275b\007");
}

static void
test_bad_bytes(void)
{
	struct codec	*c;

	check_cuts("SJIS", "a\200b\377c", "a" FFFD "b" FFFD "c");
	/* A lead byte cut short by a newline: the newline is kept. */
	check_cuts("SJIS", "\223\r\nx", FFFD "\r\nx");
	check_cuts("EUC-JP", "\306\r\n", FFFD "\r\n");
	/* Half a kanji before an escape. */
	check_cuts("JIS", "\033$BF\033(Bx", FFFD "\033(Bx");
	/* An incomplete character waits for the next read, not forever. */
	if ((c = open_codec("SJIS", CODEC_RECV)) == NULL)
		return;
	CHECK_STR(convert(c, "ok\223"), "ok");
	CHECK_STR(convert(c, "\372!"), "\346\227\245!");
	codec_free(c);
	/* A flood of bad bytes never stalls. */
	if ((c = open_codec("EUC-JP", CODEC_RECV)) == NULL)
		return;
	CHECK_STR(convert(c, "\377\377\377\377\377\377\377\377\377\377z"),
	    FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD FFFD "z");
	codec_free(c);
}

/* Send text and end the write; return what the peer gets. */
static const char *
send_text(const char *name, const char *text)
{
	struct codec	*c;

	gotlen = 0;
	got[0] = '\0';
	if ((c = open_codec(name, CODEC_SEND)) == NULL)
		return (got);
	feed(c, text, strlen(text));
	feed_end(c);
	codec_free(c);
	return (got);
}

static void
test_send(void)
{
	struct codec	*c;

	CHECK_STR(send_text("SJIS", TEXT_UTF8 "\r"), TEXT_SJIS "\r");
	CHECK_STR(send_text("EUC-JP", TEXT_UTF8), TEXT_EUC);
	CHECK_STR(send_text("JIS", TEXT_UTF8), TEXT_JIS);
	CHECK_STR(send_text("JIS", "a\033[A"), "a\033[A");
	/* What the set lacks is '?', in ASCII mode. */
	CHECK_STR(send_text("SJIS", "a\360\237\230\200b"), "a?b");
	CHECK_STR(send_text("JIS", "\346\227\245\342\202\254\346\234\254"),
	    "\033$BF|\033(B?\033$BK\\\033(B");
	CHECK_STR(send_text("KOI8-R", "\346\227\245x"), "?x");
	CHECK_STR(send_text("SJIS", "a\377b"), "a?b");
	/* A character split between two writes of libvterm. */
	if ((c = open_codec("SJIS", CODEC_SEND)) == NULL)
		return;
	CHECK_STR(convert(c, "\346"), "");
	CHECK_STR(convert(c, "\227\245"), "\223\372");
	codec_free(c);
	/* JIS goes back to ASCII only once. */
	if ((c = open_codec("JIS", CODEC_SEND)) == NULL)
		return;
	CHECK_STR(convert(c, "\346\227\245"), "\033$BF|");
	gotlen = 0;
	feed_end(c);
	CHECK_STR(got, "\033(B");
	gotlen = 0;
	feed_end(c);
	CHECK_STR(got, "");
	codec_free(c);
}

/* What is sent in a set comes back the same when received in it. */
static void
test_round_trip(void)
{
	static const char *sets[] = { "SJIS", "EUC-JP", "JIS", "KS5601",
	    "GB2312", "BIG5" };
	static const char *text[] = { TEXT_UTF8, TEXT_UTF8, TEXT_UTF8,
	    "\355\225\234\352\270\200", "\344\270\255\346\226\207",
	    "\344\270\255\346\226\207" };
	static const char *back[] = { TEXT_UTF8, TEXT_UTF8,
	    TEXT_UTF8 "\033(B", "\355\225\234\352\270\200",
	    "\344\270\255\346\226\207", "\344\270\255\346\226\207" };
	char		 sent[256];
	struct codec	*c;
	u_int		 i;

	for (i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		snprintf(sent, sizeof sent, "%s", send_text(sets[i], text[i]));
		CHECK(strcmp(sent, text[i]) != 0);
		check_cuts(sets[i], sent, back[i]);
	}
	CHECK_STR(send_text("KOI8-R", "\320\237\321\200\320\270"),
	    "\360\322\311");
	check_cuts("KOI8-R", "\360\322\311", "\320\237\321\200\320\270");
	check_cuts("CP437", "\304\263", "\342\224\200\342\224\202");
	/* A new connection starts in ASCII. */
	if ((c = open_codec("JIS", CODEC_RECV)) == NULL)
		return;
	CHECK_STR(convert(c, "\033$BF|"), "\346\227\245");
	codec_reset(c);
	CHECK_STR(convert(c, "F|"), "F|");
	codec_free(c);
}

/* Base64 (base64.c): RFC 4648's examples both ways, bytes of every value. */
static void
test_base64(void)
{
	static const char	*plain[] = { "", "f", "fo", "foo", "foob",
	    "fooba", "foobar" };
	static const char	*coded[] = { "", "Zg==", "Zm8=", "Zm9v",
	    "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy" };
	u_char			 all[256], back[260];
	char			 out[400];
	size_t			 i, n;

	for (i = 0; i < sizeof plain / sizeof plain[0]; i++) {
		n = strlen(plain[i]);
		CHECK(base64_encode(out, plain[i], n) == strlen(coded[i]));
		CHECK_STR(out, coded[i]);
		/* The padding is counted: the caller takes it off. */
		CHECK(base64_decode(back, coded[i], strlen(coded[i])) ==
		    (int)(strlen(coded[i]) / 4 * 3));
		CHECK(memcmp(back, plain[i], n) == 0);
	}
	for (i = 0; i < sizeof all; i++)
		all[i] = 255 - i;
	n = base64_encode(out, all, sizeof all);
	CHECK(n == 344 && strncmp(out, "//79/Pv6", 8) == 0);
	CHECK(base64_decode(back, out, n) == 258);
	CHECK(memcmp(back, all, sizeof all) == 0);
	CHECK(base64_decode(back, "Zm9", 3) == -1);
	CHECK(base64_decode(back, "Zm9v Zg=", 8) == -1);
	CHECK(base64_decode(back, "Zm-v", 4) == -1);
}

int
main(void)
{
	RUN(test_names);
	RUN(test_new);
	RUN(test_sjis_receive);
	RUN(test_euc_receive);
	RUN(test_jis_receive);
	RUN(test_bad_bytes);
	RUN(test_send);
	RUN(test_round_trip);
	RUN(test_base64);
	UNIT_EXIT();
}
