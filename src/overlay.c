/*
 * overlay.c: modal overlays drawn over the content: the help listing,
 * yes/no questions and dialog forms. One overlay at a time; while it is up
 * it takes every key, and the tabs behind it keep running.
 */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

struct overlay	*overlay_top;

struct overlay_confirm {
	char	 *question;
	void	(*yes)(void *);
	void	 *data;
};

/* Create the overlay's window: h x w, centred, clipped to the screen. */
static void
overlay_window(struct overlay *o, int h, int w)
{
	if (h > LINES)
		h = LINES;
	if (w > COLS)
		w = COLS;
	if (h < 1)
		h = 1;
	if (w < 1)
		w = 1;
	if (o->win != NULL)
		delwin(o->win);
	o->win = newwin(h, w, (LINES - h) / 2, (COLS - w) / 2);
	if (o->win == NULL)
		fatal("%s", _("cannot create an overlay window"));
	leaveok(o->win, TRUE);
}

static void
overlay_free_common(struct overlay *o)
{
	if (o->win != NULL)
		delwin(o->win);
	if (o->free != NULL)
		o->free(o);
	free(o);
}

/* Take the overlay down; the content below is repainted. */
void
overlay_close(void)
{
	struct overlay	*o = overlay_top;

	if (o == NULL)
		return;
	overlay_top = NULL;
	overlay_free_common(o);
	if (tab_active != NULL) {
		grid_set_dirty(tab_active->term.g, 0,
		    tab_active->term.g->rows);
	}
	ui_redraw_bars = 1;
}

/* A key while an overlay is up. */
int
overlay_key(int code, uint32_t ch)
{
	if (overlay_top == NULL)
		return (0);
	if (overlay_top->key(overlay_top, code, ch))
		overlay_close();
	return (1);
}

void
overlay_draw(void)
{
	if (overlay_top != NULL) {
		overlay_top->draw(overlay_top);
		if (overlay_top->win != NULL) {
			touchwin((WINDOW *)overlay_top->win);
			wnoutrefresh(overlay_top->win);
		}
	}
}

/* The screen changed size: place the overlay again. */
void
overlay_layout(void)
{
	int	h, w;

	if (overlay_top == NULL)
		return;
	if (overlay_top->win == NULL) {
		if (overlay_top->layout != NULL)
			overlay_top->layout(overlay_top);
		return;
	}
	getmaxyx((WINDOW *)overlay_top->win, h, w);
	overlay_window(overlay_top, h, w);
}

/* Put up an overlay of h x w (0: it draws its own window) over data. */
struct overlay *
overlay_open(void *data, void (*draw)(struct overlay *),
    int (*key)(struct overlay *, int, uint32_t),
    void (*release)(struct overlay *), int h, int w)
{
	struct overlay	*o = xcalloc(1, sizeof *o);

	overlay_close();
	o->data = data;
	o->draw = draw;
	o->key = key;
	o->free = release;
	if (h > 0)
		overlay_window(o, h, w);
	overlay_top = o;
	return (o);
}

/* Help: every binding, from cmd.c's table. */
#define OVERLAY_HELP_MAX 64
#define OVERLAY_HELP_INDENT 11	/* "  key      ": where the help starts */
struct overlay_help {
	char	 keys[OVERLAY_HELP_MAX][32];
	char	*helps[OVERLAY_HELP_MAX];
	int	 nentries;
	struct buf shown;	/* the lines as drawn, wrapped to the window */
	int	 n;		/* how many */
	int	 width;
	int	 top;		/* the first line shown (a short screen) */
	int	 rows;		/* lines shown at once */
};

static void
overlay_help_line(const char *key, const char *help, void *data)
{
	struct overlay_help	*oh = data;
	int			 len;

	if (oh->nentries == OVERLAY_HELP_MAX)
		return;
	snprintf(oh->keys[oh->nentries], sizeof oh->keys[0], "%s", key);
	oh->helps[oh->nentries] = xstrdup(help);
	len = OVERLAY_HELP_INDENT + text_width(help);
	if (len > oh->width)
		oh->width = len;
	oh->nentries++;
}

/* The lines for a window cols wide: each help wraps under itself. */
static void
overlay_help_layout(struct overlay_help *oh, int cols)
{
	char	*wrapped, *p, *nl;
	int	 i, first;

	buf_free(&oh->shown);
	oh->n = 0;
	if (cols < OVERLAY_HELP_INDENT + 10)
		cols = OVERLAY_HELP_INDENT + 10;
	for (i = 0; i < oh->nentries; i++) {
		wrapped = text_wrap(oh->helps[i], cols - OVERLAY_HELP_INDENT);
		for (p = wrapped, first = 1; p != NULL; first = 0) {
			if ((nl = strchr(p, '\n')) != NULL)
				*nl = '\0';
			buf_printf(&oh->shown, "  %-8s %s%c", first ?
			    oh->keys[i] : "", p, '\0');
			oh->n++;
			p = nl != NULL ? nl + 1 : NULL;
		}
		free(wrapped);
	}
}

/* Line i of the help as laid out. */
static const char *
overlay_help_get(const struct overlay_help *oh, int i)
{
	const char	*p = oh->shown.data;

	while (i-- > 0)
		p += strlen(p) + 1;
	return (p);
}

static void
overlay_help_draw(struct overlay *o)
{
	struct overlay_help	*oh = o->data;
	WINDOW			*w = o->win;
	char			 title[128];
	int			 i, h, wd;

	getmaxyx(w, h, wd);
	werase(w);
	box(w, 0, 0);
	snprintf(title, sizeof title, _(" tterm keys: press %s, then "),
	    keys_prefix_name(opts.prefix));
	wmove(w, 0, 2);
	ui_text(w, title, wd - 4);
	overlay_help_layout(oh, wd - 3);
	oh->rows = h > 2 ? h - 2 : 0;
	if (oh->top > oh->n - oh->rows)
		oh->top = oh->n > oh->rows ? oh->n - oh->rows : 0;
	for (i = 0; oh->top + i < oh->n && i < oh->rows; i++) {
		wmove(w, i + 1, 1);
		ui_text(w, overlay_help_get(oh, oh->top + i), wd - 2);
	}
	wmove(w, h - 1, 2);
	if (h > 2 && oh->top + oh->rows < oh->n)
		ui_text(w, _(" Space: more, other keys close "), wd - 4);
	else if (h > 2)
		ui_text(w, _(" any key closes "), wd - 4);
}

/* A key: on a screen too short for every line, Space and arrows scroll. */
static int
overlay_help_key(struct overlay *o, int code, uint32_t ch)
{
	struct overlay_help	*oh = o->data;
	int			 more = oh->n - (oh->top + oh->rows);

	if (more > 0 && (code == KEY_NPAGE || (code == 0 && ch == ' ')))
		oh->top += more < oh->rows ? more : oh->rows;
	else if (more > 0 && (code == KEY_DOWN || (code == 0 && ch == 'j')))
		oh->top++;
	else if (oh->top > 0 && (code == KEY_UP || code == KEY_PPAGE ||
	    (code == 0 && ch == 'k')))
		oh->top -= code == KEY_PPAGE ? (oh->top < oh->rows ? oh->top :
		    oh->rows) : 1;
	else
		return (1);
	return (0);
}

static void
overlay_help_free(struct overlay *o)
{
	struct overlay_help	*oh = o->data;
	int			 i;

	for (i = 0; i < oh->nentries; i++)
		free(oh->helps[i]);
	buf_free(&oh->shown);
	free(oh);
}

/* The help: lines gives the key bindings (cmd.c has the table). */
void
overlay_help(overlay_lines lines)
{
	struct overlay_help	*oh;

	oh = xcalloc(1, sizeof *oh);
	oh->width = 40;
	lines(overlay_help_line, oh);
	overlay_help_line("Ctrl+S/Q", _("without the prefix: pause the"
	    " program's output, resume it"), oh);
	/* As tall as the lines wrapped to the screen's width need. */
	overlay_help_layout(oh, (oh->width + 3 < COLS ? oh->width + 3 : COLS) - 3);
	overlay_open(oh, overlay_help_draw, overlay_help_key, overlay_help_free,
	    oh->n + 2, oh->width + 3);
}

static void
overlay_confirm_draw(struct overlay *o)
{
	struct overlay_confirm	*oc = o->data;
	WINDOW			*w = o->win;
	int			 h, wd;

	getmaxyx(w, h, wd);
	werase(w);
	box(w, 0, 0);
	if (h > 2) {
		wmove(w, 1, 2);
		ui_text(w, oc->question, wd - 4);
	} else {
		wmove(w, 0, 0);
		ui_text(w, oc->question, wd);
	}
}

static int
overlay_confirm_key(struct overlay *o, int code, uint32_t ch)
{
	struct overlay_confirm	*oc = o->data;

	if (code == 0 && (ch == 'y' || ch == 'Y')) {
		/* Close first: the answer may free what is behind us. */
		overlay_top = NULL;
		oc->yes(oc->data);
		overlay_free_common(o);
		if (tab_active != NULL)
			grid_set_dirty(tab_active->term.g, 0,
			    tab_active->term.g->rows);
		ui_redraw_bars = 1;
		return (0);
	}
	return (1);	/* n, Esc or anything else: no */
}

static void
overlay_confirm_free(struct overlay *o)
{
	struct overlay_confirm	*oc = o->data;

	free(oc->question);
	free(oc);
}

/* Ask a yes/no question; yes(data) runs on y. */
void
overlay_confirm(const char *question, void (*yes)(void *), void *data)
{
	struct overlay_confirm	*oc;

	oc = xcalloc(1, sizeof *oc);
	oc->question = xstrdup(question);
	oc->yes = yes;
	oc->data = data;
	overlay_open(oc, overlay_confirm_draw, overlay_confirm_key,
	    overlay_confirm_free, 3, text_width(question) + 6);
}

/* A dialog form: every key goes to it, then to its owner's handler. */
struct overlay_form {
	struct form	*f;
	int		(*handle)(void *, struct form *, int);
	void		(*release)(void *);
	void		*data;
};

static void
overlay_form_draw(struct overlay *o)
{
	struct overlay_form	*of = o->data;

	form_draw(of->f);
}

static void
overlay_form_layout(struct overlay *o)
{
	struct overlay_form	*of = o->data;

	form_layout(of->f);
}

static int
overlay_form_key(struct overlay *o, int code, uint32_t ch)
{
	struct overlay_form	*of = o->data;

	return (of->handle(of->data, of->f, form_input(of->f, code, ch)));
}

static void
overlay_form_free(struct overlay *o)
{
	struct overlay_form	*of = o->data;

	form_free(of->f);
	if (of->release != NULL)
		of->release(of->data);
	free(of);
}

/*
 * Put up form f. After each key handle(data, f, r) runs, r being '\r' for
 * Enter, 0x1b for Esc, 0 for an edit; it returns 1 to take the form down
 * (then release(data) runs). The form is freed with the overlay.
 */
void
overlay_form(struct form *f, int (*handle)(void *, struct form *, int),
    void (*release)(void *), void *data)
{
	struct overlay		*o;
	struct overlay_form	*of;

	of = xcalloc(1, sizeof *of);
	of->f = f;
	of->handle = handle;
	of->release = release;
	of->data = data;
	o = overlay_open(of, overlay_form_draw, overlay_form_key,
	    overlay_form_free, 0, 0);
	o->layout = overlay_form_layout;
	o->cursor = 1;
}
