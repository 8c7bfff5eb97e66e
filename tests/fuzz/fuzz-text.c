/*
 * fuzz-text.c: a libFuzzer target for what makes a peer's text safe to
 * show (text.c): banners, prompts and titles cleaned of control
 * characters, measured, cut to a width (at the end, or in the middle
 * for a tab's label) and wrapped into a form. The first
 * byte is the width, the rest the text. Checked: a cleaned text holds no
 * control character and nothing that was not in the input; a cut fits
 * and is where the text starts; a wrapped text keeps every character
 * that is not a space, in order, and each of its lines fits, but for one
 * character wider than the line alone.
 */
#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tterm.h"
#include "fuzz.h"

int	LLVMFuzzerInitialize(int *, char ***);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (setlocale(LC_ALL, "C.UTF-8") == NULL)
		abort();
	return (0);
}

/* No C0, DEL or C1 control (newlines if kept); a subsequence of in. */
static FUZZ_NOCOV void
fuzz_check_clean(const char *in, const char *c, int newlines)
{
	const u_char	*p;

	for (p = (const u_char *)c; *p != '\0'; p++) {
		FUZZ_CHECK(*p >= 0x20 || (newlines && *p == '\n'));
		FUZZ_CHECK(*p != 0x7f);
		FUZZ_CHECK(!(p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f));
	}
	for (p = (const u_char *)c; *p != '\0'; p++) {
		in = strchr(in, *p);
		FUZZ_CHECK(in != NULL);
		in++;
	}
}

/* The bytes of a and b that are not spaces or newlines are the same. */
static FUZZ_NOCOV void
fuzz_check_same_words(const char *a, const char *b)
{
	for (;;) {
		while (*a == ' ' || *a == '\n')
			a++;
		while (*b == ' ' || *b == '\n')
			b++;
		FUZZ_CHECK(*a == *b);
		if (*a == '\0')
			break;
		a++;
		b++;
	}
}

/*
 * Each line of w fits in cols, or is spaces and one character wider than
 * the room left (a wide character on a line of one column).
 */
static FUZZ_NOCOV void
fuzz_check_lines(const char *w, u_int cols)
{
	const char	*line = w, *p;
	size_t		 len, rest;
	mbstate_t	 ps;
	wchar_t		 wc;

	while (*line != '\0') {
		len = strcspn(line, "\n");
		if (text_width_n(line, len) > cols) {
			for (p = line; *p == ' '; p++)
				;
			rest = len - (p - line);
			memset(&ps, 0, sizeof ps);
			FUZZ_CHECK(rest > 0 && mbrtowc(&wc, p, rest, &ps) == rest);
			FUZZ_CHECK(wcwidth(wc) > 1);
		}
		line += len;
		if (*line == '\n')
			line++;
	}
}

/*
 * A middle cut: the text itself when it fits, else a start of it, ".."
 * and an end of it.
 */
static FUZZ_NOCOV void
fuzz_check_middle(const char *c, const char *mid, int used, u_int cols)
{
	size_t	clen = strlen(c), mlen = strlen(mid), k;

	FUZZ_CHECK(used >= 0 && (u_int)used <= cols);
	FUZZ_CHECK(used == text_width(mid));
	if ((u_int)text_width(c) <= cols || cols < 5) {
		FUZZ_CHECK(strncmp(mid, c, mlen) == 0);
		return;
	}
	for (k = 0; k + 2 <= mlen; k++) {
		if (strncmp(mid, c, k) == 0 && strncmp(mid + k, "..", 2) == 0 &&
		    mlen - k - 2 <= clen - k &&
		    strcmp(mid + k + 2, c + clen - (mlen - k - 2)) == 0)
			return;
	}
	FUZZ_CHECK(!"a start, .. and an end");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*in, *c, *w, *mid, cut[64];
	u_int		 cols;
	int		 used;

	if (size < 1)
		return (0);
	cols = data[0] % 100;
	in = fuzz_string(data + 1, size - 1);

	c = text_clean(in, 0);
	fuzz_check_clean(in, c, 0);
	free(c);
	c = text_clean(in, 1);
	fuzz_check_clean(in, c, 1);

	FUZZ_CHECK((u_int)text_width(c) == text_width_n(c, strlen(c)));
	used = text_cut(c, (int)cols, cut, sizeof cut);
	FUZZ_CHECK(used >= 0 && (u_int)used <= cols);
	FUZZ_CHECK(used == text_width(cut));
	FUZZ_CHECK(strncmp(cut, c, strlen(cut)) == 0);

	mid = malloc(strlen(c) + 3);	/* the whole text and ".." fit */
	FUZZ_CHECK(mid != NULL);
	used = text_cut_middle(c, (int)cols, mid, strlen(c) + 3);
	fuzz_check_middle(c, mid, used, cols);
	free(mid);

	w = text_wrap(c, cols);
	fuzz_check_same_words(c, w);
	fuzz_check_lines(w, cols == 0 ? 1 : cols);
	free(w);
	free(c);
	free(in);
	return (0);
}
