/*
 * cmd.c: what keys do. Keys go to the active tab's program except after the
 * prefix key (Ctrl+] by default: clear of tmux's Ctrl+B and screen's
 * Ctrl+A), when the next key is a tterm command from the table below.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

static int	cmd_pending;	/* the prefix was typed */
static int	cmd_pasting;	/* inside a bracketed paste */
int		cmd_quitting;	/* the user asked to quit */
double		cmd_last_key = -1; /* when a key last went to a tab */

static void	cmd_new(int);
static void	cmd_next(int);
static void	cmd_prev(int);
static void	cmd_select(int);
static void	cmd_close(int);
static void	cmd_view(int);
static void	cmd_search(int);
static void	cmd_paste(int);
static void	cmd_xfer(int);
static void	cmd_xfer_cancel(int);
static void	cmd_sftp(int);
static void	cmd_help(int);
static void	cmd_quit(int);
static void	cmd_literal(int);
static void	cmd_reconnect(int);
static void	cmd_duplicate(int);
static void	cmd_break(int);
static void	cmd_dtr(int);
static void	cmd_rts(int);
static void	cmd_log(int);
static void	cmd_stamps(int);
static void	cmd_settings(int);
static void	cmd_save(int);
static void	cmd_macro(int);
static void	cmd_macro_stop(int);
static void	cmd_tablist(int);
static void	cmd_mark(int);
static void	cmd_broadcast(int);
static void	cmd_compose(int);

struct cmd_binding {
	int		 key;		/* character after the prefix */
	int		 code;		/* or a curses key code */
	const char	*name;		/* shown in the help */
	const char	*help;		/* NULL: said with another key */
	void		(*fn)(int);
};

static const struct cmd_binding cmd_bindings[] = {
	{ 'c', 0, "c", N_("new connection: SSH, serial or a local shell (Enter"
	    " alone: your shell)"), cmd_new },
	{ 'o', 0, "o", N_("settings of the tab: serial line, newlines, title"),
	    cmd_settings },
	{ 'S', 0, "S", N_("save the tab's settings to its profile"), cmd_save },
	{ 'n', 0, "n Right", N_("next tab"), cmd_next },
	{ 0, KEY_RIGHT, "Right", NULL, cmd_next },
	{ 'p', 0, "p Left", N_("previous tab"), cmd_prev },
	{ 0, KEY_LEFT, "Left", NULL, cmd_prev },
	{ '1', 0, "1-9", N_("select tab 1 to 9"), cmd_select },
	{ 'w', 0, "w", N_("list the tabs: type to filter, Enter switches"),
	    cmd_tablist },
	{ '*', 0, "* B", N_("mark the tab for broadcast; B: typing goes to the"
	    " marked tabs"), cmd_mark },
	{ 'B', 0, "B", NULL, cmd_broadcast },
	{ 'i', 0, "i", N_("type a line for the marked tabs (or all), Enter sends"
	    " it"), cmd_compose },
	{ 'x', 0, "x", N_("close the tab (asks if its program runs)"), cmd_close },
	{ 'r', 0, "r", N_("reconnect the tab (or rerun its program)"),
	    cmd_reconnect },
	{ 'd', 0, "d", N_("duplicate the tab: same destination or command"),
	    cmd_duplicate },
	{ 'b', 0, "b", N_("send a BREAK (serial, telnet)"), cmd_break },
	{ 'D', 0, "D", N_("toggle DTR (serial tabs)"), cmd_dtr },
	{ 'R', 0, "R", N_("toggle RTS (serial tabs)"), cmd_rts },
	{ 'L', 0, "L", N_("start or stop the session log (LogDefaultName)"),
	    cmd_log },
	{ 'T', 0, "T", N_("time stamps: each line's arrival time at the left of"
	    " the tab (on/off)"), cmd_stamps },
	{ 'm', 0, "m .", N_("run a Tera Term macro (.ttl) in the tab; . stops it"),
	    cmd_macro },
	{ '.', 0, ".", NULL, cmd_macro_stop },
	{ '[', 0, "[", N_("scrollback and copy: arrows move, v V r select, y copies,"
	    " / ? n N search, q leaves"), cmd_view },
	{ '/', 0, "/", N_("search the scrollback (up from the bottom)"), cmd_search },
	{ 'f', 0, "f", N_("move files over the tab's SSH connection (SFTP)"),
	    cmd_sftp },
	{ 'F', 0, "F", N_("file transfer: XMODEM, YMODEM or ZMODEM, send or"
	    " receive"), cmd_xfer },
	{ 'z', 0, "z", N_("cancel the tab's file transfer (the newest first)"),
	    cmd_xfer_cancel },
	{ ']', 0, "]", N_("paste what was copied (bracketed if the program asked)"),
	    cmd_paste },
	{ '?', 0, "?", N_("show this help"), cmd_help },
	{ 'q', 0, "q", N_("quit tterm (asks if programs still run)"), cmd_quit },
	{ -1, 0, "prefix", N_("send the prefix key itself"), cmd_literal },
};

int
cmd_prefix_pending(void)
{
	return (cmd_pending);
}

/* List the bindings for the help overlay. */
void
cmd_help_lines(void (*cb)(const char *, const char *, void *), void *data)
{
	char	name[32];
	u_int	i;

	for (i = 0; i < sizeof cmd_bindings / sizeof cmd_bindings[0]; i++) {
		if (cmd_bindings[i].help == NULL)
			continue;	/* said on another key's line */
		if (cmd_bindings[i].key == -1)
			snprintf(name, sizeof name, "%s",
			    keys_prefix_name(opts.prefix));
		else
			snprintf(name, sizeof name, "%s",
			    cmd_bindings[i].name);
		cb(name, _(cmd_bindings[i].help), data);
	}
}

/* Run the command bound to the key typed after the prefix. */
static void
cmd_dispatch(int code, uint32_t ch)
{
	const struct cmd_binding	*b;
	u_int				 i;
	int				 key = code == 0 ? (int)ch : -2;

	if (code == 0 && ch >= '1' && ch <= '9') {
		cmd_select(ch - '1');
		return;
	}
	if (code == 0 && (int)ch == opts.prefix) {
		cmd_literal(0);
		return;
	}
	for (i = 0; i < sizeof cmd_bindings / sizeof cmd_bindings[0]; i++) {
		b = &cmd_bindings[i];
		if ((b->key > 0 && b->key == key) ||
		    (b->code != 0 && b->code == code)) {
			b->fn(0);
			return;
		}
	}
	if (code == 0 && ch == 0x1b)
		return;		/* Esc cancels the prefix */
	ui_message(_("no command on that key: %s ? lists them"),
	    keys_prefix_name(opts.prefix));
}

/*
 * Backspace and Delete as the tab's profile says (Tera Term's BSKey and
 * DeleteKey): BS sends 0x08, DeleteKey=on makes Delete send 0x7f.
 */
static int
cmd_profile_key(struct tab *t, int code, uint32_t ch, int alt)
{
	const struct profile	*p = t->prof;

	if (p == NULL || alt)
		return (0);
	if (p->bs_del == 0 && ((code == 0 && ch == 0x7f) ||
	    code == KEY_BACKSPACE)) {
		tab_write(t, "\b", 1);
		return (1);
	}
	if (p->delete_key == 1 && code == KEY_DC) {
		tab_write(t, "\177", 1);
		return (1);
	}
	return (0);
}

/*
 * A key for tab t's program, as its keyboard would send it: Ctrl+S and
 * Ctrl+Q pause and resume the tab's output (unless its line takes them as
 * bytes), Backspace and Delete as its profile says, the rest through its
 * libvterm (its modes, then its character set and newline).
 */
static void
cmd_tab_key(struct tab *t, int code, uint32_t ch, int alt)
{
	/* On a serial line without XON/XOFF these are ordinary bytes. */
	if (t->tr.ops->raw_flow_keys != NULL && t->tr.ops->raw_flow_keys(&t->tr))
		;
	else if (code == 0 && !alt && ch == 0x13 && !(t->flags & TAB_XOFF)) {
		t->flags |= TAB_XOFF;	/* Ctrl+S: the program's output stops */
		ui_redraw_bars = 1;
	} else if (code == 0 && !alt && ch == 0x11 && (t->flags & TAB_XOFF)) {
		t->flags &= ~TAB_XOFF;	/* Ctrl+Q: it resumes */
		ui_redraw_bars = 1;
	}
	if (!cmd_profile_key(t, code, ch, alt))
		keys_send(t->term.vt, code, ch, alt);
}

/* A key for every tab broadcast goes to (the visible one if marked). */
static void
cmd_broadcast_key(int code, uint32_t ch, int alt)
{
	struct tab	*t;

	for (t = tabs; t != NULL; t = t->next) {
		if (broadcast_target(t))
			cmd_tab_key(t, code, ch, alt);
	}
}

/* A key from the outer terminal (alt: Esc came right before it). */
void
cmd_key(int code, uint32_t ch, int alt)
{
	struct tab	*t = tab_active;

	if (code == KEYS_PASTE_START)
		cmd_pasting = 1;
	else if (code == KEYS_PASTE_END)
		cmd_pasting = 0;
	else if (overlay_top != NULL) {
		overlay_key(code, ch);
		return;
	} else if (cmd_pending) {
		cmd_pending = 0;
		ui_redraw_bars = 1;
		if (!alt)
			cmd_dispatch(code, ch);
		return;
	} else if (!cmd_pasting && code == 0 && !alt &&
	    (int)ch == opts.prefix) {
		cmd_pending = 1;
		ui_redraw_bars = 1;
		return;
	}
	if (t == NULL)
		return;
	if (form_tab(t) != NULL && code != KEYS_PASTE_START &&
	    code != KEYS_PASTE_END) {
		struct form	*f = t->form;
		u_int		 gen = t->qgen;

		if (form_key(f, code, ch)) {
			/* The answer may have put the next question. */
			t->form = NULL;
			form_free(f);
			tab_question_done(t, gen);
			grid_set_dirty(t->term.g, 0, t->term.g->rows);
			ui_redraw_bars = 1;
			tab_poke(t);
		} else
			ui_redraw_bars = 1;	/* redraw with the new text */
		return;
	}
	if (t->view) {
		if (code != KEYS_PASTE_START && code != KEYS_PASTE_END)
			view_key(t, code, ch);
		return;
	}
	if (broadcast_on()) {
		cmd_broadcast_key(code, ch, alt);
		cmd_last_key = clock_now();
		return;
	}
	if (t->flags & TAB_DEAD) {
		/* Keys go nowhere: say what does something here (short:
		 * the status bar also says how the tab ended). */
		if (code != KEYS_PASTE_START && code != KEYS_PASTE_END)
			ui_message(_("%s r: again, %s x: close"),
			    keys_prefix_name(opts.prefix),
			    keys_prefix_name(opts.prefix));
		return;
	}
	cmd_tab_key(t, code, ch, alt);
	cmd_last_key = clock_now();	/* its echo is drawn at once */
}

static void
cmd_new(int arg)
{
	dialog_open();
}

static void
cmd_settings(int arg)
{
	if (tab_active != NULL)
		settings_open(tab_active);
}

static void
cmd_save(int arg)
{
	if (tab_active != NULL)
		settings_save(tab_active);
}

static void
cmd_next(int arg)
{
	if (tab_active != NULL)
		tab_select(tab_active->next != NULL ? tab_active->next : tabs);
}

static void
cmd_prev(int arg)
{
	u_int	i, n = tab_count();

	if (tab_active == NULL || n == 0)
		return;
	i = tab_index(tab_active);
	tab_select(tab_at(i == 0 ? n - 1 : i - 1));
}

static void
cmd_select(int i)
{
	struct tab	*t = tab_at(i);

	if (t == NULL)
		ui_message(_("there is no tab %d"), i + 1);
	else
		tab_select(t);
}

static void
cmd_close_now(void *data)
{
	tab_close(data);
}

static void
cmd_close(int arg)
{
	struct tab	*t = tab_active;
	char		 q[256];

	if (t == NULL)
		return;
	if (t->flags & TAB_DEAD) {
		tab_close(t);
		return;
	}
	snprintf(q, sizeof q, _("Close tab %u? %s is still running. (y/n)"),
	    tab_index(t) + 1, t->cmd);
	overlay_confirm(q, cmd_close_now, t);
}

static void
cmd_reconnect_now(void *data)
{
	char	*cause = NULL;

	if (tab_reconnect(data, NULL, &cause) != 0) {
		ui_message(_("reconnect: %s"), cause);
		free(cause);
	}
}

static void
cmd_reconnect(int arg)
{
	struct tab	*t = tab_active;
	char		 q[256];

	if (t == NULL)
		return;
	if (t->flags & TAB_DEAD) {
		cmd_reconnect_now(t);
		return;
	}
	snprintf(q, sizeof q, _("Reconnect tab %u? %s is still running. (y/n)"),
	    tab_index(t) + 1, t->cmd);
	overlay_confirm(q, cmd_reconnect_now, t);
}

static void
cmd_log(int arg)
{
	char	*msg;

	if (tab_active == NULL)
		return;
	sesslog_toggle(tab_active, &msg);
	ui_message("%s", msg);
	free(msg);
}

static void
cmd_stamps(int arg)
{
	struct tab	*t = tab_active;

	if (t == NULL)
		return;
	if (tab_set_stamps(t, !t->stamps) != 0)
		ui_message(_("too narrow for time stamps"));
	else
		ui_message("%s", t->stamps ? _("time stamps on") :
		    _("time stamps off"));
}

static void
cmd_duplicate(int arg)
{
	char	*cause = NULL;

	if (tab_active != NULL && open_duplicate(tab_active, &cause) == NULL) {
		ui_message(_("duplicate: %s"), cause);
		free(cause);
	}
}

static void
cmd_macro(int arg)
{
	(void)arg;
	macro_form_open();
}

static void
cmd_macro_stop(int arg)
{
	(void)arg;
	macro_form_stop();
}

static void
cmd_tablist(int arg)
{
	tablist_open();
}

static void
cmd_mark(int arg)
{
	broadcast_mark(tab_active);
}

static void
cmd_broadcast(int arg)
{
	broadcast_toggle();
}

static void
cmd_compose(int arg)
{
	broadcast_compose();
}

static void
cmd_break(int arg)
{
	struct tab	*t = tab_active;
	char		 buf[256];

	if (t == NULL || t->tr.ops == NULL || t->tr.ops->send_break == NULL) {
		ui_message(_("BREAK: not a serial tab"));
		return;
	}
	t->tr.ops->send_break(&t->tr, buf, sizeof buf);
	ui_message("%s", buf);
}

static void
cmd_modem(int line)
{
	struct tab	*t = tab_active;
	char		 buf[256];

	if (t == NULL || t->tr.ops == NULL || t->tr.ops->modem == NULL) {
		ui_message(_("not a serial tab"));
		return;
	}
	t->tr.ops->modem(&t->tr, line, buf, sizeof buf);
	ui_message("%s", buf);
}

static void
cmd_dtr(int arg)
{
	cmd_modem(TIOCM_DTR);
}

static void
cmd_rts(int arg)
{
	cmd_modem(TIOCM_RTS);
}

static void
cmd_view(int arg)
{
	if (tab_active != NULL)
		view_enter(tab_active);
}

static void
cmd_search(int arg)
{
	if (tab_active != NULL)
		view_search_open(tab_active);
}

static void
cmd_paste(int arg)
{
	struct tab	*t;

	if (!broadcast_on()) {
		copy_paste(tab_active);
		return;
	}
	for (t = tabs; t != NULL; t = t->next) {	/* a paste as typed */
		if (broadcast_target(t))
			copy_paste(t);
	}
}

static void
cmd_xfer(int arg)
{
	xfer_form_open();
}

static void
cmd_xfer_cancel(int arg)
{
	struct tab	*t = tab_active;

	if (t == NULL)
		return;
	if (t->xfer != NULL)
		xfer_cancel(t->xfer);
	else if (t->njobs > 0)
		tab_sftp_cancel(t, t->njobs - 1);
	else
		ui_message(_("no file transfer in this tab"));
}

static void
cmd_sftp(int arg)
{
	sftp_form_open();
}

static void
cmd_help(int arg)
{
	overlay_help(cmd_help_lines);
}

static void
cmd_quit_now(void *data)
{
	cmd_quitting = 1;
}

static void
cmd_quit(int arg)
{
	char	q[128];
	u_int	live = tab_count_live();

	if (live == 0) {
		cmd_quitting = 1;
		return;
	}
	snprintf(q, sizeof q, ngettext("Quit tterm? %u tab is still running."
	    " (y/n)", "Quit tterm? %u tabs are still running. (y/n)", live),
	    live);
	overlay_confirm(q, cmd_quit_now, NULL);
}

static void
cmd_literal(int arg)
{
	struct tab	*t = tab_active;

	if (broadcast_on())
		cmd_broadcast_key(0, opts.prefix, 0);
	else if (t != NULL && !t->view && !(t->flags & TAB_DEAD))
		keys_send(t->term.vt, 0, opts.prefix, 0);
}
