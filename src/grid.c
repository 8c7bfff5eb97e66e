/*
 * grid.c: tterm's screen model. The visible rows sit in a ring of row
 * pointers: scrolling the whole screen only moves the ring's top (the rows
 * that leave go to the history in compact form), and scrolling a region
 * rotates pointers, never cells. Every change marks its rows dirty for the
 * renderer, which paints only those.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"

static void	grid_blank_cell(struct cell *);

/* Return logical row r. */
struct cell *
grid_row(struct grid *g, u_int r)
{
	u_int	i = g->top + r;

	if (i >= g->rows)
		i -= g->rows;
	return (g->ring[i]);
}

/* The slot in the ring of logical row r. */
static u_int
grid_slot(struct grid *g, u_int r)
{
	u_int	i = g->top + r;

	return (i >= g->rows ? i - g->rows : i);
}

/* When logical row r's first character came (0: it has none). */
uint32_t
grid_stamp(struct grid *g, u_int r)
{
	return (r < g->rows ? g->stamps[grid_slot(g, r)] : 0);
}

/* Mark rows [r0, r1) dirty. */
void
grid_set_dirty(struct grid *g, u_int r0, u_int r1)
{
	if (r1 > g->rows)
		r1 = g->rows;
	if (r0 >= r1)
		return;
	memset(g->dirty + r0, 1, r1 - r0);
	g->any_dirty = 1;
}

/* Forget all dirty marks, after a paint. */
void
grid_clean(struct grid *g)
{
	if (g->any_dirty)
		memset(g->dirty, 0, g->rows);
	g->any_dirty = 0;
}

/* Allocate a grid of blank cells. */
void
grid_init(struct grid *g, u_int rows, u_int cols, struct history *hist)
{
	u_int	r;

	memset(g, 0, sizeof *g);
	g->rows = rows;
	g->cols = cols;
	g->hist = hist;
	g->ring = xcalloc(rows, sizeof *g->ring);
	for (r = 0; r < rows; r++)
		g->ring[r] = xcalloc(cols, sizeof **g->ring);
	g->dirty = xcalloc(rows, 1);
	g->stamps = xcalloc(rows, sizeof *g->stamps);
	grid_set_dirty(g, 0, rows);
}

/* Free a grid's rows and tables (not its history). */
void
grid_free(struct grid *g)
{
	u_int	r;

	if (g->ring != NULL) {
		for (r = 0; r < g->rows; r++)
			free(g->ring[r]);
	}
	free(g->ring);
	free(g->dirty);
	free(g->combo);
	free(g->stamps);
	g->ring = NULL;
	g->dirty = NULL;
	g->combo = NULL;
	g->stamps = NULL;
}

/* Turn half of a split double-width character into a plain blank. */
static void
grid_blank_cell(struct cell *c)
{
	c->ch = CELL_MAKE(0, CELL_ATTR(c) & ATTR_PENMASK);
}

/*
 * Write n printable ASCII characters from (row, col) with pen p, all on
 * the row (term.c's fast path). A cell that holds half of a wide
 * character is written as grid_put() does, blanking the other half.
 */
void
grid_put_ascii(struct grid *g, u_int row, u_int col, const char *s,
    size_t n, const struct pen *p)
{
	struct cell	*line, *c;
	uint32_t	 attr = p->attr & ATTR_PENMASK, one[2] = { 0, 0 };
	size_t		 i;

	if (row >= g->rows || col >= g->cols || n > g->cols - col)
		return;
	line = grid_row(g, row);
	for (i = 0; i < n; i++) {
		c = &line[col + i];
		if (CELL_ATTR(c) & (ATTR_WIDE | ATTR_WIDECONT)) {
			one[0] = (u_char)s[i];
			grid_put(g, row, col + i, one, 1, p);
			continue;
		}
		c->ch = CELL_MAKE((u_char)s[i], attr);
		c->fg = p->fg;
		c->bg = p->bg;
	}
	if (g->stamps[grid_slot(g, row)] == 0)
		g->stamps[grid_slot(g, row)] = g->now;
	g->dirty[row] = 1;
	g->any_dirty = 1;
}

/* Write a glyph of width 1 or 2 at (row, col) with pen p. */
void
grid_put(struct grid *g, u_int row, u_int col, const uint32_t *chars,
    int width, const struct pen *p)
{
	struct cell	*line, *c;
	uint32_t	 ch;
	u_int		 attr = p->attr & ATTR_PENMASK;

	if (row >= g->rows || col >= g->cols)
		return;
	line = grid_row(g, row);
	c = &line[col];

	/*
	 * Never leave half of a wide character behind. Any width but 2 is
	 * one cell: libvterm 0.1.4 gives a character combined after its
	 * margins moved the line a width of 3.
	 */
	if ((CELL_ATTR(c) & ATTR_WIDECONT) && col > 0)
		grid_blank_cell(&line[col - 1]);
	if (width != 2 && (CELL_ATTR(c) & ATTR_WIDE) && col + 1 < g->cols)
		grid_blank_cell(&line[col + 1]);
	if (width == 2 && col + 2 < g->cols &&
	    (CELL_ATTR(&line[col + 1]) & ATTR_WIDE))
		grid_blank_cell(&line[col + 2]);

	ch = (chars[0] != 0 && chars[1] != 0) ? cell_combo_add(g, chars) :
	    chars[0];
	if (width == 2 && col + 1 < g->cols) {
		c->ch = CELL_MAKE(ch, attr | ATTR_WIDE);
		line[col + 1].ch = CELL_MAKE(0, attr | ATTR_WIDECONT);
		line[col + 1].fg = p->fg;
		line[col + 1].bg = p->bg;
	} else
		c->ch = CELL_MAKE(ch, attr);
	c->fg = p->fg;
	c->bg = p->bg;
	if (g->stamps[grid_slot(g, row)] == 0)
		g->stamps[grid_slot(g, row)] = g->now;
	g->dirty[row] = 1;
	g->any_dirty = 1;
}

/* Clip a rect to the grid; 0 if nothing is left of it. */
static int
grid_clip(struct grid *g, u_int r0, u_int *r1, u_int c0, u_int *c1)
{
	if (*r1 > g->rows)
		*r1 = g->rows;
	if (*c1 > g->cols)
		*c1 = g->cols;
	return (r0 < *r1 && c0 < *c1);
}

/* Send the top n rows to the history (nothing for the alternate grid). */
static void
grid_push_top(struct grid *g, u_int n)
{
	u_int	i;

	if (g->hist == NULL)
		return;
	for (i = 0; i < n; i++) {
		history_push(g->hist, g, grid_row(g, i), g->cols,
		    grid_stamp(g, i));
	}
	g->pushed += n;
}

/* Erase [r0, r1) x [c0, c1) to blanks in the pen's colours. */
void
grid_erase(struct grid *g, u_int r0, u_int r1, u_int c0, u_int c1,
    const struct pen *p)
{
	struct cell	*line, blank;
	u_int		 r, c;

	if (!grid_clip(g, r0, &r1, c0, &c1))
		return;
	blank.ch = 0;
	blank.fg = p->fg;
	blank.bg = p->bg;
	for (r = r0; r < r1; r++) {
		line = grid_row(g, r);
		if (c0 == 0 && c1 == g->cols)
			g->stamps[grid_slot(g, r)] = 0;	/* a new line */
		if (c0 > 0 && (CELL_ATTR(&line[c0]) & ATTR_WIDECONT))
			grid_blank_cell(&line[c0 - 1]);
		if (c1 < g->cols && (CELL_ATTR(&line[c1]) & ATTR_WIDECONT))
			grid_blank_cell(&line[c1]);
		if (blank.fg == 0 && blank.bg == 0)
			memset(&line[c0], 0, (c1 - c0) * sizeof *line);
		else {
			for (c = c0; c < c1; c++)
				line[c] = blank;
		}
	}
	grid_set_dirty(g, r0, r1);
}

/*
 * Blank the halves of double-width characters left without their other
 * half in columns [c0, c1] of a row, and in the column before.
 */
static void
grid_mend(struct grid *g, struct cell *line, u_int c0, u_int c1)
{
	u_int	c;

	for (c = c0 > 0 ? c0 - 1 : 0; c <= c1 && c < g->cols; c++) {
		if ((CELL_ATTR(&line[c]) & ATTR_WIDE) && (c + 1 == g->cols ||
		    !(CELL_ATTR(&line[c + 1]) & ATTR_WIDECONT)))
			grid_blank_cell(&line[c]);
		if ((CELL_ATTR(&line[c]) & ATTR_WIDECONT) && (c == 0 ||
		    !(CELL_ATTR(&line[c - 1]) & ATTR_WIDE)))
			grid_blank_cell(&line[c]);
	}
}

/*
 * Copy the rect at (sr, sc) of size h x w to (dr, dc), overlap allowed. A
 * rect that cuts a double-width character (inserting or deleting
 * characters next to one) leaves no half of it behind.
 */
void
grid_move(struct grid *g, u_int dr, u_int dc, u_int sr, u_int sc, u_int h,
    u_int w)
{
	u_int	i, r;

	if (h == 0 || w == 0)
		return;
	for (i = 0; i < h; i++) {
		r = (dr > sr) ? h - 1 - i : i;	/* copy away from the overlap */
		memmove(grid_row(g, dr + r) + dc, grid_row(g, sr + r) + sc,
		    w * sizeof (struct cell));
		grid_mend(g, grid_row(g, dr + r), dc, dc + w);
	}
	grid_set_dirty(g, dr, dr + h);
}

/* Rotate the row pointers (and stamps) of logical rows [r0, r1) up by n. */
static void
grid_rotate_up(struct grid *g, u_int r0, u_int r1, u_int n)
{
	struct cell	*save[64], **tmp = save;
	uint32_t	 ssave[64], *stmp = ssave;
	u_int		 i, ia, ib;

	if (n > 64) {
		tmp = xcalloc(n, sizeof *tmp);
		stmp = xcalloc(n, sizeof *stmp);
	}
	for (i = 0; i < n; i++) {
		tmp[i] = grid_row(g, r0 + i);
		stmp[i] = grid_stamp(g, r0 + i);
	}
	for (i = r0; i + n < r1; i++) {
		ia = (g->top + i) % g->rows;
		ib = (g->top + i + n) % g->rows;
		g->ring[ia] = g->ring[ib];
		g->stamps[ia] = g->stamps[ib];
	}
	for (i = 0; i < n; i++) {
		ia = (g->top + r1 - n + i) % g->rows;
		g->ring[ia] = tmp[i];
		g->stamps[ia] = stmp[i];
	}
	if (tmp != save) {
		free(tmp);
		free(stmp);
	}
}

/*
 * Scroll the rect [r0, r1) x [c0, c1): a positive down moves the content up
 * (text scrolling), a positive right moves it left, as libvterm's
 * scrollrect. The vacated area is erased with the pen's colours.
 */
void
grid_scroll(struct grid *g, u_int r0, u_int r1, u_int c0, u_int c1, int down,
    int right, const struct pen *p)
{
	u_int	h, w, n;

	if (!grid_clip(g, r0, &r1, c0, &c1))
		return;
	h = r1 - r0;
	w = c1 - c0;
	if ((down > 0 && (u_int)down >= h) || (down < 0 && (u_int)-down >= h) ||
	    (right > 0 && (u_int)right >= w) ||
	    (right < 0 && (u_int)-right >= w)) {
		if (down > 0 && r0 == 0 && r1 == g->rows && c0 == 0 &&
		    c1 == g->cols)
			grid_push_top(g, h);
		grid_erase(g, r0, r1, c0, c1, p);
		return;
	}

	if (right == 0 && c0 == 0 && c1 == g->cols) {
		/* Whole rows: move pointers, not cells. */
		if (down > 0) {
			n = down;
			if (r0 == 0 && r1 == g->rows) {
				grid_push_top(g, n);
				g->top = (g->top + n) % g->rows;
			} else
				grid_rotate_up(g, r0, r1, n);
			grid_erase(g, r1 - n, r1, c0, c1, p);
		} else {
			n = -down;
			if (r0 == 0 && r1 == g->rows)
				g->top = (g->top + g->rows - n) % g->rows;
			else
				grid_rotate_up(g, r0, r1, h - n);
			grid_erase(g, r0, r0 + n, c0, c1, p);
		}
		grid_set_dirty(g, r0, r1);
		return;
	}

	/* A rect narrower than the screen, or a sideways scroll. */
	if (down > 0) {
		grid_move(g, r0, c0, r0 + down, c0, h - down, w);
		grid_erase(g, r1 - down, r1, c0, c1, p);
	} else if (down < 0) {
		grid_move(g, r0 - down, c0, r0, c0, h + down, w);
		grid_erase(g, r0, r0 - down, c0, c1, p);
	}
	if (right > 0) {
		grid_move(g, r0, c0, r0, c0 + right, h, w - right);
		grid_erase(g, r0, r1, c1 - right, c1, p);
	} else if (right < 0) {
		grid_move(g, r0, c0 - right, r0, c0, h, w + right);
		grid_erase(g, r0, r1, c0, c0 - right, p);
	}
}

/* Whether a row holds nothing but default blanks. */
static int
grid_row_blank(struct grid *g, u_int r)
{
	const struct cell	*line = grid_row(g, r);
	u_int			 c;

	for (c = 0; c < g->cols; c++) {
		if ((CELL_CH(&line[c]) != 0 && CELL_CH(&line[c]) != ' ') ||
		    CELL_ATTR(&line[c]) != 0 || line[c].bg != 0)
			return (0);
	}
	return (1);
}

/*
 * Shrinking from the grid's rows to rows: how many rows go into the
 * history from the top (*push) and how many go from the bottom (*drop).
 */
static void
grid_resize_shrink(struct grid *g, u_int rows, int cursor, u_int *push,
    u_int *drop)
{
	u_int	r, old = g->rows;

	*drop = 0;
	/* Blank rows below the cursor go first, as in libvterm. */
	for (r = old; r > rows; r--) {
		if ((int)r - 1 == cursor || !grid_row_blank(g, r - 1))
			break;
		(*drop)++;
	}
	*push = old - rows - *drop;
	/*
	 * Never push the cursor's row off the top (libvterm would take the
	 * cursor above the screen): what does not fit above it goes from
	 * below, text or not.
	 */
	if (cursor >= 0 && *push > (u_int)cursor) {
		*drop += *push - cursor;
		*push = cursor;
	}
}

/* A row kept through a resize, at the new width. */
static struct cell *
grid_resize_row(struct cell *line, u_int oldcols, u_int cols)
{
	if (cols == oldcols)
		return (line);
	line = xreallocarray(line, cols, sizeof *line);
	if (cols > oldcols)
		memset(line + oldcols, 0, (cols - oldcols) * sizeof *line);
	else if (CELL_ATTR(&line[cols - 1]) & ATTR_WIDE)
		grid_blank_cell(&line[cols - 1]);
	return (line);
}

/*
 * Change the size. Rows leaving at the top go to the history and rows
 * coming in at the top come back from it, so a shell's output survives a
 * resize; the cursor's row (cursor, or -1 for none) stays on the screen.
 * Return how far the cursor row moves.
 */
int
grid_resize(struct grid *g, u_int rows, u_int cols, int cursor)
{
	struct cell		**ring, *line;
	const struct hline	 *hl;
	uint32_t		 *stamps;
	u_int			  r, drop = 0, push = 0, pull = 0, old = g->rows;
	u_int			  keep, oldcols = g->cols;

	if (rows == 0 || cols == 0)
		return (0);
	ring = xcalloc(rows, sizeof *ring);
	stamps = xcalloc(rows, sizeof *stamps);
	if (rows < old)
		grid_resize_shrink(g, rows, cursor, &push, &drop);
	else if (rows > old && g->hist != NULL) {
		pull = rows - old;
		if (pull > g->hist->count)
			pull = g->hist->count;
	}

	/* Rows pushed to history go at the old width. */
	for (r = 0; r < push; r++) {
		line = grid_row(g, r);
		if (g->hist != NULL) {
			history_push(g->hist, g, line, oldcols,
			    grid_stamp(g, r));
			g->pushed++;
		}
		free(line);
	}
	for (r = old - drop; r < old; r++)
		free(grid_row(g, r));
	keep = old - push - drop;

	/* Lines pulled back from history fill the top. */
	for (r = 0; r < pull; r++) {
		hl = history_pop(g->hist);
		stamps[pull - 1 - r] = hl->stamp;
		line = xcalloc(cols, sizeof *line);
		history_decode(hl, g, line, cols);
		ring[pull - 1 - r] = line;
	}
	/* A line keeps its id (lines.c) back on the screen. */
	g->pushed -= pull;
	for (r = 0; r < keep; r++) {
		ring[pull + r] = grid_resize_row(grid_row(g, push + r), oldcols,
		    cols);
		stamps[pull + r] = grid_stamp(g, push + r);
	}
	for (r = pull + keep; r < rows; r++)
		ring[r] = xcalloc(cols, sizeof *line);

	free(g->ring);
	free(g->dirty);
	free(g->stamps);
	g->ring = ring;
	g->stamps = stamps;
	g->top = 0;
	g->rows = rows;
	g->cols = cols;
	g->dirty = xcalloc(rows, 1);
	grid_set_dirty(g, 0, rows);
	return ((int)pull - (int)push);
}
