/*
 * history.c: the scrollback. A line that scrolls off the top is stored as a
 * byte string: UTF-8 text with a few marker bytes for pen changes, wide
 * characters and combining marks, and with trailing blanks dropped, after a
 * 12-byte header (with the time its first character came, for the time
 * stamps shown on screen).
 *
 * Lines go into blocks of HIST_BLOCK records, one allocation each, with no
 * cost per line beyond the record. The newest block fills up; the newest
 * HIST_HOT full blocks behind it stay plain, since that is where pops (a
 * screen growing taller) and most reads land; older ones are compressed
 * with LZ4, which a build log's lines take to a half or a third. Reading a
 * line of a packed block unpacks the whole block into a small cache shared
 * by every history, so a scan (search, a copy, scrolling) unpacks each block
 * once. The oldest block gives up its lines one by one (skip) and is freed
 * when none is left.
 *
 * What history_get and history_pop return lives in a block, in the cache or
 * in a buffer of this file: it is good until the next call of any history
 * function, on any history.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <lz4.h>

#include "tterm.h"

#define HIST_PEN	0x01	/* then fg, bg (4 bytes each), attr (2) */
#define HIST_WIDE	0x02	/* the next character is double-width */
#define HIST_COMBINE	0x03	/* the next code point joins the last cell */
#define HIST_PENLEN	11

#define HIST_CACHE	4	/* blocks kept unpacked for reading */
#define HIST_OFFS	(HIST_BLOCK * sizeof (uint32_t))
#define HIST_RECLEN(n)	((sizeof (struct hline) + (n) + 3) & ~(size_t)3)

/* A packed block unpacked: offsets then records, as a plain block. */
struct hist_cached {
	u_int		 hist;		/* the history's id (0: empty) */
	u_int		 block;		/* its number in that history */
	unsigned char	*data;
	size_t		 size;
	u_int		 used;		/* when last read, for LRU */
};

static unsigned char	*hist_buf;	/* a record being made or popped */
static size_t		 hist_bufsize;
static char		*hist_zbuf;	/* a block being packed */
static size_t		 hist_zbufsize;
static struct hist_cached hist_cache[HIST_CACHE];
static u_int		 hist_reads;
static u_int		 hist_ids;
static const struct cell hist_zeros[8];

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

/* A blank without attributes or colours (ch holds the attributes too). */
static int
hist_blank(const struct cell *c)
{
	return ((c->ch == 0 || c->ch == ' ') && (c->fg | c->bg) == 0);
}

/* Make hist_buf hold at least size bytes (what it held may be lost). */
static void
hist_reserve(size_t size)
{
	if (size > hist_bufsize) {
		free(hist_buf);
		hist_bufsize = size;
		hist_buf = xmalloc(size);
	}
}

/* Encode cols cells into hist_buf after a record's header; the length. */
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

	/* Erased cells in the default pen are zeros: skip them 8 at a time. */
	while (used >= 8 && memcmp(&cells[used - 8], hist_zeros,
	    sizeof hist_zeros) == 0)
		used -= 8;
	while (used > 0 && hist_blank(&cells[used - 1]))
		used--;
	*ncells = used;
	need = (size_t)used * (HIST_PENLEN + 1 + COMBO_CHARS * 5) + 64;
	hist_reserve(HIST_RECLEN(need));
	p = hist_buf + sizeof (struct hline);
	for (i = 0; i < used; i++) {
		/* The common cells: ASCII in the current pen, no attributes. */
		if (attr == 0) {
			for (; i < used; i++) {
				c = &cells[i];
				if (c->ch - 0x20 < 0x5f)
					ch = c->ch;
				else if (c->ch == 0)
					ch = ' ';
				else
					break;
				if (c->fg != fg || c->bg != bg)
					break;
				*p++ = ch;
			}
			if (i == used)
				break;
		}
		c = &cells[i];
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
		ch = CELL_CH(c);
		n = 1;
		if (ch >= COMBO_BASE) {
			n = cell_chars(g, c, chars, COMBO_CHARS);
			ch = chars[0];
		}
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
	return (p - hist_buf - sizeof (struct hline));
}

/* Block k, 0 being the oldest. */
static struct hblock *
hist_block(const struct history *h, u_int k)
{
	return (&h->blocks[(h->first + k) % h->nslots]);
}

/* Set up an empty history keeping at most limit lines. */
void
history_init(struct history *h, u_int limit)
{
	memset(h, 0, sizeof *h);
	h->limit = limit;
	if (++hist_ids == 0)
		hist_ids++;
	h->id = hist_ids;
}

/* Drop what the cache holds of h: block number, or all of them. */
static void
hist_forget(const struct history *h, u_int number, int all)
{
	u_int	i;

	for (i = 0; i < HIST_CACHE; i++) {
		if (hist_cache[i].hist == h->id &&
		    (all || hist_cache[i].block == number))
			hist_cache[i].hist = 0;
	}
}

/* Free every line. */
void
history_free(struct history *h)
{
	u_int	k;

	for (k = 0; k < h->nblocks; k++)
		free(hist_block(h, k)->data);
	free(h->blocks);
	hist_forget(h, 0, 1);
	memset(h, 0, sizeof *h);
}

/* Free block k (the oldest or the newest). */
static void
hist_free_block(struct history *h, u_int k)
{
	struct hblock	*b = hist_block(h, k);

	hist_forget(h, h->base + k, 0);
	h->bytes -= b->size;
	free(b->data);
	memset(b, 0, sizeof *b);
}

/* Free the oldest blocks whose lines have all been dropped. */
static void
hist_trim(struct history *h)
{
	struct hblock	*b;

	while (h->nblocks > 0 && h->skip >= (b = hist_block(h, 0))->nlines) {
		h->skip -= b->nlines;
		hist_free_block(h, 0);
		h->first = (h->first + 1) % h->nslots;
		h->nblocks--;
		h->base++;
	}
}

/* Unpack block b into dst, HIST_OFFS + b->len bytes, as a plain block. */
static void
hist_unpack(const struct hblock *b, unsigned char *dst)
{
	uint32_t		*off = (void *)dst;
	const struct hline	*hl;
	uint32_t		 at = 0;
	u_int			 j;

	if (LZ4_decompress_safe((const char *)b->data, (char *)dst + HIST_OFFS,
	    b->size, b->len) != (int)b->len)
		fatal("%s: a damaged block", __func__);
	for (j = 0; j < b->nlines; j++) {
		if (at > b->len || b->len - at < sizeof *hl)
			fatal("%s: a damaged block", __func__);
		off[j] = at;
		hl = (const void *)(dst + HIST_OFFS + at);
		at += HIST_RECLEN(hl->len);
	}
	if (at != b->len)
		fatal("%s: a damaged block", __func__);
}

/* Compress a full plain block, unless that saves nothing. */
static void
hist_pack(struct history *h, struct hblock *b)
{
	int	n;

	if (b->packed || b->len == 0)
		return;
	if (b->len > hist_zbufsize) {
		free(hist_zbuf);
		hist_zbufsize = b->len;
		hist_zbuf = xmalloc(hist_zbufsize);
	}
	n = LZ4_compress_default((const char *)b->data + HIST_OFFS, hist_zbuf,
	    b->len, b->len);
	if (n <= 0)
		return;
	free(b->data);
	b->data = xmalloc(n);
	memcpy(b->data, hist_zbuf, n);
	h->bytes = h->bytes - b->size + n;
	b->size = n;
	b->packed = 1;
}

/* Make packed block k plain again, to take lines off its end. */
static void
hist_reopen(struct history *h, u_int k)
{
	struct hblock	*b = hist_block(h, k);
	unsigned char	*data;
	size_t		 size = HIST_OFFS + b->len;

	data = xmalloc(size);
	hist_unpack(b, data);
	hist_forget(h, h->base + k, 0);
	h->bytes = h->bytes - b->size + size;
	free(b->data);
	b->data = data;
	b->size = size;
	b->packed = 0;
}

/* Give a plain block no more memory than its lines take. */
static void
hist_fit(struct history *h, struct hblock *b)
{
	size_t	size = HIST_OFFS + b->len;

	if (b->packed || b->size == size)
		return;
	b->data = xreallocarray(b->data, 1, size);
	h->bytes = h->bytes - b->size + size;
	b->size = size;
}

/*
 * Start a new newest block with room for want bytes of records; the full
 * block that stops being one of the HIST_HOT plain ones gets packed.
 */
static struct hblock *
hist_open(struct history *h, size_t want)
{
	struct hblock	*b, *ring;
	u_int		 k, n;

	if (h->nblocks == h->nslots) {
		n = h->nslots > 0 ? h->nslots * 2 : 4;
		ring = xcalloc(n, sizeof *ring);
		for (k = 0; k < h->nblocks; k++)
			ring[k] = *hist_block(h, k);
		free(h->blocks);
		h->blocks = ring;
		h->first = 0;
		h->bytes += (n - h->nslots) * sizeof *ring;
		h->nslots = n;
	}
	b = hist_block(h, h->nblocks++);
	b->size = HIST_OFFS + want;
	b->data = xmalloc(b->size);
	h->bytes += b->size;
	if (h->nblocks >= HIST_HOT + 2)
		hist_pack(h, hist_block(h, h->nblocks - HIST_HOT - 2));
	return (b);
}

/* Add a record of rlen bytes after the newest line. */
static void
hist_append(struct history *h, const void *rec, size_t rlen)
{
	struct hblock	*b = NULL;
	size_t		 size;

	if (h->nblocks > 0)
		b = hist_block(h, h->nblocks - 1);
	if (b == NULL || b->nlines == HIST_BLOCK) {
		/* As much as the last block took, and a little more. */
		size = 16 * rlen;
		if (b != NULL) {
			hist_fit(h, b);
			size = b->len + b->len / 8;
		}
		b = hist_open(h, size < rlen ? rlen : size);
	}
	if (b->size - HIST_OFFS - b->len < rlen) {
		size = b->size * 2;
		if (size < HIST_OFFS + b->len + rlen)
			size = HIST_OFFS + b->len + rlen;
		b->data = xreallocarray(b->data, 1, size);
		h->bytes = h->bytes - b->size + size;
		b->size = size;
	}
	((uint32_t *)(void *)b->data)[b->nlines++] = b->len;
	memcpy(b->data + HIST_OFFS + b->len, rec, rlen);
	b->len += rlen;
}

/*
 * Packed block k of h unpacked, from the cache: a block read lately stays
 * there, and the one read longest ago makes room.
 */
static const unsigned char *
hist_cached(const struct history *h, u_int k, const struct hblock *b)
{
	struct hist_cached	*c, *old = &hist_cache[0];
	size_t			 size = HIST_OFFS + b->len;
	u_int			 i, number = h->base + k;

	for (i = 0; i < HIST_CACHE; i++) {
		c = &hist_cache[i];
		if (c->hist == h->id && c->block == number) {
			c->used = ++hist_reads;
			return (c->data);
		}
		if (old->hist != 0 && (c->hist == 0 || c->used < old->used))
			old = c;
	}
	if (old->size < size) {
		free(old->data);
		old->data = xmalloc(size);
		old->size = size;
	}
	hist_unpack(b, old->data);
	old->hist = h->id;
	old->block = number;
	old->used = ++hist_reads;
	return (old->data);
}

/*
 * Line i, 0 being the oldest, or NULL; good until the next call of a
 * history function.
 */
const struct hline *
history_get(const struct history *h, u_int i)
{
	const struct hblock	*b;
	const unsigned char	*p;
	const uint32_t		*off;
	u_int			 at;

	if (i >= h->count)
		return (NULL);
	at = h->skip + i;
	b = hist_block(h, at / HIST_BLOCK);
	p = b->packed ? hist_cached(h, at / HIST_BLOCK, b) : b->data;
	off = (const void *)p;
	return ((const void *)(p + HIST_OFFS + off[at % HIST_BLOCK]));
}

/*
 * Append a row to the history, with the time its first character came,
 * dropping the oldest line when full.
 */
void
history_push(struct history *h, struct grid *g, const struct cell *cells,
    u_int cols, uint32_t stamp)
{
	struct hline	*hl;
	size_t		 len, rlen;
	u_int		 ncells;

	if (h->limit == 0)
		return;
	len = hist_encode(g, cells, cols, &ncells);
	rlen = HIST_RECLEN(len);
	hl = (void *)hist_buf;
	hl->ncells = ncells > UINT16_MAX ? UINT16_MAX : ncells;
	hl->flags = cols > 0 && (CELL_ATTR(&cells[cols - 1]) & ATTR_WRAPPED) ?
	    HLINE_WRAPPED : 0;
	hl->len = len;
	hl->stamp = stamp;
	/* The padding too, so that a block packs the same every time. */
	memset(hl->data + len, 0, rlen - sizeof *hl - len);
	if (h->count == h->limit) {
		h->skip++;
		h->count--;
		hist_trim(h);
	}
	hist_append(h, hl, rlen);
	h->count++;
}

/*
 * Take the newest line off the history; it is good until the next call of
 * a history function.
 */
const struct hline *
history_pop(struct history *h)
{
	struct hblock		*b;
	const struct hline	*hl;
	uint32_t		 at;
	size_t			 rlen;

	if (h->count == 0)
		return (NULL);
	b = hist_block(h, h->nblocks - 1);
	if (b->packed)
		hist_reopen(h, h->nblocks - 1);
	at = ((uint32_t *)(void *)b->data)[--b->nlines];
	hl = (const void *)(b->data + HIST_OFFS + at);
	rlen = HIST_RECLEN(hl->len);
	hist_reserve(rlen);
	memcpy(hist_buf, hl, rlen);
	b->len = at;
	h->count--;
	if (b->nlines == 0) {
		hist_free_block(h, h->nblocks - 1);
		h->nblocks--;
	}
	hist_trim(h);		/* nothing left but dropped lines: free them */
	return ((const void *)hist_buf);
}

/* Change the limit, dropping the oldest lines if needed. */
void
history_set_limit(struct history *h, u_int limit)
{
	if (h->count > limit) {
		h->skip += h->count - limit;
		h->count = limit;
		hist_trim(h);
	}
	h->limit = limit;
}

/* Drop every line (ED 3, the saved lines erased); the limit stays. */
void
history_clear(struct history *h)
{
	u_int	limit = h->limit;

	history_set_limit(h, 0);
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
