/*
 * fuzz-term.c: a libFuzzer target for the bytes-to-screen path: libvterm
 * and term.c's callbacks into grid.c and history.c. The input sets the
 * size and the scrollback, then is fed in chunks with resizes between
 * them (see fuzz_step); after every chunk the screen model's invariants
 * are checked and the first one broken aborts. A second terminal without
 * the fast path for plain text takes the same input: both must hold the
 * same cells and cursor.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "fuzz.h"

#define FUZZ_ROWS	24	/* small: the grid is checked whole after each chunk */
#define FUZZ_COLS	100
#define FUZZ_SB		64

static void
fuzz_output(const char *s, size_t len, void *data)
{
}

static void
fuzz_event(int ev, void *data)
{
}

/* Every row a distinct pointer, every pair of wide cells together. */
static FUZZ_NOCOV void
fuzz_check_grid(const struct term *t, struct grid *g)
{
	struct cell	*row, *c;
	uint32_t	 ch, chars[COMBO_CHARS];
	u_int		 r, r2, col, attr;

	FUZZ_CHECK(g->ring != NULL && g->dirty != NULL);
	FUZZ_CHECK(g->rows == t->primary.rows && g->cols == t->primary.cols);
	FUZZ_CHECK(g->top < g->rows);
	FUZZ_CHECK(g->ncombo <= COMBO_MAX);
	for (r = 0; r < g->rows; r++) {
		FUZZ_CHECK(g->ring[r] != NULL);
		for (r2 = r + 1; r2 < g->rows; r2++)
			FUZZ_CHECK(g->ring[r] != g->ring[r2]);
	}
	for (r = 0; r < g->rows; r++) {
		row = grid_row(g, r);
		for (col = 0; col < g->cols; col++) {
			c = &row[col];
			ch = CELL_CH(c);
			attr = CELL_ATTR(c);
			/* ATTR_WRAPPED is set on a last column; cells moved
			 * by a resize or an insertion may carry it inward,
			 * where nothing reads it. */
			FUZZ_CHECK((attr & ~(ATTR_PENMASK | ATTR_WIDE |
			    ATTR_WIDECONT | ATTR_WRAPPED)) == 0);
			FUZZ_CHECK(ch < COMBO_BASE + g->ncombo);
			if (ch >= COMBO_BASE)
				FUZZ_CHECK(cell_chars(g, c, chars,
				    COMBO_CHARS) >= 2);
			if (attr & ATTR_WIDE) {
				FUZZ_CHECK(col + 1 < g->cols);
				FUZZ_CHECK(CELL_ATTR(c + 1) & ATTR_WIDECONT);
			}
			if (attr & ATTR_WIDECONT) {
				FUZZ_CHECK(col > 0);
				FUZZ_CHECK(CELL_ATTR(c - 1) & ATTR_WIDE);
				FUZZ_CHECK(ch == 0);
			}
		}
	}
}

/*
 * The history keeps at most its limit, in full blocks but the newest, and
 * counts its bytes right.
 */
static FUZZ_NOCOV void
fuzz_check_history(const struct history *h)
{
	const struct hblock	*b;
	size_t			 bytes = h->nslots * sizeof *b;
	u_int			 k, lines = 0;

	FUZZ_CHECK(h->count <= h->limit);
	FUZZ_CHECK(h->nblocks <= h->nslots);
	FUZZ_CHECK(h->nblocks > 0 || (h->count == 0 && h->skip == 0));
	for (k = 0; k < h->nblocks; k++) {
		b = &h->blocks[(h->first + k) % h->nslots];
		FUZZ_CHECK(b->nlines == HIST_BLOCK ||
		    (k == h->nblocks - 1 && b->nlines > 0));
		FUZZ_CHECK(!b->packed || b->nlines == HIST_BLOCK);
		lines += b->nlines;
		bytes += b->size;
	}
	FUZZ_CHECK(h->nblocks == 0 || h->skip < h->blocks[h->first].nlines);
	FUZZ_CHECK(lines - h->skip == h->count);
	FUZZ_CHECK(bytes == h->bytes);
	if (h->count > 0)
		FUZZ_CHECK(history_get(h, h->count - 1) != NULL);
	FUZZ_CHECK(history_get(h, h->count) == NULL);
}

static FUZZ_NOCOV void
fuzz_check(struct term *t)
{
	int		 rows, cols;
	const char	*cwd;

	vterm_get_size(t->vt, &rows, &cols);
	FUZZ_CHECK((u_int)rows == t->primary.rows);
	FUZZ_CHECK((u_int)cols == t->primary.cols);
	FUZZ_CHECK(t->g == (t->altscreen ? &t->alt : &t->primary));
	FUZZ_CHECK(t->cx >= 0 && t->cx < cols);
	FUZZ_CHECK(t->cy >= 0 && t->cy < rows);
	FUZZ_CHECK(t->alt.hist == NULL);
	fuzz_check_grid(t, &t->primary);
	fuzz_check_grid(t, &t->alt);
	fuzz_check_history(t->primary.hist);
	/* The shell's folder (OSC 7): a path, without control characters. */
	if ((cwd = term_cwd(t)) != NULL) {
		FUZZ_CHECK(cwd[0] == '/');
		for (; *cwd != '\0'; cwd++)
			FUZZ_CHECK((u_char)*cwd >= 0x20);
	}
}

/* Each stored line expands into a row again, at the screen's width. */
static void
fuzz_check_decode(struct term *t)
{
	struct history	*h = t->primary.hist;
	struct cell	*row;
	u_int		 i;

	row = xcalloc(t->primary.cols, sizeof *row);
	for (i = 0; i < h->count; i++)
		history_decode(history_get(h, i), &t->primary, row,
		    t->primary.cols);
	free(row);
}

/* The fast path (term_fast) left the same cells and cursor as without it. */
static FUZZ_NOCOV void
fuzz_check_same(struct term *a, struct term *b)
{
	struct grid	*ga, *gb;
	struct cell	*ra, *rb;
	u_int		 s, r, c;

	FUZZ_CHECK(a->cx == b->cx && a->cy == b->cy);
	FUZZ_CHECK(a->altscreen == b->altscreen);
	for (s = 0; s < 2; s++) {
		ga = s == 0 ? &a->primary : &a->alt;
		gb = s == 0 ? &b->primary : &b->alt;
		FUZZ_CHECK(ga->rows == gb->rows && ga->cols == gb->cols);
		for (r = 0; r < ga->rows; r++) {
			ra = grid_row(ga, r);
			rb = grid_row(gb, r);
			for (c = 0; c < ga->cols; c++)
				FUZZ_CHECK(ra[c].ch == rb[c].ch &&
				    ra[c].fg == rb[c].fg && ra[c].bg == rb[c].bg);
		}
	}
	FUZZ_CHECK(a->primary.hist->count == b->primary.hist->count);
}

/*
 * One step, to both terminals: a byte of 0xf0 or more resizes to the next
 * two bytes' size; any other byte b is followed by b + 1 bytes of output.
 */
static void
fuzz_step(struct term *t, struct term *slow, struct fuzz_in *in)
{
	const char	*chunk;
	u_int		 b, rows, cols;
	size_t		 got;

	b = fuzz_byte(in);
	if (b >= 0xf0) {
		rows = 1 + fuzz_byte(in) % FUZZ_ROWS;
		cols = 1 + fuzz_byte(in) % FUZZ_COLS;
		term_resize(t, rows, cols);
		term_resize(slow, rows, cols);
	} else {
		chunk = fuzz_take(in, b + 1, &got);
		term_input(t, chunk, got);
		term_input(slow, chunk, got);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in	 in = { data, size };
	struct term	 t, slow;
	u_int		 rows, cols, sb;

	rows = 1 + fuzz_byte(&in) % FUZZ_ROWS;
	cols = 1 + fuzz_byte(&in) % FUZZ_COLS;
	/* Half a short scrollback, half one long enough for packed blocks. */
	sb = fuzz_byte(&in);
	sb = sb < 0x80 ? sb % FUZZ_SB : (sb - 0x80) * 8;
	term_init(&t, rows, cols, sb, fuzz_output, fuzz_event, &t);
	term_init(&slow, rows, cols, sb, fuzz_output, fuzz_event, &slow);
	slow.slow = 1;
	fuzz_check(&t);
	while (in.left > 0) {
		fuzz_step(&t, &slow, &in);
		fuzz_check(&t);
		fuzz_check_same(&t, &slow);
	}
	fuzz_check_decode(&t);
	term_free(&t);
	term_free(&slow);
	return (0);
}
