/*
 * parse.c: where the time of tterm's pipeline goes, without a pty or a
 * screen: the same workload through libvterm's state layer with callbacks
 * that do nothing (the parser's floor), and through tterm's terminal (the
 * state layer feeding tterm's grid and scrollback).
 *
 *   parse FILE...     prints, per file, seconds for each, best of 5
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tterm.h"

struct options opts = { .prefix = 0x1d, .scrollback = 10000 };
volatile sig_atomic_t sig_winch, sig_chld, sig_term;

static int
nop_putglyph(VTermGlyphInfo *info, VTermPos pos, void *data)
{
	return (1);
}

static int
nop_scrollrect(VTermRect r, int down, int right, void *data)
{
	return (1);
}

static int
nop_erase(VTermRect r, int selective, void *data)
{
	return (1);
}

static const VTermStateCallbacks nop_cbs = {
	.putglyph = nop_putglyph,
	.scrollrect = nop_scrollrect,
	.erase = nop_erase,
};

static double
now(void)
{
	struct timespec	ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (ts.tv_sec + ts.tv_nsec / 1e9);
}

static double
run_state(const char *buf, size_t len)
{
	VTerm	*vt = vterm_new(40, 120);
	double	 t0;
	size_t	 off;

	vterm_set_utf8(vt, 1);
	vterm_state_set_callbacks(vterm_obtain_state(vt), &nop_cbs, NULL);
	vterm_state_reset(vterm_obtain_state(vt), 1);
	t0 = now();
	for (off = 0; off < len; off += 4096)
		vterm_input_write(vt, buf + off, len - off < 4096 ? len - off :
		    4096);
	t0 = now() - t0;
	vterm_free(vt);
	return (t0);
}

static double
run_term(const char *buf, size_t len)
{
	struct term	t;
	double		t0;
	size_t		off;

	term_init(&t, 40, 120, 10000, NULL, NULL, NULL);
	t0 = now();
	for (off = 0; off < len; off += 4096)
		term_input(&t, buf + off, len - off < 4096 ? len - off : 4096);
	t0 = now() - t0;
	term_free(&t);
	return (t0);
}

int
main(int argc, char **argv)
{
	FILE	*f;
	char	*buf;
	long	 len;
	double	 s, m, best_s, best_m;
	int	 i, k;

	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL) {
			perror(argv[i]);
			return (1);
		}
		fseek(f, 0, SEEK_END);
		len = ftell(f);
		rewind(f);
		buf = xmalloc(len);
		if (fread(buf, 1, len, f) != (size_t)len) {
			perror(argv[i]);
			return (1);
		}
		fclose(f);
		best_s = best_m = 1e9;
		for (k = 0; k < 5; k++) {
			if ((s = run_state(buf, len)) < best_s)
				best_s = s;
			if ((m = run_term(buf, len)) < best_m)
				best_m = m;
		}
		printf("%s %.3f %.3f\n", argv[i], best_s, best_m);
		free(buf);
	}
	return (0);
}
