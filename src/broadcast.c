/*
 * broadcast.c: typing into several tabs at once, after Tera Term's
 * broadcast command. Prefix * marks the visible tab (or unmarks it);
 * prefix B turns broadcast on and off, and while it is on cmd.c gives
 * each typed key and paste to every marked tab instead of the visible
 * one, each tab encoding it as its own keyboard would (character set,
 * Backspace and Delete, newline). Prefix i is the compose line: a line
 * typed in a form, sent to every marked tab with Enter.
 *
 * Tera Term sends to every window unless some are chosen: so here B with
 * no tab marked marks every tab first, and the compose line with none
 * marked goes to every tab. Marks are flags of the tabs (TAB_MARKED), so
 * a closed tab takes its mark with it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

#define BROADCAST_WRAP	56	/* columns of the compose line's list */
#define BROADCAST_LINES	4	/* lines of it, then "and N more" */

static int	broadcast_enabled;

/* Whether typed keys go to the marked tabs rather than the visible one. */
int
broadcast_on(void)
{
	return (broadcast_enabled);
}

/* Whether t is one of the chosen set (the tab bar shows '@'). */
int
broadcast_in_set(const struct tab *t)
{
	return ((t->flags & TAB_MARKED) != 0);
}

/*
 * Whether t can take what is typed: a tab whose program has ended, that
 * connects nowhere, or that asks the user something (a password, a host
 * key) is left out.
 */
static int
broadcast_can_take(const struct tab *t)
{
	return (!(t->flags & (TAB_DEAD | TAB_EOF)) && t->tr.ops != NULL &&
	    t->question == NULL);
}

/* Whether typing goes to t now. */
int
broadcast_target(const struct tab *t)
{
	return (broadcast_in_set(t) && broadcast_can_take(t));
}

/* The tabs for which is(t) holds. */
static u_int
broadcast_tally(int (*is)(const struct tab *))
{
	struct tab	*t;
	u_int		 n = 0;

	for (t = tabs; t != NULL; t = t->next) {
		if (is(t))
			n++;
	}
	return (n);
}

/* The tabs typing goes to now. */
u_int
broadcast_count(void)
{
	return (broadcast_tally(broadcast_target));
}

/* Marked tabs, live or not. */
static u_int
broadcast_marked(void)
{
	return (broadcast_tally(broadcast_in_set));
}

/* Prefix *: mark the tab for broadcast, or unmark it. */
void
broadcast_mark(struct tab *t)
{
	if (t == NULL)
		return;
	t->flags ^= TAB_MARKED;
	if (t->flags & TAB_MARKED)
		ui_message(_("tab %u marked for broadcast (%u marked)"),
		    tab_index(t) + 1, broadcast_marked());
	else
		ui_message(_("tab %u unmarked for broadcast (%u marked)"),
		    tab_index(t) + 1, broadcast_marked());
}

/* Prefix B: broadcast on (every tab marked if none is) or off. */
void
broadcast_toggle(void)
{
	struct tab	*t;

	if (broadcast_enabled) {
		broadcast_enabled = 0;
		ui_message("%s", _("broadcast off: keys go to the visible tab"
		    " only"));
		return;
	}
	if (broadcast_marked() == 0) {
		for (t = tabs; t != NULL; t = t->next)
			t->flags |= TAB_MARKED;
	}
	broadcast_enabled = 1;
	ui_message(_("broadcast on: %s B again stops it"),
	    keys_prefix_name(opts.prefix));
}

/* Whether the compose line sends to t: marked, or every tab if none is. */
static int
broadcast_compose_to(const struct tab *t, u_int marked)
{
	return (broadcast_can_take(t) && (marked == 0 ||
	    broadcast_in_set(t)));
}

/*
 * The compose line's explanation: where the line goes, by number and
 * title, wrapped, a few lines at most.
 */
static char *
broadcast_compose_text(void)
{
	struct buf	 b;
	struct tab	*t;
	char		*title, cut[24 * 4 + 1], item[160];
	u_int		 marked = broadcast_marked(), n = 0, lines = 0, more = 0;
	int		 x = 0, w;

	memset(&b, 0, sizeof b);
	for (t = tabs; t != NULL; t = t->next) {
		if (broadcast_compose_to(t, marked))
			n++;
	}
	if (marked == 0)
		buf_printf(&b, ngettext("Send a line, with each tab's Enter,"
		    " to every tab, %u tab (none is marked: prefix * marks"
		    " one):", "Send a line, with each tab's Enter, to every"
		    " tab, %u tabs (none is marked: prefix * marks one):", n),
		    n);
	else
		buf_printf(&b, ngettext("Send a line, with each tab's Enter,"
		    " to %u tab:", "Send a line, with each tab's Enter, to %u"
		    " tabs:", n), n);
	for (t = tabs; t != NULL; t = t->next) {
		if (!broadcast_compose_to(t, marked))
			continue;
		title = text_clean(tab_title(t), 0);
		text_cut(title, 20, cut, sizeof cut);
		free(title);
		snprintf(item, sizeof item, "%u %s", tab_index(t) + 1, cut);
		w = text_width(item);
		if (x > 0 && x + 2 + w <= BROADCAST_WRAP) {
			buf_printf(&b, ", %s", item);
			x += 2 + w;
		} else if (lines < BROADCAST_LINES) {
			buf_printf(&b, "\n  %s", item);
			lines++;
			x = 2 + w;
		} else
			more++;
	}
	if (more > 0)
		buf_printf(&b, _("\n and %u more"), more);
	if (n == 0)
		buf_printf(&b, "\n %s", _("(no tab can take it: none is"
		    " connected)"));
	return (buf_take(&b));
}

/* Enter: the line to every target, then each tab's Enter. */
static u_int
broadcast_send(const char *line)
{
	struct tab	*t;
	u_int		 marked = broadcast_marked(), n = 0;

	for (t = tabs; t != NULL; t = t->next) {
		if (!broadcast_compose_to(t, marked))
			continue;
		tab_send(t, line, strlen(line), 0);
		/* Enter as the tab's keyboard sends it: CR, or CR LF in
		 * newline mode; a line's CRSend then applies. */
		keys_send(t->term.vt, 0, '\r', 0);
		n++;
	}
	return (n);
}

static int
broadcast_compose_handle(void *data, struct form *f, int r)
{
	char	*line, *text, *msg;
	u_int	 n;

	if (r == 0x1b)
		return (1);
	if (r != '\r')
		return (0);
	line = form_value(f, 0);
	n = broadcast_send(line);
	/* The form stays for the next line, as Tera Term's dialog does. */
	text = broadcast_compose_text();
	xasprintf(&msg, ngettext("%s\n\nSent to %u tab.",
	    "%s\n\nSent to %u tabs.", n), text, n);
	form_set_value(f, 0, "");
	form_set_text(f, msg);
	free(msg);
	free(text);
	freezero_str(line);
	return (0);
}

/* Prefix i: the compose line. */
void
broadcast_compose(void)
{
	struct form_item	 it;
	struct form		*f;
	char			*text;

	text = broadcast_compose_text();
	it = (struct form_item){ _("Line"), FORM_TEXT, "", NULL };
	f = form_new_dialog(_("Broadcast"), text,
	    _(" Enter: send to them all  Esc: close "), 1, &it);
	free(text);
	overlay_form(f, broadcast_compose_handle, NULL, NULL);
}
