/*
 * settings.c: a tab's settings (prefix o), after Tera Term's Setup menu
 * for what a text terminal has: a serial line's speed, framing, flow
 * control, newlines, local echo and delays, and every tab's title. A
 * change applies to the live tab at once and goes into the tab's profile;
 * prefix S saves that profile: into the file it came from (only the keys
 * that changed are rewritten), or a new tterm profile.
 */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

enum {
	O_SPEED, O_DATA, O_PARITY, O_STOP, O_FLOW, O_SEND, O_RECV, O_ECHO,
	O_CDELAY, O_LDELAY, O_TITLE, O_N
};

/* From slow to fast: Up picks the next faster, Down the next slower. */
static const char *settings_speeds[] = {
	"1200", "2400", "4800", "9600", "19200", "38400", "57600", "115200",
	"230400", "460800", "921600", NULL
};
static const char *settings_databits[] = { "8", "7", NULL };
static const char *settings_parities[] = {
	N_("none"), N_("odd"), N_("even"), N_("mark"), N_("space"), NULL
};
static const char settings_parity_chars[] = "NOEMS";
static const char *settings_stopbits[] = { "1", "2", NULL };
static const char *settings_flows[] = {	/* as SERIAL_FLOW_* */
	N_("none"), "XON/XOFF", "RTS/CTS", NULL
};
static const char *settings_newlines[] = {	/* as SERIAL_NL_* */
	"CR", "CR+LF", "LF", "AUTO", NULL
};
static const char *settings_onoff[] = { N_("off"), N_("on"), NULL };

/* An open settings form: which tab, and the values it started with. */
struct settings {
	u_int	 tab_id;
	u_int	 n;
	char	*was[O_N];
};

/* The tab's profile: what it connects to and how (the one description). */
struct profile *
settings_profile(struct tab *t)
{
	return (t->prof);
}

/* The serial line the tab's profile describes, or 0 if it has none. */
static int
settings_serial(struct tab *t, struct serial_opts *o)
{
	char	*path;
	int	 kind = dest_kind(t->prof);

	if (kind != DEST_SERIAL && kind != DEST_RFC2217)
		return (0);
	dest_serial(t->prof, o, &path);
	free(path);
	o->path = NULL;
	return (1);
}

static struct tab *
settings_tab(u_int id)
{
	struct tab	*t;

	for (t = tabs; t != NULL && t->id != id; t = t->next)
		;
	return (t);
}

/* The serial line the fields describe; -1 with a cause if one is bad. */
static int
settings_line(char **v, struct serial_opts *o, char **cause)
{
	long	speed, cdelay, ldelay;

	speed = form_number(v[O_SPEED], 50, 4000000);
	cdelay = form_number(v[O_CDELAY], 0, 10000);
	ldelay = form_number(v[O_LDELAY], 0, 10000);
	if (speed < 0 || cdelay < 0 || ldelay < 0) {
		xasprintf(cause, speed < 0 ? _("bad speed '%s'") :
		    _("bad delay '%s' (0 to 10000 ms)"), speed < 0 ? v[O_SPEED] :
		    cdelay < 0 ? v[O_CDELAY] : v[O_LDELAY]);
		return (-1);
	}
	o->speed = speed;
	o->databits = v[O_DATA][0] - '0';
	o->parity = settings_parity_chars[form_index(settings_parities,
	    v[O_PARITY])];
	o->stopbits = v[O_STOP][0] - '0';
	o->flow = form_index(settings_flows, v[O_FLOW]);
	o->send_nl = form_index(settings_newlines, v[O_SEND]);
	o->recv_nl = form_index(settings_newlines, v[O_RECV]);
	o->local_echo = form_index(settings_onoff, v[O_ECHO]);
	o->char_delay = cdelay;
	o->line_delay = ldelay;
	return (0);
}

/*
 * Put a serial line into the live tab, and what changed of it into the
 * profile (a value the tab could not take as it was, FlowCtrl=dsrdtr
 * say, stays in the profile unless changed).
 */
static int
settings_apply_line(struct tab *t, const struct serial_opts *o,
    char **cause)
{
	struct profile		*p = t->prof, before = *p;
	struct serial_opts	 was;

	settings_serial(t, &was);
	if (o->speed != was.speed)
		p->speed = o->speed;
	if (o->databits != was.databits)
		p->databits = o->databits;
	if (o->parity != was.parity)
		p->parity = o->parity;
	if (o->stopbits != was.stopbits)
		p->stopbits = o->stopbits;
	if (o->flow != was.flow)
		p->flow = o->flow;
	if (o->send_nl != was.send_nl)
		p->cr_send = o->send_nl;
	if (o->recv_nl != was.recv_nl)
		p->cr_recv = o->recv_nl;
	if (o->local_echo != was.local_echo)
		p->local_echo = o->local_echo;
	if (o->char_delay != was.char_delay)
		p->char_delay = o->char_delay;
	if (o->line_delay != was.line_delay)
		p->line_delay = o->line_delay;
	if (tab_reconfigure(t, cause) != 0) {
		/* The line is as it was: so is its description. */
		*p = before;
		return (-1);
	}
	return (0);
}

/* Enter: apply what changed; 0 with the form kept up if something is bad. */
static int
settings_submit(struct settings *st, struct form *f)
{
	struct tab		*t = settings_tab(st->tab_id);
	struct serial_opts	 o;
	char			*v[O_N], *cause = NULL, *text;
	u_int			 i, title = st->n - 1, line = 0;
	int			 ok = 1;

	if (t == NULL)
		return (1);
	memset(&o, 0, sizeof o);
	for (i = 0; i < st->n; i++) {
		v[i] = form_value(f, i);
		if (i != title && strcmp(v[i], st->was[i]) != 0)
			line = 1;
	}
	if (line) {
		settings_serial(t, &o);
		ok = settings_line(v, &o, &cause) == 0 &&
		    settings_apply_line(t, &o, &cause) == 0;
	}
	if (ok && strcmp(v[title], st->was[title]) != 0) {
		free(t->cmd);
		t->cmd = xstrdup(v[title]);
		free(t->prof->title);
		t->prof->title = xstrdup(v[title]);
		ui_redraw_bars = 1;
	}
	if (!ok) {
		xasprintf(&text, _("Not applied: %s"), cause);
		form_set_text(f, text);
		free(text);
	} else if (line)
		ui_message(_("tab %u: %u %d%c%d, flow %s"), tab_index(t) + 1,
		    o.speed, o.databits, o.parity, o.stopbits,
		    _(settings_flows[o.flow]));
	free(cause);
	for (i = 0; i < st->n; i++)
		free(v[i]);
	return (ok);
}

static int
settings_handle(void *data, struct form *f, int r)
{
	if (r == 0x1b)
		return (1);
	if (r == '\r')
		return (settings_submit(data, f));
	return (0);
}

static void
settings_release(void *data)
{
	struct settings	*st = data;
	u_int		 i;

	for (i = 0; i < st->n; i++)
		free(st->was[i]);
	free(st);
}

/* Prefix o: the tab's settings. */
void
settings_open(struct tab *t)
{
	struct serial_opts	 line;
	const struct serial_opts *o = settings_serial(t, &line) ? &line : NULL;
	struct form_item	 it[O_N];
	struct settings		*st;
	struct form		*f;
	char			 num[3][16];
	u_int			 i, n = 0;

	memset(it, 0, sizeof it);
	if (o != NULL) {
		snprintf(num[0], sizeof num[0], "%u", o->speed);
		snprintf(num[1], sizeof num[1], "%u", o->char_delay);
		snprintf(num[2], sizeof num[2], "%u", o->line_delay);
		it[n++] = (struct form_item){ _("Speed"), FORM_TEXT, num[0],
		    settings_speeds };
		it[n++] = (struct form_item){ _("Data bits"), FORM_CHOICE,
		    o->databits == 7 ? "7" : "8", settings_databits };
		it[n++] = (struct form_item){ _("Parity"), FORM_CHOICE,
		    settings_parities[strchr(settings_parity_chars, o->parity) -
		    settings_parity_chars], settings_parities };
		it[n++] = (struct form_item){ _("Stop bits"), FORM_CHOICE,
		    o->stopbits == 2 ? "2" : "1", settings_stopbits };
		it[n++] = (struct form_item){ _("Flow control"), FORM_CHOICE,
		    settings_flows[o->flow], settings_flows };
		it[n++] = (struct form_item){ _("Enter sends"), FORM_CHOICE,
		    settings_newlines[o->send_nl], settings_newlines };
		it[n++] = (struct form_item){ _("Received CR"), FORM_CHOICE,
		    settings_newlines[o->recv_nl], settings_newlines };
		it[n++] = (struct form_item){ _("Local echo"), FORM_CHOICE,
		    settings_onoff[o->local_echo != 0], settings_onoff };
		it[n++] = (struct form_item){ _("Char delay ms"), FORM_TEXT,
		    num[1], NULL };
		it[n++] = (struct form_item){ _("Line delay ms"), FORM_TEXT,
		    num[2], NULL };
	}
	it[n++] = (struct form_item){ _("Title"), FORM_TEXT,
	    t->prof->title != NULL ? t->prof->title : t->cmd, NULL };
	st = xcalloc(1, sizeof *st);
	st->tab_id = t->id;
	st->n = n;
	for (i = 0; i < n; i++)
		st->was[i] = xstrdup(it[i].value);
	f = form_new_dialog(_("Settings of this tab"), o != NULL ?
	    _("Applied at once; prefix S saves them.\nUp/Down pick a speed;"
	    " Left/Right change a choice.") : _("Applied at once; prefix S"
	    " saves them."), _(" Enter: apply  Tab: next field  Esc: cancel "), n, it);
	overlay_form(f, settings_handle, settings_release, st);
}

/* A file name made of what the tab connects to. */
static char *
settings_name(const struct tab *t)
{
	char	*name = dest_name(t->prof), *s;

	for (s = name; *s != '\0'; s++) {
		if (!isalnum((u_char)*s) && strchr("._-", *s) == NULL)
			*s = '_';
	}
	return (name);
}

/* A new profile's path: NAME.ini, or NAME-2.ini and on if taken. */
static char *
settings_new_path(const struct tab *t)
{
	char	*dir = profile_config_path("profiles"), *name, *path;
	u_int	 i;

	name = settings_name(t);
	xasprintf(&path, "%s/%s.ini", dir, name);
	for (i = 2; access(path, F_OK) == 0; i++) {
		free(path);
		xasprintf(&path, "%s/%s-%u.ini", dir, name, i);
	}
	free(name);
	free(dir);
	return (path);
}

/* Prefix S: save the tab's profile; the status bar says where. */
void
settings_save(struct tab *t)
{
	struct profile	*p = settings_profile(t);
	const char	*home = getenv("HOME");
	char		*path = NULL, *cause = NULL;
	size_t		 len;

	p->cols = t->term.g->cols;
	p->rows = t->term.g->rows;
	if (p->file == NULL) {
		path = settings_new_path(t);
		if (profile_mkdirs(path, &cause) != 0)
			goto fail;
	}
	if (profile_save(p, path, &cause) != 0)
		goto fail;
	free(path);
	len = home != NULL ? strlen(home) : 0;
	if (len > 1 && strncmp(p->file, home, len) == 0 && p->file[len] == '/')
		ui_message(_("saved to ~%s"), p->file + len);
	else
		ui_message(_("saved to %s"), p->file);
	return;
fail:
	ui_message(_("not saved: %s"), cause);
	free(cause);
	free(path);
}
