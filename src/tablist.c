/*
 * tablist.c: prefix w, every tab in a list (an overlay): its number,
 * marks, title, destination and state. Typing filters it (a substring of
 * the number, title or destination, in any case), Up and Down move, Enter
 * shows the tab, Tab marks it for broadcast, Esc closes the list. The list
 * is made again for each frame and each key, since tabs open and close
 * behind it; the selection follows its tab by id.
 */
#include "config.h"

#include <curses.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tterm.h"

#define TABLIST_WIDTH	100	/* at most, on a wide screen */
#define TABLIST_FILTER	128	/* bytes of the filter */

/* A tab's destination, worked out once while the list is up. */
struct tablist_dest {
	u_int		  id;
	char		 *text;
};

struct tablist {
	char		  filter[TABLIST_FILTER];
	u_int		  sel_id;	/* the selected tab's id */
	u_int		  sel;		/* and its place in match */
	u_int		  top;		/* the first match shown */
	u_int		  rows;		/* matches the window shows */
	struct tab	**match;
	u_int		  nmatch;
	u_int		  size;
	struct tablist_dest *dests;
	u_int		  ndests;
	int		  tw, dw, sw;	/* the columns of this frame */
};

/*
 * Where tab t connects (tab_destination() reads its profile and may look
 * up the user): kept for the list's life, which is short.
 */
static const char *
tablist_dest(struct tablist *tl, const struct tab *t)
{
	u_int	i;

	for (i = 0; i < tl->ndests; i++) {
		if (tl->dests[i].id == t->id)
			return (tl->dests[i].text);
	}
	tl->dests = xreallocarray(tl->dests, tl->ndests + 1,
	    sizeof *tl->dests);
	tl->dests[tl->ndests].id = t->id;
	tl->dests[tl->ndests].text = tab_destination(t);
	return (tl->dests[tl->ndests++].text);
}

/* ASCII letters in lower case; other bytes (UTF-8) as they are. */
static void
tablist_lower(char *s)
{
	for (; *s != '\0'; s++) {
		if (*s >= 'A' && *s <= 'Z')
			*s += 'a' - 'A';
	}
}

/* Whether tab t (number n) has the filter in its number, title or
 * destination. */
static int
tablist_matches(struct tablist *tl, const struct tab *t, u_int n)
{
	char	 *hay, *want;
	int	  found;

	if (tl->filter[0] == '\0')
		return (1);
	xasprintf(&hay, "%u %s %s", n, tab_title(t), tablist_dest(tl, t));
	want = xstrdup(tl->filter);
	tablist_lower(hay);
	tablist_lower(want);
	found = strstr(hay, want) != NULL;
	free(want);
	free(hay);
	return (found);
}

/* The tabs the filter lets through, the selection kept on its tab. */
static void
tablist_update(struct tablist *tl)
{
	struct tab	*t;
	u_int		 n = tab_count(), i;

	if (n > tl->size) {
		tl->size = n;
		tl->match = xreallocarray(tl->match, n, sizeof *tl->match);
	}
	tl->nmatch = 0;
	for (t = tabs, i = 1; t != NULL; t = t->next, i++) {
		if (tablist_matches(tl, t, i))
			tl->match[tl->nmatch++] = t;
	}
	for (i = 0; i < tl->nmatch; i++) {
		if (tl->match[i]->id == tl->sel_id) {
			tl->sel = i;
			break;
		}
	}
	if (i == tl->nmatch && tl->nmatch > 0) {
		/* Its tab went, or the filter hides it: the nearest one. */
		if (tl->sel >= tl->nmatch)
			tl->sel = tl->nmatch - 1;
		tl->sel_id = tl->match[tl->sel]->id;
	}
	/* The selection stays in view. */
	if (tl->sel < tl->top)
		tl->top = tl->sel;
	if (tl->rows > 0 && tl->sel >= tl->top + tl->rows)
		tl->top = tl->sel - tl->rows + 1;
	if (tl->top > 0 && tl->top + tl->rows > tl->nmatch)
		tl->top = tl->nmatch > tl->rows ? tl->nmatch - tl->rows : 0;
}

/*
 * A tab's state in words: how it ended, paused, what its transport says
 * after its name ("connecting", "NO ANSWER for 20 s", "DEVICE
 * DISCONNECTED"), and its macro.
 */
static void
tablist_state(struct tab *t, char *buf, size_t len)
{
	const char	*s, *p;
	char		*m;
	size_t		 used;

	if (t->flags & TAB_DEAD)
		tab_exit_text(t, buf, len);
	else if (t->flags & TAB_XOFF)
		snprintf(buf, len, "%s", _("paused (Ctrl+S)"));
	else if (t->question != NULL)
		snprintf(buf, len, "%s", _("asks you something"));
	else if (t->tr.ops == NULL)
		snprintf(buf, len, "%s", _("not connected"));
	else if (t->tr.ops->status == NULL)
		snprintf(buf, len, "%s", _("running"));
	else {
		s = t->tr.ops->status(&t->tr);
		p = strstr(s, ": ");
		snprintf(buf, len, "%s", p != NULL ? p + 2 : _("connected"));
	}
	if ((m = macro_status(t)) != NULL) {
		used = strlen(buf);
		snprintf(buf + used, len - used, _(", macro %s"), m);
		free(m);
	}
}

/* Text in a column of width columns: cut, then padded with blanks. */
static void
tablist_cell(WINDOW *w, const char *s, int width)
{
	char	*clean = text_clean(s, 0);
	int	 used;

	used = width > 0 ? ui_text(w, clean, width) : 0;
	for (; used < width; used++)
		waddch(w, ' ');
	free(clean);
}

/* *need grows to the columns s takes. */
static void
tablist_need(int *need, const char *s)
{
	int	w = text_width(s);

	if (w > *need)
		*need = w;
}

/*
 * The columns of a line width wide: 5 for the number, 5 for the marks,
 * then the title, the destination and the state, a blank between them.
 * The three take what the widest of theirs needs when it all fits (a
 * port at the end of a destination is what tells two tabs apart), else
 * shares by those needs, none counted past half the room.
 */
static void
tablist_columns(struct tablist *tl, int width)
{
	char	 state[512];
	int	 room = width > 12 ? width - 12 : 0, need[3], cap, all = 0;
	u_int	 i, k;

	need[0] = text_width(_("Title"));
	need[1] = text_width(_("Destination"));
	need[2] = text_width(_("State"));
	for (i = 0; i < tl->nmatch; i++) {
		tablist_state(tl->match[i], state, sizeof state);
		tablist_need(&need[0], tab_title(tl->match[i]));
		tablist_need(&need[1], tablist_dest(tl, tl->match[i]));
		tablist_need(&need[2], state);
	}
	cap = room > 2 ? room / 2 : 1;
	for (k = 0; k < 3; k++)
		all += need[k] = need[k] < cap ? need[k] : cap;
	if (all <= room) {
		tl->tw = need[0];
		tl->dw = need[1];
	} else {
		tl->tw = room * need[0] / all;
		tl->dw = room * need[1] / all;
	}
	tl->sw = room - tl->tw - tl->dw;
}

/* One tab's line at row y: number, marks, title, destination, state. */
static void
tablist_line(struct tablist *tl, WINDOW *w, int y, struct tab *t,
    int selected)
{
	char	 num[16], marks[8], state[512];

	snprintf(num, sizeof num, "%s%3u ", selected ? ">" : " ",
	    tab_index(t) + 1);
	snprintf(marks, sizeof marks, "%s%s%s%s", t == tab_active ? "*" : "",
	    broadcast_in_set(t) ? "@" : "", (t->flags & TAB_BELL) ? "!" : "",
	    (t->flags & TAB_ACTIVITY) ? "+" : "");
	tablist_state(t, state, sizeof state);
	wattr_set(w, selected ? A_REVERSE : A_NORMAL, 0, NULL);
	wmove(w, y, 1);
	tablist_cell(w, num, 5);
	tablist_cell(w, marks, 5);
	tablist_cell(w, tab_title(t), tl->tw);
	tablist_cell(w, " ", 1);
	tablist_cell(w, tablist_dest(tl, t), tl->dw);
	tablist_cell(w, " ", 1);
	tablist_cell(w, state, tl->sw);
	wattr_set(w, A_NORMAL, 0, NULL);
}

/* The line above the tabs. */
static void
tablist_header(struct tablist *tl, WINDOW *w, int y)
{
	wattr_set(w, A_BOLD, 0, NULL);
	wmove(w, y, 1);
	tablist_cell(w, "   #", 10);
	tablist_cell(w, _("Title"), tl->tw + 1);
	tablist_cell(w, _("Destination"), tl->dw + 1);
	tablist_cell(w, _("State"), tl->sw);
	wattr_set(w, A_NORMAL, 0, NULL);
}

static void
tablist_draw(struct overlay *o)
{
	struct tablist	*tl = o->data;
	WINDOW		*w = o->win;
	char		 line[TABLIST_FILTER + 256];
	int		 h, wd, y;
	u_int		 i;

	getmaxyx(w, h, wd);
	tl->rows = h > 4 ? (u_int)h - 4 : 1;
	tablist_update(tl);
	werase(w);
	box(w, 0, 0);
	snprintf(line, sizeof line, _(" Tabs: %u (* shown, @ broadcast,"
	    " ! bell, + new output) "), tab_count());
	wmove(w, 0, 2);
	ui_text(w, line, wd - 4);
	snprintf(line, sizeof line, _("Filter: %s_"), tl->filter);
	wmove(w, 1, 2);
	ui_text(w, line, wd - 4);
	tablist_columns(tl, wd - 2);
	if (h > 3)
		tablist_header(tl, w, 2);
	for (i = tl->top, y = 3; i < tl->nmatch && y < h - 1; i++, y++)
		tablist_line(tl, w, y, tl->match[i], i == tl->sel);
	if (tl->nmatch == 0 && h > 4) {
		wmove(w, 3, 2);
		ui_text(w, _("no tab matches the filter (Backspace, Ctrl+U)"),
		    wd - 4);
	}
	wmove(w, h - 1, 2);
	ui_text(w, _(" Up/Down: move  Enter: show it  Tab: mark for"
	    " broadcast  Esc: close "), wd - 4);
}

/* Move the selection by step matches, within the list. */
static void
tablist_move(struct tablist *tl, int step)
{
	long	sel = (long)tl->sel + step;

	if (tl->nmatch == 0)
		return;
	if (sel < 0)
		sel = 0;
	if (sel >= (long)tl->nmatch)
		sel = tl->nmatch - 1;
	tl->sel = sel;
	tl->sel_id = tl->match[sel]->id;
}

/* A typed character for the filter; Backspace takes the last one off. */
static void
tablist_edit(struct tablist *tl, int code, uint32_t ch)
{
	char		 mb[MB_LEN_MAX];
	mbstate_t	 ps;
	size_t		 len = strlen(tl->filter), k;

	if (code == KEY_BACKSPACE || (code == 0 && (ch == 0x7f ||
	    ch == 0x08))) {
		while (len > 0 && ((u_char)tl->filter[len - 1] & 0xc0) == 0x80)
			len--;
		if (len > 0)
			len--;
		tl->filter[len] = '\0';
	} else if (code == 0 && ch == 0x15)
		tl->filter[0] = '\0';
	else if (code == 0 && ch >= 0x20) {
		memset(&ps, 0, sizeof ps);
		k = wcrtomb(mb, (wchar_t)ch, &ps);
		if (k == (size_t)-1 || len + k >= sizeof tl->filter)
			return;
		memcpy(tl->filter + len, mb, k);
		tl->filter[len + k] = '\0';
	} else
		return;
	/* A new filter: its first match is selected. */
	tl->sel_id = 0;
	tl->sel = 0;
	tl->top = 0;
}

static int
tablist_key(struct overlay *o, int code, uint32_t ch)
{
	struct tablist	*tl = o->data;
	int		 page = tl->rows > 1 ? (int)tl->rows - 1 : 1;

	tablist_update(tl);
	if (code == 0 && ch == 0x1b)
		return (1);
	if ((code == 0 && ch == '\r') || code == KEY_ENTER) {
		if (tl->nmatch > 0)
			tab_select(tl->match[tl->sel]);
		return (1);
	}
	if (code == KEY_UP || (code == 0 && ch == 0x10))
		tablist_move(tl, -1);
	else if (code == KEY_DOWN || (code == 0 && ch == 0x0e))
		tablist_move(tl, 1);
	else if (code == KEY_PPAGE)
		tablist_move(tl, -page);
	else if (code == KEY_NPAGE)
		tablist_move(tl, page);
	else if (code == KEY_HOME)
		tablist_move(tl, -(int)tl->nmatch);
	else if (code == KEY_END)
		tablist_move(tl, (int)tl->nmatch);
	else if (code == 0 && ch == '\t') {
		if (tl->nmatch > 0)
			broadcast_mark(tl->match[tl->sel]);
	} else
		tablist_edit(tl, code, ch);
	tablist_update(tl);
	return (0);
}

static void
tablist_free(struct overlay *o)
{
	struct tablist	*tl = o->data;
	u_int		 i;

	for (i = 0; i < tl->ndests; i++)
		free(tl->dests[i].text);
	free(tl->dests);
	free(tl->match);
	free(tl);
}

/* Prefix w: the list, the visible tab selected. */
void
tablist_open(void)
{
	struct tablist	*tl;
	u_int		 n = tab_count();
	struct overlay	*o;
	int		 h, w;

	if (n == 0)
		return;
	tl = xcalloc(1, sizeof *tl);
	tl->sel_id = tab_active != NULL ? tab_active->id : 0;
	h = (int)n + 4;
	w = COLS < TABLIST_WIDTH ? COLS : TABLIST_WIDTH;
	o = overlay_open(tl, tablist_draw, tablist_key, tablist_free, h, w);
	/* Keys may come before the first frame. */
	h = getmaxy((WINDOW *)o->win);
	tl->rows = h > 4 ? (u_int)h - 4 : 1;
}
