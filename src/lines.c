/*
 * lines.c: a tab's text as one list of lines, the scrollback's then the
 * screen's, for what looks over all of it (search, copy). Lines are named
 * two ways: by index, 0 the oldest kept, which moves when the history is
 * full and drops a line; and by id, which never moves (the count of lines
 * ever pushed tells how many went before the oldest kept).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"

static struct cell	*lines_tmp;
static u_int		 lines_tmp_cols;

/* Lines held: the history's and the screen's. */
u_int
lines_count(const struct term *t)
{
	const struct history	*h = t->primary.hist;

	return ((h != NULL ? h->count : 0) + t->g->rows);
}

/* Lines in the history (those before the screen's). */
u_int
lines_history(const struct term *t)
{
	const struct history	*h = t->primary.hist;

	return (h != NULL ? h->count : 0);
}

/* The id of line index i. */
u_int
lines_id(const struct term *t, u_int i)
{
	return (t->primary.pushed - lines_history(t) + i);
}

/* The index of line id, or -1 when it is gone. */
long
lines_index(const struct term *t, u_int id)
{
	u_int	i = id - (t->primary.pushed - lines_history(t));

	return (i < lines_count(t) ? (long)i : -1);
}

/*
 * The cells of line i and the grid that knows its combined characters;
 * a history line is decoded into a buffer that the next call reuses.
 */
const struct cell *
lines_get(struct term *t, u_int i, struct grid **gp)
{
	struct history	*h = t->primary.hist;
	u_int		 nh = lines_history(t), cols = t->g->cols;

	if (i >= nh) {
		*gp = t->g;
		return (grid_row(t->g, i - nh));
	}
	if (lines_tmp_cols < cols) {
		free(lines_tmp);
		lines_tmp_cols = cols;
		lines_tmp = xcalloc(cols, sizeof *lines_tmp);
	}
	*gp = &t->primary;
	history_decode(history_get(h, i), &t->primary, lines_tmp, cols);
	return (lines_tmp);
}

/* When line i's first character came (0: not known). */
uint32_t
lines_stamp(struct term *t, u_int i)
{
	const struct hline	*hl;
	u_int			 nh = lines_history(t);

	if (i >= nh)
		return (grid_stamp(t->g, i - nh));
	hl = history_get(t->primary.hist, i);
	return (hl != NULL ? hl->stamp : 0);
}

/* Whether line i runs on into the next (it was wrapped). */
int
lines_wrapped(struct term *t, u_int i)
{
	struct grid		*g;
	const struct cell	*row = lines_get(t, i, &g);

	return ((CELL_ATTR(&row[t->g->cols - 1]) & ATTR_WRAPPED) != 0);
}

static void
lines_utf8(struct buf *b, uint32_t ch)
{
	char	s[4];
	size_t	n;

	if (ch < 0x80) {
		s[0] = ch;
		n = 1;
	} else if (ch < 0x800) {
		s[0] = 0xc0 | (ch >> 6);
		s[1] = 0x80 | (ch & 0x3f);
		n = 2;
	} else if (ch < 0x10000) {
		s[0] = 0xe0 | (ch >> 12);
		s[1] = 0x80 | ((ch >> 6) & 0x3f);
		s[2] = 0x80 | (ch & 0x3f);
		n = 3;
	} else {
		s[0] = 0xf0 | (ch >> 18);
		s[1] = 0x80 | ((ch >> 12) & 0x3f);
		s[2] = 0x80 | ((ch >> 6) & 0x3f);
		s[3] = 0x80 | (ch & 0x3f);
		n = 4;
	}
	buf_add(b, s, n);
}

/*
 * The text of columns [c0, c1) of a row as UTF-8, appended to b: a wide
 * character once (its second half adds nothing), combining marks after
 * their base, blank cells as spaces. With cols, the column each byte
 * came from is appended there too (for matches found in the text).
 */
void
lines_text(struct grid *g, const struct cell *row, u_int c0, u_int c1,
    struct buf *b, struct buf *cols)
{
	uint32_t	chars[COMBO_CHARS];
	size_t		n, k, before;
	uint16_t	x;

	for (x = c0; x < c1; x++) {
		if (CELL_ATTR(&row[x]) & ATTR_WIDECONT)
			continue;
		before = b->len;
		n = cell_chars(g, &row[x], chars, COMBO_CHARS);
		if (chars[0] == 0)
			chars[0] = ' ';
		for (k = 0; k < n; k++)
			lines_utf8(b, chars[k]);
		if (cols != NULL) {
			for (k = before; k < b->len; k++)
				buf_add(cols, &x, sizeof x);
		}
	}
}

/* The column after the last non-blank cell of a row (0: all blank). */
u_int
lines_used(const struct cell *row, u_int cols)
{
	while (cols > 0 && (CELL_CH(&row[cols - 1]) == 0 ||
	    CELL_CH(&row[cols - 1]) == ' ') &&
	    !(CELL_ATTR(&row[cols - 1]) & ATTR_WIDECONT))
		cols--;
	return (cols);
}
