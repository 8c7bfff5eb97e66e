/*
 * test-history.c: the compact scrollback store: round trips of every kind
 * of cell, the size of plain lines, the ring's limit and resizing.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "unit.h"

static void
fill_ascii(struct cell *c, u_int cols, const char *s)
{
	u_int	i;

	memset(c, 0, cols * sizeof *c);
	for (i = 0; s[i] != '\0' && i < cols; i++)
		c[i].ch = (unsigned char)s[i];
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

static void
test_compact(void)
{
	struct grid	 g;
	struct history	 h;
	struct cell	 in[120];
	u_int		 i;

	history_init(&h, 10000);
	grid_init(&g, 2, 120, &h);
	fill_ascii(in, 120, "a typical line of a build log, 60 characters long"
	    " ........");
	for (i = 0; i < 10000; i++)
		history_push(&h, &g, in, 120, 0);
	/* 60 bytes of text plus a small header, not 120 cells of 12 bytes. */
	CHECK(h.bytes <= 10000 * 72);
	CHECK(h.bytes >= 10000 * 60);
	grid_free(&g);
	history_free(&h);
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
	free(history_pop(&h));
	CHECK(h.count == 1);
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
	grid_free(&g);
	history_free(&h);
}

int
main(void)
{
	RUN(test_round_trip);
	RUN(test_compact);
	RUN(test_limit);
	RUN(test_zero_limit);
	UNIT_EXIT();
}
