/*
 * history.c: the scrollback. A line that scrolls off the top is stored as a
 * byte string: UTF-8 text with a few marker bytes for pen changes, wide
 * characters and combining marks, and with trailing blanks dropped. A plain
 * ASCII line costs its length plus a 12-byte header (with the time its
 * first character came, for the time stamps shown on screen), about a
 * twelfth of the cells it came from.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"

#define HIST_PEN	0x01	/* then fg, bg (4 bytes each), attr (2) */
#define HIST_WIDE	0x02	/* the next character is double-width */
#define HIST_COMBINE	0x03	/* the next code point joins the last cell */
#define HIST_PENLEN	11

static unsigned char	*hist_buf;
static size_t		 hist_bufsize;

/* Set up an empty history keeping at most limit lines. */
void
history_init(struct history *h, u_int limit)
{
	memset(h, 0, sizeof *h);
	h->limit = limit;
	if (limit > 0)
		h->lines = xcalloc(limit, sizeof *h->lines);
}

/* Free every line. */
void
history_free(struct history *h)
{
	u_int	i;

	for (i = 0; i < h->count; i++)
		free(h->lines[(h->head + i) % h->limit]);
	free(h->lines);
	memset(h, 0, sizeof *h);
}

/* Line i, 0 being the oldest. */
const struct hline *
history_get(const struct history *h, u_int i)
{
	if (i >= h->count)
		return (NULL);
	return (h->lines[(h->head + i) % h->limit]);
}

static size_t
hist_utf8(unsigned char *p, uint32_t c)
{
	if (c < 0x80) {
		p[0] = c;
		return (1);
	}
	if (c < 0x800) {
		p[0] = 0xc0 | (c >> 6);
		p[1] = 0x80 | (c & 0x3f);
		return (2);
	}
	if (c < 0x10000) {
		p[0] = 0xe0 | (c >> 12);
		p[1] = 0x80 | ((c >> 6) & 0x3f);
		p[2] = 0x80 | (c & 0x3f);
		return (3);
	}
	p[0] = 0xf0 | ((c >> 18) & 0x07);
	p[1] = 0x80 | ((c >> 12) & 0x3f);
	p[2] = 0x80 | ((c >> 6) & 0x3f);
	p[3] = 0x80 | (c & 0x3f);
	return (4);
}

/* Decode one code point written by hist_utf8; return its length. */
static size_t
hist_unutf8(const unsigned char *p, const unsigned char *end, uint32_t *c)
{
	size_t	n, i;

	if (p[0] < 0x80) {
		*c = p[0];
		return (1);
	}
	if ((p[0] & 0xe0) == 0xc0) {
		*c = p[0] & 0x1f;
		n = 2;
	} else if ((p[0] & 0xf0) == 0xe0) {
		*c = p[0] & 0x0f;
		n = 3;
	} else {
		*c = p[0] & 0x07;
		n = 4;
	}
	if ((size_t)(end - p) < n) {
		*c = ' ';
		return (end - p);
	}
	for (i = 1; i < n; i++)
		*c = (*c << 6) | (p[i] & 0x3f);
	return (n);
}

static int
hist_blank(const struct cell *c)
{
	uint32_t	ch = CELL_CH(c);

	return ((ch == 0 || ch == ' ') && CELL_ATTR(c) == 0 && c->fg == 0 &&
	    c->bg == 0);
}

/* Encode cols cells into hist_buf; return the length. */
static size_t
hist_encode(struct grid *g, const struct cell *cells, u_int cols,
    u_int *ncells)
{
	const struct cell	*c;
	unsigned char		*p;
	uint32_t		 chars[COMBO_CHARS], fg = 0, bg = 0, ch;
	uint16_t		 attr = 0, a;
	size_t			 need, n, k;
	u_int			 i, used = cols;

	while (used > 0 && hist_blank(&cells[used - 1]))
		used--;
	*ncells = used;
	need = (size_t)used * (HIST_PENLEN + 1 + COMBO_CHARS * 5) + 64;
	if (need > hist_bufsize) {
		free(hist_buf);
		hist_bufsize = need;
		hist_buf = xmalloc(need);
	}
	p = hist_buf;
	for (i = 0; i < used; i++) {
		c = &cells[i];
		/* The common cell: ASCII in the current pen. */
		if ((c->ch - 0x20 < 0x5f || c->ch == 0) && c->fg == fg &&
		    c->bg == bg && attr == 0) {
			*p++ = c->ch == 0 ? ' ' : c->ch;
			continue;
		}
		a = CELL_ATTR(c) & ATTR_PENMASK;
		if (a != attr || c->fg != fg || c->bg != bg) {
			attr = a;
			fg = c->fg;
			bg = c->bg;
			*p++ = HIST_PEN;
			memcpy(p, &fg, 4);
			memcpy(p + 4, &bg, 4);
			memcpy(p + 8, &attr, 2);
			p += 10;
		}
		if (CELL_ATTR(c) & ATTR_WIDECONT) {
			if (i > 0 && (CELL_ATTR(c - 1) & ATTR_WIDE))
				continue;
			*p++ = ' ';
			continue;
		}
		n = cell_chars(g, c, chars, COMBO_CHARS);
		ch = chars[0];
		if (ch < 0x20 || ch == 0x7f || ch > 0x10ffff)
			ch = ' ';
		if ((CELL_ATTR(c) & ATTR_WIDE) && i + 1 < used)
			*p++ = HIST_WIDE;
		p += hist_utf8(p, ch);
		for (k = 1; k < n; k++) {
			*p++ = HIST_COMBINE;
			p += hist_utf8(p, chars[k]);
		}
	}
	return (p - hist_buf);
}

/*
 * Append a row to the history, with the time its first character came,
 * dropping the oldest line when full.
 */
void
history_push(struct history *h, struct grid *g, const struct cell *cells,
    u_int cols, uint32_t stamp)
{
	struct hline	*hl, **slot;
	size_t		 len;
	u_int		 ncells;

	if (h->limit == 0)
		return;
	len = hist_encode(g, cells, cols, &ncells);
	if (h->count == h->limit) {
		slot = &h->lines[h->head];
		h->head = (h->head + 1) % h->limit;
		h->bytes -= sizeof **slot + (*slot)->len;
		hl = realloc(*slot, sizeof *hl + len);
		if (hl == NULL)
			fatal("out of memory");
	} else {
		slot = &h->lines[(h->head + h->count) % h->limit];
		h->count++;
		hl = xmalloc(sizeof *hl + len);
	}
	hl->ncells = ncells > UINT16_MAX ? UINT16_MAX : ncells;
	hl->flags = cols > 0 && (CELL_ATTR(&cells[cols - 1]) & ATTR_WRAPPED) ?
	    HLINE_WRAPPED : 0;
	hl->len = len;
	hl->stamp = stamp;
	memcpy(hl->data, hist_buf, len);
	h->bytes += sizeof *hl + len;
	*slot = hl;
}

/* Take the newest line off the history; the caller frees it. */
struct hline *
history_pop(struct history *h)
{
	struct hline	*hl;
	u_int		 i;

	if (h->count == 0)
		return (NULL);
	i = (h->head + h->count - 1) % h->limit;
	hl = h->lines[i];
	h->lines[i] = NULL;
	h->count--;
	h->bytes -= sizeof *hl + hl->len;
	return (hl);
}

/* Change the limit, dropping the oldest lines if needed. */
void
history_set_limit(struct history *h, u_int limit)
{
	struct hline	**lines = NULL;
	u_int		  i, skip;

	if (limit == h->limit)
		return;
	skip = h->count > limit ? h->count - limit : 0;
	if (limit > 0)
		lines = xcalloc(limit, sizeof *lines);
	for (i = 0; i < h->count; i++) {
		if (i < skip) {
			h->bytes -= sizeof **h->lines +
			    h->lines[(h->head + i) % h->limit]->len;
			free(h->lines[(h->head + i) % h->limit]);
		} else
			lines[i - skip] = h->lines[(h->head + i) % h->limit];
	}
	free(h->lines);
	h->lines = lines;
	h->count -= skip;
	h->head = 0;
	h->limit = limit;
}

/* Expand a stored line into cols cells. */
void
history_decode(const struct hline *hl, struct grid *g, struct cell *out,
    u_int cols)
{
	const unsigned char	*p, *end;
	uint32_t		 fg = 0, bg = 0, ch, chars[COMBO_CHARS];
	uint16_t		 attr = 0;
	u_int			 col = 0, last = 0;
	size_t			 n;
	int			 wide = 0;

	memset(out, 0, cols * sizeof *out);
	if (hl == NULL)
		return;
	p = hl->data;
	end = p + hl->len;
	while (p < end) {
		if (*p == HIST_PEN && end - p >= HIST_PENLEN) {
			memcpy(&fg, p + 1, 4);
			memcpy(&bg, p + 5, 4);
			memcpy(&attr, p + 9, 2);
			attr &= ATTR_PENMASK;
			p += HIST_PENLEN;
			continue;
		}
		if (*p == HIST_WIDE) {
			wide = 1;
			p++;
			continue;
		}
		if (*p == HIST_COMBINE && p + 1 < end) {
			p += 1 + hist_unutf8(p + 1, end, &ch);
			if (col == 0 || last >= cols)
				continue;
			n = cell_chars(g, &out[last], chars,
			    COMBO_CHARS - 1);
			chars[n] = ch;
			if (n + 1 < COMBO_CHARS)
				chars[n + 1] = 0;
			out[last].ch = CELL_MAKE(cell_combo_add(g, chars),
			    CELL_ATTR(&out[last]));
			continue;
		}
		p += hist_unutf8(p, end, &ch);
		if (col >= cols) {
			wide = 0;
			continue;
		}
		last = col;
		out[col].fg = fg;
		out[col].bg = bg;
		if (wide && col + 1 < cols) {
			out[col].ch = CELL_MAKE(ch, attr | ATTR_WIDE);
			out[col + 1].ch = CELL_MAKE(0, attr | ATTR_WIDECONT);
			out[col + 1].fg = fg;
			out[col + 1].bg = bg;
			col += 2;
		} else {
			out[col].ch = CELL_MAKE(ch, attr);
			col++;
		}
		wide = 0;
	}
	if ((hl->flags & HLINE_WRAPPED) && cols > 0)
		out[cols - 1].ch |= CELL_MAKE(0, ATTR_WRAPPED);
}
