/*
 * form.c: modal forms that belong to one tab: keyboard-interactive rounds,
 * passwords and passphrases (ncurses form library, hidden input where the
 * server says so), and one-key questions such as what to do with an unknown
 * host key. While a tab shows a form, keys typed in that tab go to the form;
 * the prefix key still works, so other tabs stay usable.
 *
 * Dialog forms (the connection dialog, a tab's settings) put each label
 * left of its field; a field may be a choice (an ncurses TYPE_ENUM that
 * Left and Right go through) or text with a list that Up and Down pick
 * from. Their owner reads the values and decides when they are done.
 */
#include "config.h"

#include <curses.h>
#include <form.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

/*
 * ncurses' form library, opened for the first form rather than linked
 * (dynlib.c; ssh-lib.h says how the names work).
 */
#define FORMLIB_SYMS(X) \
	X(TYPE_ENUM) \
	X(current_field) \
	X(field_back) \
	X(field_buffer) \
	X(field_index) \
	X(field_info) \
	X(field_opts) \
	X(field_opts_off) \
	X(field_userptr) \
	X(form_driver) \
	X(form_driver_w) \
	X(form_opts_off) \
	X(free_field) \
	X(free_form) \
	X(new_field) \
	X(new_form) \
	X(pos_form_cursor) \
	X(post_form) \
	X(set_current_field) \
	X(set_field_back) \
	X(set_field_buffer) \
	X(set_field_opts) \
	X(set_field_type) \
	X(set_field_userptr) \
	X(set_form_sub) \
	X(set_form_win) \
	X(set_max_field) \
	X(unpost_form)
#define FORMLIB_ENTRY(f) DYNLIB_ENTRY(formlib, f)

static struct {
	FORMLIB_SYMS(DYNLIB_MEMBER)
} formlib;
static const struct dynlib_sym	formlib_syms[] = {
	FORMLIB_SYMS(FORMLIB_ENTRY)
	{ NULL, NULL }
};
static struct dynlib		formlib_lib = { TTERM_LIBFORM, formlib_syms,
				    NULL, NULL };

#define FORMLIB(f)		DYNLIB_GET(formlib_lib, formlib, f)
#define TYPE_ENUM		(*FORMLIB(TYPE_ENUM))
#define current_field		(*FORMLIB(current_field))
#define field_back		(*FORMLIB(field_back))
#define field_buffer		(*FORMLIB(field_buffer))
#define field_index		(*FORMLIB(field_index))
#define field_info		(*FORMLIB(field_info))
#define field_opts		(*FORMLIB(field_opts))
#define field_opts_off		(*FORMLIB(field_opts_off))
#define field_userptr		(*FORMLIB(field_userptr))
#define form_driver		(*FORMLIB(form_driver))
#define form_driver_w		(*FORMLIB(form_driver_w))
#define form_opts_off		(*FORMLIB(form_opts_off))
#define free_field		(*FORMLIB(free_field))
#define free_form		(*FORMLIB(free_form))
#define new_field		(*FORMLIB(new_field))
#define new_form		(*FORMLIB(new_form))
#define pos_form_cursor		(*FORMLIB(pos_form_cursor))
#define post_form		(*FORMLIB(post_form))
#define set_current_field	(*FORMLIB(set_current_field))
#define set_field_back		(*FORMLIB(set_field_back))
#define set_field_buffer	(*FORMLIB(set_field_buffer))
#define set_field_opts		(*FORMLIB(set_field_opts))
#define set_field_type		(*FORMLIB(set_field_type))
#define set_field_userptr	(*FORMLIB(set_field_userptr))
#define set_form_sub		(*FORMLIB(set_form_sub))
#define set_form_win		(*FORMLIB(set_form_win))
#define set_max_field		(*FORMLIB(set_max_field))
#define unpost_form		(*FORMLIB(unpost_form))

#define FORM_WIDTH	60	/* width of an input field */
#define FORM_DWIDTH	44	/* width of a dialog's text field */
#define FORM_MAX	1024	/* what a field holds */

struct form {
	char		 *title;
	char		 *text;		/* explanation, several lines */
	char		 *shown;	/* and as shown: wrapped to fit */
	char		 *keys;		/* choice forms: the keys accepted */
	char		 *hint;		/* on the bottom border */
	u_int		  nfields;
	char		**labels;
	FIELD		**fields;
	int		  dialog;	/* labels left of the fields */
	int		  fresh;	/* the first field's value is as given,
					   shown selected: typing replaces it */
	u_int		  rows, cols;	/* what the fields take */
	u_int		  labelw;
	char		***lists;	/* per field: choices or picks */
	u_int		 *nlist;
	int		 *pick;		/* the pick shown, -1 for none */
	int		 *anchored;	/* picks went on from a value of the list */
	int		 *want;		/* per field: its width with room enough */
	FORM		 *form;
	WINDOW		 *win;
	WINDOW		 *sub;
	u_int		  tl;		/* the text's lines shown */
	form_cb		  cb;
	void		 *arg;
};

/* Server text for a form: no control characters, newlines kept. */
char *
form_clean(const char *s)
{
	return (text_clean(s, 1));
}

static struct form *
form_new(const char *title, const char *text, form_cb cb, void *arg)
{
	struct form	*f;

	f = xcalloc(1, sizeof *f);
	f->title = form_clean(title);
	f->text = form_clean(text);
	f->cb = cb;
	f->arg = arg;
	return (f);
}

/* Room for n fields. */
static void
form_alloc(struct form *f, u_int n)
{
	f->nfields = n;
	f->labels = xcalloc(n, sizeof *f->labels);
	f->fields = xcalloc(n + 1, sizeof *f->fields);
	f->lists = xcalloc(n, sizeof *f->lists);
	f->nlist = xcalloc(n, sizeof *f->nlist);
	f->pick = xcalloc(n, sizeof *f->pick);
	f->anchored = xcalloc(n, sizeof *f->anchored);
	f->want = xcalloc(n, sizeof *f->want);
}

/*
 * A hidden field gets its whole buffer at once: growing as a secret is
 * typed would leave the copies the library frees behind, unwiped.
 */
static void
form_field_grow(FIELD *fd)
{
	char	blanks[FORM_MAX + 1];

	memset(blanks, ' ', FORM_MAX);
	blanks[FORM_MAX] = '\0';
	set_field_buffer(fd, 0, blanks);
}

/* One input field at row, col of the subwindow. */
static FIELD *
form_field(int row, int col, int width, int echo)
{
	FIELD	*fd;

	if ((fd = new_field(1, width, row, col, 0, 0)) == NULL)
		fatal("%s", _("cannot create a form field"));
	field_opts_off(fd, O_AUTOSKIP | O_STATIC);
	set_max_field(fd, FORM_MAX);
	if (!echo) {
		field_opts_off(fd, O_PUBLIC);
		form_field_grow(fd);
	}
	set_field_back(fd, A_UNDERLINE);
	return (fd);
}

/* A form with n fields; echo[i] zero hides what is typed in field i. */
struct form *
form_new_fields(const char *title, const char *text, u_int n,
    const char **labels, const int *echo, form_cb cb, void *arg)
{
	struct form	*f = form_new(title, text, cb, arg);
	u_int		 i;

	form_alloc(f, n);
	f->rows = n * 2;
	f->cols = FORM_WIDTH;
	for (i = 0; i < n; i++) {
		f->labels[i] = form_clean(labels[i]);
		f->fields[i] = form_field(i * 2 + 1, 0, FORM_WIDTH, echo[i]);
		f->want[i] = FORM_WIDTH;
	}
	return (f);
}

/*
 * A choice as the user sees it: a table's N_() words in the locale's
 * language (a value not in the catalogue stays as it is).
 */
static const char *
form_choice(const char *s)
{
	return (*s != '\0' ? _(s) : s);
}

/* A copy of a NULL-ended list, choices translated; n is its length. */
static char **
form_list(const char **list, int choice, u_int *n)
{
	char	**v;

	for (*n = 0; list != NULL && list[*n] != NULL; (*n)++)
		;
	v = xcalloc(*n + 1, sizeof *v);
	for (*n = 0; list != NULL && list[*n] != NULL; (*n)++) {
		v[*n] = form_clean(choice ? form_choice(list[*n]) :
		    list[*n]);
	}
	return (v);
}

/*
 * A dialog: one line per item, the label left of its field. The owner
 * drives it with form_input() and reads it with form_value().
 */
struct form *
form_new_dialog(const char *title, const char *text, const char *hint,
    u_int n, const struct form_item *items)
{
	struct form		*f = form_new(title, text, NULL, NULL);
	const struct form_item	*it;
	const char		*v;
	u_int			 i, j, w, maxw = 0;

	form_alloc(f, n);
	f->dialog = 1;
	f->hint = xstrdup(hint);
	for (i = 0; i < n; i++) {
		if ((u_int)text_width(items[i].label) + 2 > f->labelw)
			f->labelw = text_width(items[i].label) + 2;
	}
	for (i = 0; i < n; i++) {
		it = &items[i];
		f->labels[i] = form_clean(it->label);
		f->lists[i] = form_list(it->list, it->kind == FORM_CHOICE,
		    &f->nlist[i]);
		f->pick[i] = -1;
		w = FORM_DWIDTH;
		if (it->kind == FORM_CHOICE) {
			for (w = 1, j = 0; j < f->nlist[i]; j++) {
				if ((u_int)text_width(f->lists[i][j]) > w)
					w = text_width(f->lists[i][j]);
			}
		}
		f->fields[i] = form_field(i + 1, f->labelw, w,
		    it->kind != FORM_SECRET);
		f->want[i] = w;
		/* Typing at the start edits the value, not replaces it. */
		field_opts_off(f->fields[i], O_BLANK);
		if (it->kind == FORM_CHOICE) {
			/* Chosen with Left and Right, never typed. */
			field_opts_off(f->fields[i], O_EDIT);
			set_field_type(f->fields[i], TYPE_ENUM, f->lists[i], 0,
			    0);
		}
		set_field_userptr(f->fields[i], (void *)(intptr_t)it->kind);
		v = it->value != NULL ? it->value : "";
		set_field_buffer(f->fields[i], 0, it->kind == FORM_CHOICE ?
		    form_choice(v) : v);
		if (w > maxw)
			maxw = w;
	}
	/* A value given (the last macro, say) is selected, as in Tera
	 * Term's dialogs: the cursor at its end, typing replaces it. */
	if (n > 0 && (items[0].kind == FORM_TEXT || items[0].kind ==
	    FORM_PATH) && items[0].value != NULL && *items[0].value != '\0') {
		f->fresh = 1;
		set_field_back(f->fields[0], A_UNDERLINE | A_REVERSE);
	}
	f->rows = n;
	f->cols = f->labelw + maxw;
	return (f);
}

/* A question answered by one of the keys in keys (Esc answers 0). */
struct form *
form_new_choice(const char *title, const char *text, const char *keys,
    form_cb cb, void *arg)
{
	struct form	*f = form_new(title, text, cb, arg);

	f->keys = xstrdup(keys);
	return (f);
}

/* The form that puts a question (question.c) to the user. */
struct form *
form_from_question(const struct question *q)
{
	struct form	*f;
	char		*v;
	u_int		 i;

	if (q->keys != NULL)
		return (form_new_choice(q->title, q->text, q->keys, q->cb,
		    q->arg));
	f = form_new_fields(q->title, q->text, q->n,
	    (const char **)q->labels, q->echo, q->cb, q->arg);
	for (i = 0; q->values != NULL && i < q->n; i++) {
		if (q->values[i] == NULL)
			continue;
		v = form_clean(q->values[i]);
		set_field_buffer(f->fields[i], 0, v);
		free(v);
	}
	return (f);
}

/* Close the window, keeping the answers. */
static void
form_unpost(struct form *f)
{
	if (f->form != NULL) {
		unpost_form(f->form);
		free_form(f->form);
		f->form = NULL;
	}
	if (f->sub != NULL)
		delwin(f->sub);
	if (f->win != NULL)
		delwin(f->win);
	f->sub = f->win = NULL;
}

/*
 * The form that shows tab t's question (tab.c keeps questions as data):
 * made when first needed, so that a hidden tab's question costs no
 * window, and dropped once the question is answered or moot.
 */
struct form *
form_tab(struct tab *t)
{
	if (t->form != NULL && t->form_gen != t->qgen) {
		form_free(t->form);
		t->form = NULL;
	}
	if (t->form == NULL && t->question != NULL) {
		t->form = form_from_question(t->question);
		t->form_gen = t->qgen;
	}
	return (t->form);
}

/* Whose form it is: the argument of its callback. */
void *
form_arg(const struct form *f)
{
	return (f->arg);
}

/*
 * Blank every field while the form is still posted: the field's buffer,
 * the library's working line and, for the current field, the window it
 * is edited in. What was typed may be a password or a host line with
 * /passwd=.
 */
static void
form_wipe(struct form *f)
{
	u_int	i;

	for (i = 0; i < f->nfields; i++)
		set_field_buffer(f->fields[i], 0, "");
}

/* Free a form, wiping what was typed. */
void
form_free(struct form *f)
{
	u_int	i, j;

	if (f == NULL)
		return;
	form_wipe(f);
	form_unpost(f);
	for (i = 0; i < f->nfields; i++) {
		free_field(f->fields[i]);
		free(f->labels[i]);
		for (j = 0; j < f->nlist[i]; j++)
			free(f->lists[i][j]);
		free(f->lists[i]);
	}
	free(f->fields);
	free(f->labels);
	free(f->lists);
	free(f->nlist);
	free(f->pick);
	free(f->want);
	free(f->anchored);
	free(f->title);
	free(f->text);
	free(f->shown);
	free(f->keys);
	free(f->hint);
	free(f);
}

static u_int
form_text_lines(const struct form *f, u_int *width)
{
	const char	*p = f->shown;
	u_int		 n = 0, w = 0, len;

	while (*p != '\0') {
		len = strcspn(p, "\n");
		if (text_width_n(p, len) > w)
			w = text_width_n(p, len);
		n++;
		p += len;
		if (*p == '\n')
			p++;
	}
	*width = w;
	return (n);
}

/* The line at the form's foot: what its keys do. */
static const char *
form_hint(const struct form *f)
{
	return (f->hint != NULL ? f->hint :
	    _(" Enter: send  Tab: next field  Esc: cancel "));
}

/*
 * A field wider than the form's window keeps the form from being posted
 * (post_form() says E_NO_ROOM) and every key typed into it is lost: on a
 * narrow screen (a tmux pane) a field too wide is made again as wide as
 * there is room, with its value, options, kind and choices; its text
 * scrolls sideways. When the screen grows again, so does the field, back
 * to its own width. The old one is wiped before it goes.
 */
static void
form_fit(struct form *f, int room)
{
	FIELD	*old, *fd;
	char	*b;
	int	 rows, cols, frow, fcol, nrow, nbuf, w;
	u_int	 i;

	for (i = 0; i < f->nfields; i++) {
		old = f->fields[i];
		if (field_info(old, &rows, &cols, &frow, &fcol, &nrow,
		    &nbuf) != E_OK)
			continue;
		w = f->want[i] < room - fcol ? f->want[i] : room - fcol;
		if (w == cols || w < 1)
			continue;
		if ((fd = new_field(rows, w, frow, fcol, 0, 0)) == NULL)
			continue;
		set_field_opts(fd, field_opts(old));
		set_max_field(fd, FORM_MAX);
		set_field_back(fd, field_back(old));
		set_field_userptr(fd, field_userptr(old));
		if (f->dialog &&
		    (int)(intptr_t)field_userptr(old) == FORM_CHOICE)
			set_field_type(fd, TYPE_ENUM, f->lists[i], 0, 0);
		if ((b = field_buffer(old, 0)) != NULL) {
			set_field_buffer(fd, 0, b);
			explicit_bzero(b, strlen(b));
		}
		set_field_buffer(old, 0, "");
		free_field(old);
		f->fields[i] = fd;
	}
}

/*
 * Create and post the window, centred on the content area. Text longer
 * than the screen (a server's instruction may be) is cut, not the
 * fields; on a screen too short even for the fields the form is shown
 * without them until the screen grows (form_repost()).
 */
static void
form_post(struct form *f)
{
	WINDOW	*main = ui_main_window();
	u_int	 tw, tl, w, h, fixed;
	int	 mh, mw, by, bx;

	getmaxyx(main, mh, mw);
	getbegyx(main, by, bx);
	/* A long message wraps rather than goes past the screen's edge. */
	free(f->shown);
	f->shown = text_wrap(f->text, mw > 5 ? mw - 4 : 1);
	tl = form_text_lines(f, &tw);
	w = tw + 4;
	if (f->nfields > 0 && w < f->cols + 4)
		w = f->cols + 4;
	if (w < (u_int)text_width(f->title) + 6)
		w = text_width(f->title) + 6;
	if (f->nfields > 0 && w < (u_int)text_width(form_hint(f)) + 4)
		w = text_width(form_hint(f)) + 4;
	fixed = 2 + f->rows + (f->nfields > 0 ? 1 : 0) + 1;
	if ((int)(tl + fixed) > mh)
		tl = (int)fixed < mh ? mh - fixed : 0;
	h = tl + fixed;
	if ((int)w > mw)
		w = mw;
	if ((int)h > mh)
		h = mh;
	f->tl = tl;
	f->win = newwin(h, w, by + (mh - (int)h) / 2, bx + (mw - (int)w) / 2);
	if (f->win == NULL)
		fatal("%s", _("cannot create a form window"));
	keypad(f->win, TRUE);
	if (f->nfields == 0)
		return;
	form_fit(f, (int)w - 4);
	f->form = new_form(f->fields);
	if (f->form == NULL)
		fatal("%s", _("cannot create a form"));
	/* Backspace in an empty field stays there (the next typing would
	 * land in the field before); Enter is the owner's. */
	form_opts_off(f->form, O_BS_OVERLOAD | O_NL_OVERLOAD);
	/* A dialog's fields start a row down. */
	if ((int)h - (int)tl - 2 < (int)f->rows + (f->dialog ? 1 : 0) ||
	    w <= 4)
		return;
	f->sub = derwin(f->win, h - tl - 2, w - 4, tl + 1, 2);
	if (f->sub == NULL)
		return;
	set_form_win(f->form, f->win);
	set_form_sub(f->form, f->sub);
	post_form(f->form);
	if (f->fresh)
		form_driver(f->form, REQ_END_FIELD);
}

/* len bytes of p, cut to cols columns. */
static void
form_line(WINDOW *w, const char *p, size_t len, int cols)
{
	char	*s = xstrndup(p, len);

	ui_text(w, s, cols);
	free(s);
}

/* Draw the form over the content (the caller refreshes). */
void
form_draw(struct form *f)
{
	const char	*p;
	u_int		 y = 1, len, i;
	int		 h, w;

	if (f->win == NULL)
		form_post(f);
	getmaxyx(f->win, h, w);
	for (p = f->shown; *p != '\0' && (int)y < h - 1 && y <= f->tl; y++) {
		len = strcspn(p, "\n");
		wmove(f->win, y, 2);
		wclrtoeol(f->win);
		form_line(f->win, p, len, w - 4);
		p += len;
		if (*p == '\n')
			p++;
	}
	for (i = 0; i < f->nfields && f->sub != NULL; i++) {
		wmove(f->sub, f->dialog ? i + 1 : i * 2, 0);
		ui_text(f->sub, f->labels[i], w - 4);
	}
	if (f->nfields > 0 && f->sub == NULL && h > 2) {
		/* The fields do not fit: say so rather than take keys. */
		wmove(f->win, h - 2, 2);
		wclrtoeol(f->win);
		ui_text(f->win, _("(too small for the fields: make the"
		    " window larger)"), w - 4);
	}
	box(f->win, 0, 0);
	wmove(f->win, 0, 2);
	waddch(f->win, ' ');
	if (ui_text(f->win, f->title, w - 6) > 0)
		waddch(f->win, ' ');
	if (f->nfields > 0) {
		wmove(f->win, h - 1, 2);
		ui_text(f->win, form_hint(f), w - 4);
		if (f->sub != NULL)
			pos_form_cursor(f->form);
	}
	touchwin(f->win);
	wnoutrefresh(f->win);
}

/* Whether the form wants the cursor shown (it has input fields). */
int
form_has_fields(const struct form *f)
{
	return (f->nfields > 0);
}

/* Post the form again (new text, a new screen size), keeping the values
 * and the field the cursor is in. */
static void
form_repost(struct form *f)
{
	WINDOW	*under = ui_main_window();
	u_int	 cur = form_current(f);

	/* What was typed into the current field is in its window only
	 * until the library writes it back: unposted first, it was lost
	 * (a one-time code typed, then a resize, sent empty). */
	if (f->form != NULL && f->sub != NULL)
		form_driver(f->form, REQ_VALIDATION);
	form_unpost(f);
	/* What the old window covered is drawn again under the new one. */
	if (under != NULL)
		touchwin(under);
	form_post(f);
	if (f->form != NULL)
		set_current_field(f->form, f->fields[cur]);
}

/* Lay out again after a resize. */
void
form_layout(struct form *f)
{
	if (f != NULL && f->win != NULL)
		form_repost(f);
}

/*
 * Field i's value, trimmed of the padding the form library adds. The wide
 * library (form_driver_w needs it) makes a copy for each field_buffer()
 * call and frees it on the next: it is wiped here, as it may be a secret.
 */
char *
form_value(struct form *f, u_int i)
{
	char		*b, *v;
	const char	*s;
	size_t		 len;

	if (f->form != NULL)
		form_driver(f->form, REQ_VALIDATION);
	if ((b = field_buffer(f->fields[i], 0)) == NULL)
		return (xstrdup(""));
	for (s = b; *s == ' ' && f->dialog; s++)
		;
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	v = xstrndup(s, len);
	explicit_bzero(b, strlen(b));
	return (v);
}

/*
 * Where s, a choice as shown, is in a NULL-ended list of choices (0, the
 * first, if not there).
 */
int
form_index(const char **list, const char *s)
{
	int	i;

	for (i = 0; list[i] != NULL; i++) {
		if (strcmp(form_choice(list[i]), s) == 0)
			return (i);
	}
	return (0);
}

/* A NULL-ended list of choices (N_() strings) into to, as long, in the
 * user's language: the form shows those, form_index() finds answers in
 * them. */
void
form_choices(const char **from, const char **to)
{
	u_int	i;

	for (i = 0; from[i] != NULL; i++)
		to[i] = _(from[i]);
	to[i] = NULL;
}

/* A field's decimal number in [min, max], or -1. */
long
form_number(const char *s, long min, long max)
{
	char	*end;
	long	 n;

	n = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || n < min || n > max)
		return (-1);
	return (n);
}

/* Set field i's value; the cursor goes to its end. */
void
form_set_value(struct form *f, u_int i, const char *v)
{
	set_field_buffer(f->fields[i], 0, v);
	if (f->form != NULL && current_field(f->form) == f->fields[i])
		form_driver(f->form, REQ_END_FIELD);
}

/* Which field the cursor is in. */
u_int
form_current(struct form *f)
{
	FIELD	*fd;
	int	 i;

	if (f->form == NULL || (fd = current_field(f->form)) == NULL ||
	    (i = field_index(fd)) < 0 || (u_int)i >= f->nfields)
		return (0);
	return ((u_int)i);
}

/* Change the explanation (a dialog's error, say), keeping the values. */
void
form_set_text(struct form *f, const char *text)
{
	free(f->text);
	f->text = form_clean(text);
	if (f->win != NULL)
		form_repost(f);
}

/* Collect the answers. */
static char **
form_answers(struct form *f)
{
	char	**ans;
	u_int	  i;

	ans = xcalloc(f->nfields + 1, sizeof *ans);
	for (i = 0; i < f->nfields; i++)
		ans[i] = form_value(f, i);
	return (ans);
}

/* Wipe and free answers from form_answers(). */
void
form_answers_free(char **ans)
{
	u_int	i;

	if (ans == NULL)
		return;
	for (i = 0; ans[i] != NULL; i++)
		freezero_str(ans[i]);
	free(ans);
}

/*
 * A key for the form. Returns 1 when the form is finished: its callback
 * has run (with the answers, or cancelled) and the caller frees it.
 */
int
form_key(struct form *f, int code, uint32_t ch)
{
	char	**ans;

	if (f->nfields == 0) {
		if (code != 0)
			return (0);
		if (ch == 0x1b) {
			f->cb(f->arg, 0, NULL);
			return (1);
		}
		if (ch < 0x80 && ch != 0 && strchr(f->keys, (int)ch) != NULL) {
			f->cb(f->arg, (int)ch, NULL);
			return (1);
		}
		return (0);
	}
	switch (form_input(f, code, ch)) {
	case 0x1b:
		f->cb(f->arg, 0, NULL);
		return (1);
	case '\r':
		ans = form_answers(f);
		f->cb(f->arg, '\r', ans);
		form_answers_free(ans);
		return (1);
	}
	return (0);
}

/*
 * Up and Down in a field with a list: the next pick from the value shown
 * when it is one of the list (a speed: the next faster or slower), else
 * from the start (a history: older, then newer, then what was typed).
 */
static void
form_pick(struct form *f, u_int i, int step)
{
	char	*now;
	int	 pick, k;

	if (f->pick[i] == -1 && !f->anchored[i]) {
		now = form_value(f, i);
		for (k = 0; k < (int)f->nlist[i]; k++) {
			if (strcmp(now, f->lists[i][k]) == 0) {
				f->pick[i] = k;
				f->anchored[i] = 1;
			}
		}
		free(now);
	}
	pick = f->pick[i] + step;
	if (pick < (f->anchored[i] ? 0 : -1) || pick >= (int)f->nlist[i])
		return;
	f->pick[i] = pick;
	form_set_value(f, i, pick == -1 ? "" : f->lists[i][pick]);
}

/* Whether the current field is of the given kind. */
static int
form_kind(struct form *f, int kind)
{
	FIELD	*fd = current_field(f->form);

	return (f->dialog && (int)(intptr_t)field_userptr(fd) == kind);
}

/*
 * A key for a form with fields: editing and moving between fields.
 * Returns '\r' for Enter, 0x1b for Esc (the owner decides), else 0.
 */
int
form_input(struct form *f, int code, uint32_t ch)
{
	u_int	cur;

	if (code == 0 && ch == 0x1b)
		return (0x1b);
	if ((code == 0 && ch == '\r') || code == KEY_ENTER)
		return ('\r');
	if (f->nfields == 0)
		return (0);
	if (f->form == NULL)
		form_post(f);
	cur = form_current(f);
	if (f->fresh) {
		/* Any key takes the selection away; text replaces it. */
		f->fresh = 0;
		set_field_back(f->fields[0], A_UNDERLINE);
		if (cur == 0 && code == 0 && ch >= 0x20 && ch != 0x7f)
			form_driver(f->form, REQ_CLR_FIELD);
	}
	if (code == 0 && ch == '\t' && form_kind(f, FORM_PATH))
		return ('\t');
	if ((code == KEY_UP || code == KEY_DOWN) && f->nlist[cur] > 0 &&
	    form_kind(f, FORM_TEXT))
		form_pick(f, cur, code == KEY_UP ? 1 : -1);
	else if ((code == 0 && ch == '\t') || code == KEY_DOWN ||
	    code == KEY_BTAB || code == KEY_UP) {
		form_driver(f->form, (code == 0 || code == KEY_DOWN) ?
		    REQ_NEXT_FIELD : REQ_PREV_FIELD);
		if (f->dialog)	/* at the end of the value, to add to it */
			form_driver(f->form, REQ_END_FIELD);
	} else if ((code == KEY_LEFT || code == KEY_RIGHT) &&
	    form_kind(f, FORM_CHOICE))
		form_driver(f->form, code == KEY_LEFT ? REQ_PREV_CHOICE :
		    REQ_NEXT_CHOICE);
	else if (code == KEY_LEFT)
		form_driver(f->form, REQ_PREV_CHAR);
	else if (code == KEY_RIGHT)
		form_driver(f->form, REQ_NEXT_CHAR);
	else if (code == KEY_HOME || (code == 0 && ch == 0x01))
		form_driver(f->form, REQ_BEG_FIELD);
	else if (code == KEY_END || (code == 0 && ch == 0x05))
		form_driver(f->form, REQ_END_FIELD);
	else if (code == KEY_BACKSPACE || (code == 0 && (ch == 0x7f ||
	    ch == 0x08)))
		form_driver(f->form, REQ_DEL_PREV);
	else if (code == KEY_DC)
		form_driver(f->form, REQ_DEL_CHAR);
	else if (code == 0 && ch == 0x15)
		form_driver(f->form, REQ_CLR_FIELD);
	else if (code == 0 && ch >= 0x20 && ch != 0x7f)
		form_driver_w(f->form, OK, (wchar_t)ch);
	return (0);
}
