/*
 * workload.c: the benchmark's workloads, a line or a screen at a time
 * (gen.c writes them out; the unit tests feed them to the screen model).
 *
 * ascii:  lines of printable ASCII of varying length
 * wide:   lines of printable ASCII, 100 columns each (the scrollback's
 *         memory figures)
 * sgr:    words in 256-colour and 24-bit colours, with bold and underline
 * cjk:    Japanese text (double-width characters) with some ASCII
 * cursor: full 120x40 screens drawn by cursor addressing, as a full-screen
 *         program redraws
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "workload.h"

static unsigned long	seed = 12345;

static unsigned int
rnd(unsigned int n)
{
	seed = seed * 6364136223846793005UL + 1442695040888963407UL;
	return ((seed >> 33) % n);
}

static const char *words[] = {
	"the", "build", "log", "compiling", "src/main.c", "warning:", "unused",
	"variable", "linking", "tterm", "error", "0x7f3a", "OK", "[ 12%]",
	"serial", "console", "session", "connected", "ssh", "router#", "show",
	"interface", "GigabitEthernet0/1", "is", "up,", "line", "protocol",
};
#define NWORDS (sizeof words / sizeof words[0])

static const char *kana[] = {
	"日本語", "の", "テキスト", "です", "。", "端末", "接続", "ログ",
	"サーバー", "から", "応答", "が", "ありません", "、", "漢字", "表示",
};
#define NKANA (sizeof kana / sizeof kana[0])

static size_t
line_ascii(char *p)
{
	size_t	n = 0, want = 20 + rnd(90);
	const char *w;

	while (n < want) {
		w = words[rnd(NWORDS)];
		n += sprintf(p + n, "%s ", w);
	}
	p[n++] = '\r';
	p[n++] = '\n';
	return (n);
}

static size_t
line_wide(char *p)
{
	size_t	n = 0;

	while (n < 100)
		n += sprintf(p + n, "%s ", words[rnd(NWORDS)]);
	n = 100;
	p[n++] = '\r';
	p[n++] = '\n';
	return (n);
}

static size_t
line_sgr(char *p)
{
	size_t	n = 0, cols = 0, want = 20 + rnd(90);
	const char *w;

	while (cols < want) {
		w = words[rnd(NWORDS)];
		switch (rnd(4)) {
		case 0:
			n += sprintf(p + n, "\033[38;5;%um", rnd(256));
			break;
		case 1:
			n += sprintf(p + n, "\033[38;2;%u;%u;%um", rnd(256),
			    rnd(256), rnd(256));
			break;
		case 2:
			n += sprintf(p + n, "\033[1;48;5;%um", rnd(256));
			break;
		default:
			n += sprintf(p + n, "\033[4;48;2;%u;%u;%um", rnd(256),
			    rnd(256), rnd(256));
			break;
		}
		n += sprintf(p + n, "%s\033[m ", w);
		cols += strlen(w) + 1;
	}
	p[n++] = '\r';
	p[n++] = '\n';
	return (n);
}

static size_t
line_cjk(char *p)
{
	size_t	n = 0, cols = 0, want = 20 + rnd(90);
	const char *w;

	while (cols < want) {
		if (rnd(6) == 0) {
			w = words[rnd(NWORDS)];
			n += sprintf(p + n, "%s ", w);
			cols += strlen(w) + 1;
		} else {
			w = kana[rnd(NKANA)];
			n += sprintf(p + n, "%s", w);
			cols += strlen(w) / 3 * 2;
		}
	}
	p[n++] = '\r';
	p[n++] = '\n';
	return (n);
}

static size_t
screen_cursor(char *p)
{
	size_t		 n = 0, i;
	unsigned int	 row, colour = rnd(8);

	n += sprintf(p + n, "\033[H\033[3%um", colour);
	for (row = 1; row <= 40; row++) {
		n += sprintf(p + n, "\033[%u;1H", row);
		for (i = 0; i < 120; i++)
			p[n++] = 'A' + (row + i + colour) % 26;
	}
	n += sprintf(p + n, "\033[m");
	return (n);
}

/* The workload called name, from its start, or NULL. */
workload_fn
workload_find(const char *name)
{
	seed = 12345;
	if (strcmp(name, "ascii") == 0)
		return (line_ascii);
	if (strcmp(name, "wide") == 0)
		return (line_wide);
	if (strcmp(name, "sgr") == 0)
		return (line_sgr);
	if (strcmp(name, "cjk") == 0)
		return (line_cjk);
	if (strcmp(name, "cursor") == 0)
		return (screen_cursor);
	return (NULL);
}
