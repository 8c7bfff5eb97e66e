/*
 * test-history.c: the compact scrollback store: round trips of every kind
 * of cell, plain and packed (compressed) blocks, the size of the bench's
 * lines, the limit, and random pushes, pops and limits against a model.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "../../src/onig-lib.h"
#include "unit.h"
#include "../../bench/workload.h"

static void
fill_ascii(struct cell *c, u_int cols, const char *s)
{
	u_int	i;

	memset(c, 0, cols * sizeof *c);
	for (i = 0; s[i] != '\0' && i < cols; i++)
		c[i].ch = (unsigned char)s[i];
}

static uint32_t
next(uint32_t *r)
{
	*r = *r * 1103515245u + 12345u;
	return (*r >> 8);
}

static uint32_t
colour(uint32_t r)
{
	switch (r % 3) {
	case 0:
		return (COLOUR_DEFAULT);
	case 1:
		return (COLOUR_INDEXED | (r >> 2) % 256);
	}
	return (COLOUR_RGB | ((r >> 2) & 0xffffff));
}

/*
 * Line seed of cols cells, as a history gives it back: ASCII, other
 * characters, wide ones, combined ones (wide too), pen changes, blanks in
 * the middle (spaces) and at the end (nothing), sometimes wrapped.
 */
static void
make_line(struct grid *g, u_int seed, struct cell *c, u_int cols)
{
	uint32_t	r = seed * 2654435761u + 7, fg = 0, bg = 0, ch;
	uint32_t	chars[COMBO_CHARS];
	uint16_t	attr = 0;
	u_int		x, used;

	memset(c, 0, cols * sizeof *c);
	used = next(&r) % (cols + 1);
	for (x = 0; x < used; x++) {
		if (next(&r) % 8 == 0) {
			fg = colour(next(&r));
			bg = colour(next(&r));
			attr = next(&r) & ATTR_PENMASK;
		}
		c[x].fg = fg;
		c[x].bg = bg;
		switch (next(&r) % 10) {
		case 0:
			if (x + 1 == used)
				break;
			ch = 0x4e00 + next(&r) % 500;
			if (next(&r) % 4 == 0) {
				memset(chars, 0, sizeof chars);
				chars[0] = ch;
				chars[1] = 0x3099;
				ch = cell_combo_add(g, chars);
			}
			c[x].ch = CELL_MAKE(ch, attr | ATTR_WIDE);
			x++;
			c[x].ch = CELL_MAKE(0, attr | ATTR_WIDECONT);
			c[x].fg = fg;
			c[x].bg = bg;
			continue;
		case 1:
			memset(chars, 0, sizeof chars);
			chars[0] = 'a' + next(&r) % 5;
			chars[1] = 0x300 + next(&r) % 4;
			if (next(&r) % 2)
				chars[2] = 0x323;
			c[x].ch = CELL_MAKE(cell_combo_add(g, chars), attr);
			continue;
		case 2:
			c[x].ch = CELL_MAKE(0xe9 + next(&r) % 0x2000, attr);
			continue;
		case 3:
			c[x].ch = CELL_MAKE(' ', attr);
			continue;
		}
		c[x].ch = CELL_MAKE(0x21 + next(&r) % 94, attr);
	}
	/* The last cell used is not blank: a blank would be dropped. */
	if (used > 0 && CELL_CH(&c[used - 1]) == ' ')
		c[used - 1].ch = CELL_MAKE('.', CELL_ATTR(&c[used - 1]));
	if (used == cols && cols > 0 && next(&r) % 3 == 0)
		c[cols - 1].ch |= CELL_MAKE(0, ATTR_WRAPPED);
}

/* Push line seed, stamped with its seed. */
static void
push_line(struct history *h, struct grid *g, u_int seed, struct cell *in,
    u_int cols)
{
	make_line(g, seed, in, cols);
	history_push(h, g, in, cols, seed);
}

/* Whether hl is line seed, cells, stamp, size and wrapped flag. */
static int
same_line(const struct hline *hl, struct grid *g, u_int seed,
    struct cell *in, struct cell *out, u_int cols)
{
	u_int	used = cols;

	if (hl == NULL)
		return (0);
	make_line(g, seed, in, cols);
	while (used > 0 && in[used - 1].ch == 0)
		used--;
	if (hl->stamp != seed || hl->ncells != used ||
	    ((hl->flags & HLINE_WRAPPED) != 0) !=
	    (cols > 0 && (CELL_ATTR(&in[cols - 1]) & ATTR_WRAPPED) != 0))
		return (0);
	history_decode(hl, g, out, cols);
	return (memcmp(in, out, cols * sizeof *in) == 0);
}

/* The blocks agree with the count, and bytes with what they hold. */
static int
blocks_right(const struct history *h, u_int *packed)
{
	const struct hblock	*b;
	size_t			 bytes = h->nslots * sizeof *b;
	u_int			 k, lines = 0;

	*packed = 0;
	for (k = 0; k < h->nblocks; k++) {
		b = &h->blocks[(h->first + k) % h->nslots];
		if (b->nlines != HIST_BLOCK && k != h->nblocks - 1)
			return (0);
		lines += b->nlines;
		bytes += b->size;
		*packed += b->packed;
	}
	if (h->nblocks > 0 && h->skip >= h->blocks[h->first].nlines)
		return (0);
	return (lines - h->skip == h->count && bytes == h->bytes);
}

static void
test_round_trip(void)
{
	struct grid	 g;
	struct history	 h;
	struct cell	 in[12], out[12];
	uint32_t	 combo[COMBO_CHARS] = { 'e', 0x301, 0x323, 0, 0, 0 };
	const struct hline *hl;

	history_init(&h, 10);
	grid_init(&g, 2, 12, &h);
	memset(in, 0, sizeof in);
	in[0].ch = CELL_MAKE('A', ATTR_BOLD);
	in[0].fg = COLOUR_INDEXED | 1;
	in[1].ch = CELL_MAKE(0x65e5, ATTR_WIDE | ATTR_UNDERLINE);
	in[1].bg = COLOUR_RGB | 0x102030;
	in[2].ch = CELL_MAKE(0, ATTR_WIDECONT | ATTR_UNDERLINE);
	in[2].bg = COLOUR_RGB | 0x102030;
	in[3].ch = CELL_MAKE(cell_combo_add(&g, combo), ATTR_ITALIC);
	in[4].ch = ' ';		/* blanks come back as spaces */
	in[5].ch = 'z';
	in[5].bg = COLOUR_INDEXED | 44;
	history_push(&h, &g, in, 12, 0);
	CHECK(h.count == 1);
	hl = history_get(&h, 0);
	CHECK(hl->ncells == 6);
	history_decode(hl, &g, out, 12);
	CHECK(memcmp(in, out, sizeof in) == 0);
	grid_free(&g);
	history_free(&h);
}

/*
 * Lines of every kind survive being packed into compressed blocks, read
 * in any order and popped back out of them.
 */
static void
test_packed(void)
{
	struct grid	 g;
	struct history	 h;
	struct cell	 in[100], out[100];
	u_int		 i, packed, ok = 1;

	history_init(&h, 5000);
	grid_init(&g, 2, 100, &h);
	for (i = 0; i < 3000; i++)
		push_line(&h, &g, i, in, 100);
	CHECK(h.count == 3000);
	CHECK(blocks_right(&h, &packed));
	CHECK(packed >= 3000 / HIST_BLOCK - 3);
	for (i = 0; i < h.count && ok; i++)
		ok = same_line(history_get(&h, i), &g, i, in, out, 100);
	for (i = 0; i < 200 && ok; i++)
		ok = same_line(history_get(&h, i * 37 % 3000), &g, i * 37 % 3000,
		    in, out, 100);
	/*
	 * Pops reach back into packed blocks, which take other lines then:
	 * what the cache held of them must not come back.
	 */
	ok = ok && same_line(history_get(&h, 1000), &g, 1000, in, out, 100);
	for (i = 3000; i-- > 1000 && ok;)
		ok = same_line(history_pop(&h), &g, i, in, out, 100);
	CHECK(ok);
	CHECK(h.count == 1000);
	CHECK(blocks_right(&h, &packed));
	for (i = 1000; i < 1500; i++)
		push_line(&h, &g, 100000 + i, in, 100);
	for (i = h.count; i-- > 0 && ok;)
		ok = same_line(history_get(&h, i), &g, i < 1000 ? i :
		    100000 + i, in, out, 100);
	CHECK(ok);
	grid_free(&g);
	history_free(&h);
}

/*
 * A long scan, forwards then backwards, meets every line right while
 * lines go on arriving and the oldest drop.
 */
static void
test_scan(void)
{
	struct grid	 g;
	struct history	 h;
	struct cell	 in[80], out[80];
	u_int		 i, first, ok = 1;

	history_init(&h, 10000);
	grid_init(&g, 2, 80, &h);
	for (i = 0; i < 12345; i++)
		push_line(&h, &g, i, in, 80);
	first = 12345 - 10000;
	for (i = 0; i < h.count && ok; i++)
		ok = same_line(history_get(&h, i), &g, first + i, in, out, 80);
	for (i = h.count; i-- > 0 && ok;)
		ok = same_line(history_get(&h, i), &g, first + i, in, out, 80);
	/* Two histories reading by turns share the cache. */
	for (i = 0; i < 1000 && ok; i++) {
		ok = same_line(history_get(&h, i * 10), &g, first + i * 10, in,
		    out, 80);
		push_line(&h, &g, 12345 + i, in, 80);
		first++;
	}
	CHECK(ok);
	CHECK(history_get(&h, h.count) == NULL);
	grid_free(&g);
	history_free(&h);
}

/*
 * Random pushes, pops, limit changes and reads against a model: an array
 * of the seeds of the lines kept, [lo, hi).
 */
static void
test_model(void)
{
	static u_int	 model[40000];
	struct grid	 g;
	struct history	 h;
	struct cell	 in[40], out[40];
	uint32_t	 r = 99;
	u_int		 op, lo = 0, hi = 0, seed = 0, limit = 700, i, n, packed;
	int		 ok = 1;

	history_init(&h, limit);
	grid_init(&g, 2, 40, &h);
	for (op = 0; op < 40000 && ok; op++) {
		n = next(&r) % 100;
		if (n < 70) {
			push_line(&h, &g, seed, in, 40);
			if (limit > 0) {
				if (hi - lo == limit)
					lo++;
				model[hi++] = seed;
			}
			seed++;
		} else if (n < 85) {
			if (hi > lo)
				ok = same_line(history_pop(&h), &g, model[--hi],
				    in, out, 40);
			else
				ok = history_pop(&h) == NULL;
		} else if (n < 87) {
			switch (next(&r) % 4) {
			case 0:
				limit = next(&r) % 4;
				break;
			case 1:
				limit = next(&r) % 300;
				break;
			default:
				limit = 200 + next(&r) % 1500;
				break;
			}
			history_set_limit(&h, limit);
			if (hi - lo > limit)
				lo = hi - limit;
		} else if (hi > lo) {
			i = next(&r) % (hi - lo);
			ok = same_line(history_get(&h, i), &g, model[lo + i],
			    in, out, 40);
		}
		if (ok && (h.count != hi - lo || h.limit != limit ||
		    !blocks_right(&h, &packed)))
			ok = 0;
		for (i = 0; ok && op % 5000 == 0 && i < hi - lo; i++)
			ok = same_line(history_get(&h, i), &g, model[lo + i],
			    in, out, 40);
		if (!ok)
			fprintf(stderr, "model: op %u, %u lines\n", op, hi - lo);
	}
	CHECK(ok);
	grid_free(&g);
	history_free(&h);
}

/*
 * The bench's lines of text (bench/workload.c) through a terminal: the
 * scrollback holds them in well under the text's size.
 */
static void
test_compact(void)
{
	static char	 buf[WORKLOAD_MAX];
	struct term	 t;
	workload_fn	 fn = workload_find("ascii");
	size_t		 text = 0, n;
	u_int		 i, packed;

	term_init(&t, 40, 120, 10000, NULL, NULL, NULL);
	for (i = 0; i < 10100; i++) {
		n = fn(buf);
		text += n - 2;
		term_input(&t, buf, n);
	}
	/* A few lines wrap: more than 10,000 rows went by. */
	CHECK(t.primary.hist->count == 10000);
	CHECK(blocks_right(t.primary.hist, &packed));
	CHECK(packed + HIST_HOT + 1 >= t.primary.hist->nblocks);
	/* About 66 bytes a line of text: kept in less than two thirds. */
	CHECK(t.primary.hist->bytes < text * 2 / 3);
	term_free(&t);
}

static void
test_limit(void)
{
	struct grid	 g;
	struct history	 h;
	struct cell	 in[8], out[8];
	char		 s[16];
	u_int		 i;

	history_init(&h, 5);
	grid_init(&g, 2, 8, &h);
	for (i = 0; i < 12; i++) {
		snprintf(s, sizeof s, "n%u", i);
		fill_ascii(in, 8, s);
		history_push(&h, &g, in, 8, 0);
	}
	CHECK(h.count == 5);
	history_decode(history_get(&h, 0), &g, out, 8);
	CHECK(CELL_CH(&out[1]) == '7');
	history_decode(history_get(&h, 4), &g, out, 8);
	CHECK(CELL_CH(&out[1]) == '1' && CELL_CH(&out[2]) == '1');
	history_set_limit(&h, 2);
	CHECK(h.count == 2);
	history_decode(history_get(&h, 0), &g, out, 8);
	CHECK(CELL_CH(&out[1]) == '1' && CELL_CH(&out[2]) == '0');
	CHECK(history_pop(&h) != NULL);
	CHECK(h.count == 1);
	history_set_limit(&h, 0);
	CHECK(h.count == 0 && h.nblocks == 0);
	CHECK(history_pop(&h) == NULL);
	grid_free(&g);
	history_free(&h);
}

static void
test_zero_limit(void)
{
	struct grid	 g;
	struct history	 h;
	struct cell	 in[4];

	history_init(&h, 0);
	grid_init(&g, 2, 4, &h);
	fill_ascii(in, 4, "abc");
	history_push(&h, &g, in, 4, 0);
	CHECK(h.count == 0);
	CHECK(h.bytes == 0);
	grid_free(&g);
	history_free(&h);
}

/*
 * Oniguruma is opened for a regular expression only: without it a plain
 * search still works and a regular one is refused with the reason (it
 * ended tterm).
 */
static void
test_search_without_oniguruma(void)
{
	const char	*file = oniglib_lib.file;
	struct search	*s;
	char		*cause = NULL;

	oniglib_lib.file = "/nonexistent/libonig.so.5";
	s = search_new("abc", 0, &cause);
	CHECK(s != NULL);
	search_free(s);
	CHECK(oniglib_lib.handle == NULL);
	s = search_new("a.c", 1, &cause);
	CHECK(s == NULL);
	CHECK(cause != NULL && strstr(cause, "libonig") != NULL);
	free(cause);
	free(oniglib_lib.cause);
	oniglib_lib.cause = NULL;
	oniglib_lib.file = file;
	cause = NULL;
	s = search_new("a.c", 1, &cause);
	CHECK(s != NULL);
	search_free(s);
}

int
main(void)
{
	RUN(test_search_without_oniguruma);
	RUN(test_round_trip);
	RUN(test_packed);
	RUN(test_scan);
	RUN(test_model);
	RUN(test_compact);
	RUN(test_limit);
	RUN(test_zero_limit);
	UNIT_EXIT();
}
