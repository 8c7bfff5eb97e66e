/*
 * term.c: the glue between libvterm's state layer and tterm's grid. libvterm
 * parses the bytes and tracks modes, cursor and pen; its callbacks land here
 * and change the grid, which marks what the renderer must repaint.
 * libvterm's own VTermScreen is not used: it copies the whole screen for
 * every scrolled line.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tterm.h"

static uint32_t
term_colour(const VTermColor *c, int is_fg)
{
	if (is_fg && VTERM_COLOR_IS_DEFAULT_FG(c))
		return (COLOUR_DEFAULT);
	if (!is_fg && VTERM_COLOR_IS_DEFAULT_BG(c))
		return (COLOUR_DEFAULT);
	if (VTERM_COLOR_IS_INDEXED(c))
		return (COLOUR_INDEXED | c->indexed.idx);
	return (COLOUR_RGB | ((uint32_t)c->rgb.red << 16) |
	    ((uint32_t)c->rgb.green << 8) | c->rgb.blue);
}

/*
 * A code point as the grid may keep it. libvterm decodes any 4-byte UTF-8
 * form, up to 0x1FFFFF, and those past U+10FFFF would be taken for the
 * grid's combined characters (COMBO_BASE): they show as U+FFFD, as other
 * bad UTF-8 does.
 */
static uint32_t
term_char(uint32_t ch)
{
	return (ch > 0x10ffff ? 0xfffd : ch);
}

/*
 * Which rows libvterm has double width (DECDWL, DECDHL), for term_fast():
 * libvterm 0.1.4 tells when a row's width changes, but moves its rows'
 * widths on a scroll of whole rows without a word, leaving the rows the
 * scroll empties as they were, and keeps them by number on a resize.
 * This copy does the same at the same moments.
 */
static void
term_dwl_count(struct term *t)
{
	u_int	i;

	t->dwl_rows = 0;
	for (i = 0; i < t->dwl_size; i++)
		t->dwl_rows += t->dwl[i] != 0;
}

static void
term_dwl_scroll(struct term *t, VTermRect r, int down, int right)
{
	int	height = r.end_row - r.start_row - abs(down);

	if (t->dwl_rows == 0 || r.start_col != 0 ||
	    (u_int)r.end_col != t->g->cols || right != 0 || height <= 0 ||
	    r.start_row < 0 || (u_int)r.end_row > t->dwl_size)
		return;
	if (down > 0)
		memmove(t->dwl + r.start_row, t->dwl + r.start_row + down,
		    height);
	else
		memmove(t->dwl + r.start_row - down, t->dwl + r.start_row,
		    height);
	term_dwl_count(t);
}

static void
term_dwl_resize(struct term *t, u_int rows)
{
	if (rows > t->dwl_size) {
		t->dwl = xreallocarray(t->dwl, rows, 1);
		memset(t->dwl + t->dwl_size, 0, rows - t->dwl_size);
	}
	t->dwl_size = rows;
	term_dwl_count(t);
}

/*
 * Wrapped rows, which copying joins: libvterm 0.1.4 does not say when
 * text runs on to the next row, so it is seen here. A glyph that fills a
 * row's last column arms wrap_row; the next glyph, at column 0 of the row
 * below, marks the armed row's last cell. Any other cursor movement in
 * between (a CR, a CUP) disarms it; a scroll carries it up.
 */
static void
term_wrap_glyph(struct term *t, VTermPos pos, int width)
{
	struct cell	*row;

	if (t->wrap_row >= 0 && pos.col == 0 && pos.row == t->wrap_row + 1) {
		row = grid_row(t->g, t->wrap_row);
		row[t->g->cols - 1].ch |= CELL_MAKE(0, ATTR_WRAPPED);
	}
	t->wrap_row = (u_int)(pos.col + width) >= t->g->cols ? pos.row : -1;
	t->wrap_col = pos.col;
}

static int
term_putglyph(VTermGlyphInfo *info, VTermPos pos, void *data)
{
	struct term	*t = data;
	uint32_t	 chars[COMBO_CHARS + 1];
	int		 i;

	/* REP repeats this glyph: see term-guard.c. */
	t->guard.rep_ok = info->width > 0;
	if (info->width > 0)
		term_wrap_glyph(t, pos, info->width);
	/* See term_fast(). */
	if (info->dwl)
		t->dwl_glyph = 1;
	if (info->width == 1 && info->chars[1] == 0 &&
	    grid_put_narrow(t->g, pos.row, pos.col, term_char(info->chars[0]),
	    &t->pen))
		return (1);
	for (i = 0; i < COMBO_CHARS && info->chars[i] != 0; i++)
		chars[i] = term_char(info->chars[i]);
	chars[i] = 0;
	if (i == 0)
		return (1);
	grid_put(t->g, pos.row, pos.col, chars, info->width, &t->pen);
	return (1);
}

static int
term_movecursor(VTermPos pos, VTermPos oldpos, int visible, void *data)
{
	struct term	*t = data;

	t->cx = pos.col;
	t->cy = pos.row;
	t->cursor_visible = visible;
	t->moved = 1;
	if (pos.row != t->ph_row || pos.col != t->ph_col)
		t->ph_row = -1;	/* moved off: libvterm wraps no more */
	/* libvterm leaves the cursor on the glyph that filled the row (a
	 * wide one starts a column before the last), and says so at the
	 * end of a write: that is no movement. */
	if (t->wrap_row >= 0 && (pos.row != t->wrap_row ||
	    pos.col != t->wrap_col))
		t->wrap_row = -1;
	if (t->event != NULL)
		t->event(TERM_EVENT_CURSOR, t->cbdata);
	return (1);
}

static int
term_scrollrect(VTermRect r, int down, int right, void *data)
{
	struct term	*t = data;
	struct pen	 p = { t->pen.fg, t->pen.bg, 0 };

	term_dwl_scroll(t, r, down, right);
	if (t->wrap_row >= 0) {
		/* The armed row moves with the text, unless it went. */
		if (right != 0 || r.start_col != 0 ||
		    (u_int)r.end_col < t->g->cols || t->wrap_row < r.start_row ||
		    t->wrap_row >= r.end_row || t->wrap_row - down < r.start_row ||
		    t->wrap_row - down >= r.end_row)
			t->wrap_row = -1;
		else
			t->wrap_row -= down;
	}
	grid_scroll(t->g, r.start_row, r.end_row, r.start_col, r.end_col,
	    down, right, &p);
	return (1);
}

static int
term_moverect(VTermRect dst, VTermRect src, void *data)
{
	struct term	*t = data;

	grid_move(t->g, dst.start_row, dst.start_col, src.start_row,
	    src.start_col, src.end_row - src.start_row,
	    src.end_col - src.start_col);
	return (1);
}

static int
term_erase(VTermRect r, int selective, void *data)
{
	struct term	*t = data;
	struct pen	 p = { t->pen.fg, t->pen.bg, 0 };

	/* Like libvterm's screen: only the colours of the pen are used. */
	grid_erase(t->g, r.start_row, r.end_row, r.start_col, r.end_col, &p);
	return (1);
}

static int
term_initpen(void *data)
{
	struct term	*t = data;

	memset(&t->pen, 0, sizeof t->pen);
	return (1);
}

static void
term_flag(struct term *t, u_int flag, int on)
{
	if (on)
		t->pen.attr |= flag;
	else
		t->pen.attr &= ~flag;
}

static int
term_setpenattr(VTermAttr attr, VTermValue *val, void *data)
{
	struct term	*t = data;

	switch (attr) {
	case VTERM_ATTR_BOLD:
		term_flag(t, ATTR_BOLD, val->boolean);
		break;
	case VTERM_ATTR_UNDERLINE:
		term_flag(t, ATTR_UNDERLINE, val->number == 1 ||
		    val->number == 3);
		term_flag(t, ATTR_DUNDERLINE, val->number == 2);
		break;
	case VTERM_ATTR_ITALIC:
		term_flag(t, ATTR_ITALIC, val->boolean);
		break;
	case VTERM_ATTR_BLINK:
		term_flag(t, ATTR_BLINK, val->boolean);
		break;
	case VTERM_ATTR_REVERSE:
		term_flag(t, ATTR_REVERSE, val->boolean);
		break;
	case VTERM_ATTR_STRIKE:
		term_flag(t, ATTR_STRIKE, val->boolean);
		break;
	case VTERM_ATTR_FOREGROUND:
		t->pen.fg = term_colour(&val->color, 1);
		break;
	case VTERM_ATTR_BACKGROUND:
		t->pen.bg = term_colour(&val->color, 0);
		break;
	default:
		break;
	}
	return (1);
}

static int
term_settermprop(VTermProp prop, VTermValue *val, void *data)
{
	struct term	*t = data;

	switch (prop) {
	case VTERM_PROP_CURSORVISIBLE:
		t->cursor_visible = val->boolean;
		t->moved = 1;
		break;
	case VTERM_PROP_ALTSCREEN:
		t->wrap_row = -1;
		t->altscreen = val->boolean;
		t->g = val->boolean ? &t->alt : &t->primary;
		grid_set_dirty(t->g, 0, t->g->rows);
		break;
	case VTERM_PROP_TITLE:
		free(t->title);
		t->title = text_clean(val->string, 0);
		if (t->event != NULL)
			t->event(TERM_EVENT_TITLE, t->cbdata);
		break;
	case VTERM_PROP_REVERSE:
		t->reverse = val->boolean;
		grid_set_dirty(t->g, 0, t->g->rows);
		break;
	case VTERM_PROP_MOUSE:
		t->mouse = val->number;
		break;
	default:
		break;
	}
	return (1);
}

/* An OSC 52 from the program, held whole by the guard: the UI decides. */
static void
term_clip(const char *s, size_t len, void *data)
{
	struct term	*t = data;

	t->clip.len = 0;
	buf_add(&t->clip, s, len);
	if (t->event != NULL)
		t->event(TERM_EVENT_CLIP, t->cbdata);
	t->clip.len = 0;
}

/*
 * An OSC 7 from the shell: file://host/path, the path %-encoded. Kept
 * for the file transfer form's remote folder.
 */
static void
term_cwd_cb(const char *s, size_t len, void *data)
{
	struct term	*t = data;
	const char	*end = s + len, *p;
	char		*path, *q, hex[3] = "";

	if (len < 8 || strncmp(s, "file://", 7) != 0)
		return;
	if ((p = memchr(s + 7, '/', end - (s + 7))) == NULL)
		return;
	q = path = xmalloc(end - p + 1);
	for (; p < end; p++) {
		if (*p == '%' && end - p >= 3 && isxdigit((u_char)p[1]) &&
		    isxdigit((u_char)p[2])) {
			hex[0] = p[1];
			hex[1] = p[2];
			*q++ = (char)strtol(hex, NULL, 16);
			p += 2;
		} else
			*q++ = *p;
	}
	*q = '\0';
	free(t->cwd);
	t->cwd = text_clean(path, 0);
	free(path);
}

static int
term_bell(void *data)
{
	struct term	*t = data;

	if (t->event != NULL)
		t->event(TERM_EVENT_BELL, t->cbdata);
	return (1);
}

static int
term_resize_cb(int rows, int cols, VTermPos *delta, void *data)
{
	struct term	*t = data;
	int		 d, cy = t->cy;

	t->wrap_row = -1;
	term_dwl_resize(t, rows);
	d = grid_resize(&t->primary, rows, cols, t->altscreen ? -1 : cy);
	if (!t->altscreen)
		delta->row = d;
	d = grid_resize(&t->alt, rows, cols, t->altscreen ? cy : -1);
	if (t->altscreen)
		delta->row = d;
	return (1);
}

static int
term_setlineinfo(int row, const VTermLineInfo *newinfo,
    const VTermLineInfo *oldinfo, void *data)
{
	struct term	*t = data;

	if (row >= 0 && (u_int)row < t->dwl_size) {
		t->dwl[row] = newinfo->doublewidth;
		term_dwl_count(t);
	}
	return (1);
}

static const VTermStateCallbacks term_callbacks = {
	.putglyph = term_putglyph,
	.movecursor = term_movecursor,
	.scrollrect = term_scrollrect,
	.moverect = term_moverect,
	.erase = term_erase,
	.initpen = term_initpen,
	.setpenattr = term_setpenattr,
	.settermprop = term_settermprop,
	.bell = term_bell,
	.resize = term_resize_cb,
	.setlineinfo = term_setlineinfo,
};

static void
term_output(const char *s, size_t len, void *data)
{
	struct term	*t = data;

	if (t->output != NULL)
		t->output(s, len, t->cbdata);
}

static void	term_text(const char *, size_t, void *);
static void	term_rep(void *);
static void	term_erase_saved(void *);

/* Set up a terminal of rows x cols with a history of sb lines. */
void
term_init(struct term *t, u_int rows, u_int cols, u_int sb,
    term_output_cb output, term_event_cb event, void *cbdata)
{
	struct history	*h;

	if (cols < TERM_MIN_COLS)
		cols = TERM_MIN_COLS;
	memset(t, 0, sizeof *t);
	t->output = output;
	t->event = event;
	t->cbdata = cbdata;
	h = xmalloc(sizeof *h);
	history_init(h, sb);
	grid_init(&t->primary, rows, cols, h);
	grid_init(&t->alt, rows, cols, NULL);
	t->g = &t->primary;
	t->cursor_visible = 1;
	t->wrap_row = -1;
	t->ph_row = -1;
	t->guard.text = term_text;
	t->guard.rep = term_rep;
	t->guard.erase_saved = term_erase_saved;
	term_dwl_resize(t, rows);
	t->guard.clip = term_clip;
	t->guard.cwd = term_cwd_cb;

	if ((t->vt = vterm_new(rows, cols)) == NULL)
		fatal("vterm_new failed");
	vterm_set_utf8(t->vt, 1);
	vterm_output_set_callback(t->vt, term_output, t);
	t->state = vterm_obtain_state(t->vt);
	vterm_state_set_callbacks(t->state, &term_callbacks, t);
	vterm_state_reset(t->state, 1);
}

/* Free everything the terminal holds. */
void
term_free(struct term *t)
{
	if (t->vt != NULL)
		vterm_free(t->vt);
	if (t->primary.hist != NULL) {
		history_free(t->primary.hist);
		free(t->primary.hist);
	}
	grid_free(&t->primary);
	grid_free(&t->alt);
	free(t->dwl);
	term_guard_free(&t->guard);
	buf_free(&t->clip);
	free(t->title);
	free(t->cwd);
	memset(t, 0, sizeof *t);
}

/*
 * What the guard lets through goes to libvterm. A restored cursor may be
 * off a screen that shrank since it was saved (see term-guard.c): it is
 * moved back onto the screen before libvterm parses anything more.
 */
static void
term_parse(const char *buf, size_t len, void *arg)
{
	struct term	*t = arg;
	VTermPos	 pos;
	char		 cup[32];
	int		 n, rows, cols;

	vterm_input_write(t->vt, buf, len);
	vterm_state_get_cursorpos(t->state, &pos);
	if (t->dwl_glyph) {
		/* A wrap may wait here, wherever here is (see term_fast()). */
		t->ph_row = pos.row;
		t->ph_col = pos.col;
		t->dwl_glyph = 0;
	}
	vterm_get_size(t->vt, &rows, &cols);
	if (pos.row >= 0 && pos.row < rows && pos.col >= 0 && pos.col < cols)
		return;
	n = snprintf(cup, sizeof cup, "\033[%d;%dH",
	    pos.row < 0 ? 1 : pos.row >= rows ? rows : pos.row + 1,
	    pos.col < 0 ? 1 : pos.col >= cols ? cols : pos.col + 1);
	vterm_input_write(t->vt, cup, n);
}

/*
 * Whether libvterm would put printable ASCII one character a cell with the
 * pen, left to right: no character set but ASCII in GL and no single
 * shift, no insert mode, no margins, no double-width row; and no origin
 * mode, under which the fast path's cursor movement would first bring a
 * cursor off the scroll region into it.
 */
static int
term_fast_ok(const struct term *t)
{
	const struct term_charset	*cs = &t->guard.cs.cur;

	return (!t->slow && cs->g[cs->gl] == 0 && cs->ss == 0 &&
	    !t->guard.irm && !t->guard.decom && !t->guard.lrmm &&
	    t->dwl_rows == 0);
}

/* ESC [ n C then c, into seq (16 bytes): without printf, which would
 * cost more than the characters it stands for on short runs. */
static int
term_fast_cuf(char *seq, size_t n, char c)
{
	char	digits[8];
	int	nd = 0, len = 0;

	do {
		digits[nd++] = '0' + n % 10;
		n /= 10;
	} while (n > 0 && nd < (int)sizeof digits);
	seq[len++] = '\033';
	seq[len++] = '[';
	while (nd > 0)
		seq[len++] = digits[--nd];
	seq[len++] = 'C';
	seq[len++] = c;
	return (len);
}

/*
 * How many columns from the cursor the fast way may fill (pos: the
 * cursor), or 0 where one character must go through libvterm first: a
 * wrap may be pending (the cursor in the last two columns, or where a
 * double-width row or a REP left it), or a row is armed to be marked
 * wrapped.
 */
static u_int
term_fast_room(struct term *t, VTermPos *pos)
{
	vterm_state_get_cursorpos(t->state, pos);
	if (pos->row < 0 || pos->col < 0 || t->wrap_row >= 0 ||
	    (u_int)pos->col + 2 >= t->g->cols ||
	    (pos->row == t->ph_row && pos->col == t->ph_col))
		return (0);
	return (t->g->cols - pos->col);
}

/*
 * Printable ASCII at the cursor, written straight into the grid: libvterm's
 * state layer costs far more per character than the cells do. All but the
 * last character of what fits on the row go to the grid; libvterm then
 * moves its cursor over them (CUF) and prints the last one itself, so
 * that its state is as if it had printed them all: the cursor, a wrap
 * pending at the row's end, the glyph REP repeats and a combining
 * character joins. Where the fast way does not hold, all of it goes
 * through libvterm.
 *
 * libvterm may have a wrap pending (its "phantom" column: the cursor
 * stays on a glyph that reached the row's end until the next one wraps),
 * which it does not tell. The cursor is then in the last two columns of
 * a row of full width (a glyph is at most two wide, and REP's cursor is
 * kept on the row); or it was left by a glyph on a double-width row,
 * which may have become one of full width since, or by a REP, which
 * leaves it anywhere on a double-width row (ph_row, ph_col: until the
 * cursor moves, which cancels a pending wrap). There one character goes
 * through libvterm before the fast way is looked at again; as it does
 * while a row is armed to be marked wrapped (term_wrap_glyph()).
 */
static void
term_fast(struct term *t, const char *s, size_t n)
{
	VTermPos	 pos;
	char		 seq[32];
	size_t		 k;
	int		 len;

	while (n > 0) {
		if (!term_fast_ok(t)) {
			term_parse(s, n, t);
			return;
		}
		k = term_fast_room(t, &pos);
		if (k > n)
			k = n;
		if (k < 2) {
			term_parse(s, 1, t);
			s++;
			n--;
			continue;
		}
		grid_put_ascii(t->g, pos.row, pos.col, s, k - 1, &t->pen);
		len = term_fast_cuf(seq, k - 1, s[k - 1]);
		term_parse(seq, len, t);
		s += k;
		n -= k;
	}
}

/*
 * The character at p if it is one libvterm 0.1.4 takes as two columns
 * wide and not as a combining mark, in three bytes of UTF-8 (what the
 * guard lets through is valid): CJK symbols and punctuation, kana,
 * ideographs, Yi, Hangul syllables, full-width forms. Its mk_wcwidth()
 * has every code point from U+2E80 to U+A4CF wide but U+303F and the
 * combining marks U+302A to U+302F, U+3099 and U+309A. 0 if not.
 */
static uint32_t
term_wide_at(const char *s, const char *end)
{
	const u_char	*p = (const u_char *)s;
	uint32_t	 c;

	if (end - s < 3 || p[0] < 0xe3 || p[0] > 0xef || p[0] == 0xed)
		return (0);
	c = (uint32_t)(p[0] & 0x0f) << 12 | (uint32_t)(p[1] & 0x3f) << 6 |
	    (p[2] & 0x3f);
	if ((c >= 0x3000 && c <= 0x3029) || (c >= 0x3030 && c <= 0x303e) ||
	    (c >= 0x3040 && c <= 0x3098) || (c >= 0x309b && c <= 0xa4cf) ||
	    (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xff00 && c <= 0xff60))
		return (c);
	return (0);
}

/*
 * n wide characters (term_wide_at(), 3 bytes each) at the cursor, the
 * way term_fast() writes ASCII: those that fit on the row with room for
 * one more go to the grid, and libvterm's cursor is moved over them (CUF).
 * The caller sends the character after them through libvterm, which
 * leaves its state as if it had printed them all: that character sets
 * what REP repeats and what a combining mark joins, and a wrap pending
 * at the row's end. Where a character does not fit so, it goes through
 * libvterm alone.
 */
static void
term_fast_wide(struct term *t, const char *s, size_t n)
{
	VTermPos	 pos;
	uint32_t	 chars[2] = { 0, 0 };
	char		 seq[16];
	size_t		 k, i;
	int		 len;

	while (n > 0) {
		if (!term_fast_ok(t)) {
			term_parse(s, n * 3, t);
			return;
		}
		/* Room for one more after them (see above). */
		k = term_fast_room(t, &pos);
		k = k > 0 ? (k - 1) / 2 : 0;
		if (k > n)
			k = n;
		if (k == 0) {
			term_parse(s, 3, t);
			s += 3;
			n--;
			continue;
		}
		for (i = 0; i < k; i++) {
			chars[0] = term_wide_at(s + i * 3, s + i * 3 + 3);
			grid_put(t->g, pos.row, pos.col + 2 * i, chars, 2,
			    &t->pen);
		}
		len = snprintf(seq, sizeof seq, "\033[%zuC", 2 * k);
		term_parse(seq, len, t);
		s += k * 3;
		n -= k;
	}
}

/* ED 3: the saved lines go (a view up in them comes down with them). */
static void
term_erase_saved(void *arg)
{
	struct term	*t = arg;

	if (t->primary.hist == NULL || t->primary.hist->count == 0)
		return;
	history_clear(t->primary.hist);
	grid_set_dirty(t->g, 0, t->g->rows);
}

/* A REP went through: a wrap may wait where it left the cursor. */
static void
term_rep(void *arg)
{
	struct term	*t = arg;
	VTermPos	 pos;

	vterm_state_get_cursorpos(t->state, &pos);
	t->ph_row = pos.row;
	t->ph_col = pos.col;
}

/*
 * The guard's text in the ground state: runs of printable ASCII take the
 * fast way, what is between them (controls, UTF-8) goes to libvterm in
 * one piece. The character before a byte from 0x80 stays with it: a
 * combining character joins the one before only in the same write when
 * the cursor could not move on (at the row's end).
 */
static void
term_text(const char *s, size_t n, void *arg)
{
	struct term	*t = arg;
	const char	*end = s + n, *p = s, *run;
	size_t		 m;
	int		 hold;

	while (p < end) {
		while (p < end && (*p < 0x20 || *p > 0x7e) &&
		    term_wide_at(p, end) == 0)
			p++;
		if (p < end && *p >= 0x20 && *p <= 0x7e) {
			for (run = p; p < end && *p >= 0x20 && *p <= 0x7e; p++)
				;
			hold = p < end && (u_char)*p >= 0x80;
			if (p - run - hold < TERM_FAST_MIN)
				continue;
			p -= hold;		/* with what follows */
			if (run > s)
				term_parse(s, run - s, t);
			term_fast(t, run, p - run);
			s = p;
			continue;
		}
		/* Wide characters: the last goes with what follows. */
		for (run = p, m = 0; p < end && term_wide_at(p, end) != 0;
		    p += 3)
			m++;
		if (m <= TERM_FAST_WIDE_MIN)
			continue;
		p -= 3;
		if (run > s)
			term_parse(s, run - s, t);
		term_fast_wide(t, run, m - 1);
		s = p;
	}
	if (end > s)
		term_parse(s, end - s, t);
}

/* Parse bytes from the peer. */
void
term_input(struct term *t, const char *buf, size_t len)
{
	VTermPos	pos;

	t->bytes += len;
	/* Rows that get their first character now are stamped with it. */
	t->primary.now = t->alt.now = (uint32_t)time(NULL);
	term_guard_feed(&t->guard, buf, len, term_parse, t);
	/* Some paths (leaving the alternate screen) restore the cursor
	 * without a movecursor callback: ask the state. */
	vterm_state_get_cursorpos(t->state, &pos);
	if (pos.col != t->cx || pos.row != t->cy)
		t->moved = 1;
	t->cx = pos.col;
	t->cy = pos.row;
}

/*
 * A resize ends the program's scroll region, as in xterm and tmux (the
 * program sets it again when it redraws). libvterm 0.1.4 keeps it, and a
 * region whose top is now below the screen makes its next scroll crash.
 * The cursor stays where it is.
 */
static void
term_region_reset(struct term *t)
{
	VTermPos	pos;
	char		buf[32];
	int		n;

	vterm_state_get_cursorpos(t->state, &pos);
	n = snprintf(buf, sizeof buf, "\033[r\033[%d;%dH", pos.row + 1,
	    pos.col + 1);
	vterm_input_write(t->vt, buf, n);
	term_guard_reset(&t->guard);
}

/* Resize the terminal and both its screens. */
void
term_resize(struct term *t, u_int rows, u_int cols)
{
	VTermPos	pos;
	int		r, c;

	if (cols < TERM_MIN_COLS)
		cols = TERM_MIN_COLS;
	vterm_get_size(t->vt, &r, &c);
	if ((u_int)r == rows && (u_int)c == cols)
		return;
	vterm_set_size(t->vt, rows, cols);
	if (t->guard.region)
		term_region_reset(t);
	vterm_state_get_cursorpos(t->state, &pos);
	if (pos.col != t->cx || pos.row != t->cy)
		t->moved = 1;
	t->cx = pos.col;
	t->cy = pos.row;
	grid_set_dirty(t->g, 0, t->g->rows);
}

/* The shell's folder, as its OSC 7 said, or NULL. */
const char *
term_cwd(const struct term *t)
{
	return (t->cwd != NULL && *t->cwd == '/' ? t->cwd : NULL);
}

/* The title set by the program, or NULL. */
const char *
term_title(const struct term *t)
{
	if (t->title == NULL || *t->title == '\0')
		return (NULL);
	return (t->title);
}
