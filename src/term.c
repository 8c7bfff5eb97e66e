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
	if (t->wrap_row >= 0 && (pos.row != t->wrap_row ||
	    (u_int)pos.col + 1 < t->g->cols))
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
	vterm_get_size(t->vt, &rows, &cols);
	if (pos.row >= 0 && pos.row < rows && pos.col >= 0 && pos.col < cols)
		return;
	n = snprintf(cup, sizeof cup, "\033[%d;%dH",
	    pos.row < 0 ? 1 : pos.row >= rows ? rows : pos.row + 1,
	    pos.col < 0 ? 1 : pos.col >= cols ? cols : pos.col + 1);
	vterm_input_write(t->vt, cup, n);
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
