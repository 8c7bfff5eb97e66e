/*
 * test-text.c: text from peers made safe to show (text.c): control
 * characters dropped, widths in columns, cutting to a width and wrapping
 * a form's text, in English (at spaces) and Japanese (between characters).
 */
#include "config.h"

#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"
#include "unit.h"

static void
check_wrap(const char *in, u_int cols, const char *want)
{
	char	*out = text_wrap(in, cols);

	CHECK_STR(out, want);
	free(out);
}

static void
test_clean(void)
{
	char	*s;

	s = text_clean("a\x1b]0;x\x07" "b\r\nc\xc2\x9b" "1m\x7f", 0);
	CHECK_STR(s, "a]0;xbc1m");
	free(s);
	/* Dropping a byte joins no C1 control out of what is left. */
	s = text_clean("a\xc2\x01\x85" "b\xc2\xc2\x7f\x9b" "c", 0);
	CHECK_STR(s, "ab\xc2" "c");
	free(s);
	s = text_clean("one\ntwo\t", 1);
	CHECK_STR(s, "one\ntwo");
	free(s);
	s = text_clean(NULL, 0);
	CHECK_STR(s, "");
	free(s);
}

static void
test_width_cut(void)
{
	char	buf[16], buf2[100];

	CHECK(text_width("abc") == 3);
	CHECK(text_width("日本語") == 6);
	CHECK(text_width("e\xcc\x81") == 1);		/* e and a mark */
	CHECK(text_width("\xff" "a") == 2);		/* drawn as '?' */
	CHECK(text_width_n("日本語", 6) == 4);
	CHECK(text_cut("日本語", 5, buf, sizeof buf) == 4);
	CHECK_STR(buf, "日本");
	CHECK(text_cut("abcdef", 10, buf, 4) == 3);	/* the buffer's end */
	CHECK_STR(buf, "abc");
	/* Both ends kept: a port, a folder tells two titles apart. */
	CHECK(text_cut_middle("ssh taro@gw.example.com:10022", 24, buf2,
	    sizeof buf2) == 24);
	CHECK_STR(buf2, "ssh taro@gw..e.com:10022");
	CHECK(text_cut_middle("日本語のとても長いタイトルです", 10, buf2,
	    sizeof buf2) == 10);
	CHECK_STR(buf2, "日本..です");
	CHECK(text_cut_middle("日本語のとても長いタイトルです", 9, buf2,
	    sizeof buf2) == 8);
	CHECK_STR(buf2, "日..です");
	CHECK(text_cut_middle("short", 24, buf2, sizeof buf2) == 5);
	CHECK_STR(buf2, "short");
	CHECK(text_cut_middle("abcdefgh", 4, buf2, sizeof buf2) == 4);
	CHECK_STR(buf2, "abcd");
}

static void
test_wrap(void)
{
	/* At the last space that fits, the spaces of the break dropped. */
	check_wrap("hello world again", 11, "hello world\nagain");
	check_wrap("hello world", 5, "hello\nworld");
	check_wrap("hello   world", 7, "hello\nworld");
	/* A word longer than the line is cut between its characters. */
	check_wrap("abcdefgh ij", 3, "abc\ndef\ngh\nij");
	/* Japanese: between characters, never half of one. */
	check_wrap("日本語の文です", 5, "日本\n語の\n文で\nす");
	/* A wide character wider than the line still goes, one a line. */
	check_wrap("日本", 1, "日\n本");
	/* The rest of a list item goes on under its text. */
	check_wrap("  - one two three", 10, "  - one\n    two\n    three");
	/* Lines that fit and the newlines between them stay as they are. */
	check_wrap("a b\n\nc", 3, "a b\n\nc");
	check_wrap("", 5, "");
}

static void
test_wrap_timeout(int sig)
{
	(void)sig;
	fputs("text_wrap: a long line took over 10 seconds\n", stderr);
	_exit(1);
}

/*
 * A server's text of a few megabytes, wrapped to a narrow form, takes
 * time in proportion to its length: each character is read a few times,
 * not once for every line it is wrapped into.
 */
static void
test_wrap_long(void)
{
	size_t	 len = 4000000, i, n = 0;
	char	*s, *out;

	s = malloc(len + 1);
	CHECK(s != NULL);
	if (s == NULL)
		return;
	for (i = 0; i < len; i++)
		s[i] = i % 1000 == 999 ? ' ' : 'x';
	s[len] = '\0';
	signal(SIGALRM, test_wrap_timeout);
	alarm(10);
	out = text_wrap(s, 10);
	alarm(0);
	for (i = 0; out[i] != '\0'; i++)
		n += out[i] == '\n';
	CHECK(n == len / 10 - 1);
	free(out);
	free(s);
}

int
main(void)
{
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		return (1);
	RUN(test_clean);
	RUN(test_width_cut);
	RUN(test_wrap);
	RUN(test_wrap_long);
	UNIT_EXIT();
}
