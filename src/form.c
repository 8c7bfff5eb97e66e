/*
 * form.c: modal forms that belong to one tab: keyboard-interactive rounds,
 * passwords and passphrases (ncurses form library, hidden input where the
 * server says so), and one-key questions such as what to do with an unknown
 * host key. While a tab shows a form, keys typed in that tab go to the form;
 * the prefix key still works, so other tabs stay usable.
 */
#include "config.h"

#include <curses.h>
#include <form.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

#define FORM_WIDTH	60	/* width of an input field */

struct form {
	char		 *title;
	char		 *text;		/* explanation, several lines */
	char		 *keys;		/* choice forms: the keys accepted */
	u_int		  nfields;
	char		**labels;
	FIELD		**fields;
	FORM		 *form;
	WINDOW		 *win;
	WINDOW		 *sub;
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

/* A form with n fields; echo[i] zero hides what is typed in field i. */
struct form *
form_new_fields(const char *title, const char *text, u_int n,
    const char **labels, const int *echo, form_cb cb, void *arg)
{
	struct form	*f = form_new(title, text, cb, arg);
	u_int		 i;

	f->nfields = n;
	f->labels = xcalloc(n, sizeof *f->labels);
	f->fields = xcalloc(n + 1, sizeof *f->fields);
	for (i = 0; i < n; i++) {
		f->labels[i] = form_clean(labels[i]);
		f->fields[i] = new_field(1, FORM_WIDTH, i * 2 + 1, 0, 0, 0);
		if (f->fields[i] == NULL)
			fatal("new_field failed");
		field_opts_off(f->fields[i], O_AUTOSKIP | O_STATIC);
		set_max_field(f->fields[i], 1024);
		if (!echo[i])
			field_opts_off(f->fields[i], O_PUBLIC);
		set_field_back(f->fields[i], A_UNDERLINE);
	}
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

/* Free a form, wiping what was typed. */
void
form_free(struct form *f)
{
	u_int	i;
	char	*buf;

	if (f == NULL)
		return;
	form_unpost(f);
	for (i = 0; i < f->nfields; i++) {
		buf = field_buffer(f->fields[i], 0);
		if (buf != NULL)
			explicit_bzero(buf, strlen(buf));
		free_field(f->fields[i]);
		free(f->labels[i]);
	}
	free(f->fields);
	free(f->labels);
	free(f->title);
	free(f->text);
	free(f->keys);
	free(f);
}

static u_int
form_text_lines(const struct form *f, u_int *width)
{
	const char	*p = f->text;
	u_int		 n = 0, w = 0, len;

	while (*p != '\0') {
		len = strcspn(p, "\n");
		if (len > w)
			w = len;
		n++;
		p += len;
		if (*p == '\n')
			p++;
	}
	*width = w;
	return (n);
}

/* Create and post the window, centred on the content area. */
static void
form_post(struct form *f)
{
	WINDOW	*main = ui_main_window();
	u_int	 tw, tl, w, h, i;
	int	 mh, mw, by, bx;

	tl = form_text_lines(f, &tw);
	w = tw + 4;
	if (f->nfields > 0 && w < FORM_WIDTH + 4)
		w = FORM_WIDTH + 4;
	if (w < strlen(f->title) + 6)
		w = strlen(f->title) + 6;
	h = tl + 2 + f->nfields * 2 + (f->nfields > 0 ? 1 : 0) + 1;
	getmaxyx(main, mh, mw);
	getbegyx(main, by, bx);
	if ((int)w > mw)
		w = mw;
	if ((int)h > mh)
		h = mh;
	f->win = newwin(h, w, by + (mh - (int)h) / 2, bx + (mw - (int)w) / 2);
	if (f->win == NULL)
		fatal("cannot create a form window");
	keypad(f->win, TRUE);
	if (f->nfields == 0)
		return;
	for (i = 0; i < f->nfields; i++)
		set_field_buffer(f->fields[i], 0, "");
	f->form = new_form(f->fields);
	if (f->form == NULL)
		fatal("new_form failed");
	f->sub = derwin(f->win, h - tl - 2, w - 4, tl + 1, 2);
	if (f->sub == NULL)
		fatal("cannot create a form subwindow");
	set_form_win(f->form, f->win);
	set_form_sub(f->form, f->sub);
	post_form(f->form);
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
	for (p = f->text; *p != '\0' && (int)y < h - 1; y++) {
		len = strcspn(p, "\n");
		wmove(f->win, y, 2);
		wclrtoeol(f->win);
		waddnstr(f->win, p, (int)len < w - 4 ? (int)len : w - 4);
		p += len;
		if (*p == '\n')
			p++;
	}
	for (i = 0; i < f->nfields && f->sub != NULL; i++)
		mvwaddnstr(f->sub, i * 2, 0, f->labels[i], w - 4);
	box(f->win, 0, 0);
	mvwprintw(f->win, 0, 2, " %.*s ", w - 6, f->title);
	if (f->nfields > 0) {
		mvwaddnstr(f->win, h - 1, 2,
		    " Enter: send  Tab: next field  Esc: cancel ", w - 4);
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

/* Lay out again after a resize. */
void
form_layout(struct form *f)
{
	if (f != NULL && f->win != NULL) {
		/* Keep typed text: only recreate when there are no fields. */
		if (f->nfields == 0) {
			form_unpost(f);
			form_post(f);
		}
	}
}

/* Collect the answers, trimmed of the padding the form library adds. */
static char **
form_answers(struct form *f)
{
	char	**ans, *b;
	size_t	  len;
	u_int	  i;

	form_driver(f->form, REQ_VALIDATION);
	ans = xcalloc(f->nfields + 1, sizeof *ans);
	for (i = 0; i < f->nfields; i++) {
		b = field_buffer(f->fields[i], 0);
		len = b != NULL ? strlen(b) : 0;
		while (len > 0 && b[len - 1] == ' ')
			len--;
		ans[i] = xmalloc(len + 1);
		memcpy(ans[i], b, len);
		ans[i][len] = '\0';
	}
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
	if (f->form == NULL)
		form_post(f);
	if (code == 0 && ch == 0x1b) {
		f->cb(f->arg, 0, NULL);
		return (1);
	}
	if ((code == 0 && ch == '\r') || code == KEY_ENTER) {
		ans = form_answers(f);
		f->cb(f->arg, '\r', ans);
		form_answers_free(ans);
		return (1);
	}
	if ((code == 0 && ch == '\t') || code == KEY_DOWN)
		form_driver(f->form, REQ_NEXT_FIELD);
	else if (code == KEY_BTAB || code == KEY_UP)
		form_driver(f->form, REQ_PREV_FIELD);
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
