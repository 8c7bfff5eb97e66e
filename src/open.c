/*
 * open.c: a tab opened from a profile: the profile's connection turned
 * into the transport's settings, its terminal settings given to the tab.
 * The tab keeps the profile, so that it can be saved again.
 */
#include "config.h"

#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

/* A profile's serial line. */
static void
open_serial_opts(const struct profile *p, struct serial_opts *o, char **path)
{
	memset(o, 0, sizeof *o);
	if (p->device != NULL && *p->device != '\0')
		*path = xstrdup(p->device);
	else
		xasprintf(path, "/dev/ttyS%d", p->com > 0 ? p->com - 1 : 0);
	o->path = *path;
	o->speed = p->speed;
	o->databits = p->databits;
	o->parity = p->parity;
	o->stopbits = p->stopbits;
	o->flow = p->flow == PROF_FLOW_DSRDTR ? SERIAL_FLOW_NONE : p->flow;
	o->char_delay = p->char_delay;
	o->line_delay = p->line_delay;
	o->send_nl = p->cr_send;
	o->recv_nl = p->cr_recv;
	o->local_echo = p->local_echo == 1;
}

/* The user name: DefaultUserType 1 the profile's, 2 the local one. */
static char *
open_user(const struct profile *p)
{
	struct passwd	*pw;

	if (p->user != NULL && *p->user != '\0' && p->user_type != 0)
		return (xstrdup(p->user));
	if (p->user_type == 2 && (pw = getpwuid(getuid())) != NULL)
		return (xstrdup(pw->pw_name));
	return (NULL);
}

/* A profile's SSH destination over the command line's settings. */
static void
open_sshdest(const struct profile *p, const struct ttcmd *tc,
    const struct sshdest *base, struct sshdest *d)
{
	*d = *base;
	d->host = xstrdup(p->host);
	d->user = open_user(p);
	if (d->user == NULL && base->user != NULL)
		d->user = xstrdup(base->user);
	if (base->port == 0)
		d->port = p->tcp_port > 0 ? p->tcp_port : 22;
	if (p->keyfile != NULL && *p->keyfile != '\0' && d->nids == 0) {
		d->ids = xcalloc(1, sizeof *d->ids);
		d->ids[0] = p->keyfile;
		d->nids = 1;
	} else if (d->nids > 0) {
		d->ids = xreallocarray(NULL, d->nids, sizeof *d->ids);
		memcpy(d->ids, base->ids, d->nids * sizeof *d->ids);
	}
	if (p->heartbeat >= 0)
		d->keepalive = p->heartbeat;
	if (p->connect_timeout > 0 && base->connect_timeout == 0)
		d->connect_timeout = p->connect_timeout;
	if (p->server_timeout > 0 && base->server_timeout == 0)
		d->server_timeout = p->server_timeout;
	if (base->jump == NULL && p->jump != NULL && *p->jump != '\0')
		d->jump = p->jump;
	if (p->term_type != NULL && *p->term_type != '\0')
		d->term = p->term_type;
	d->fwd_agent = p->fwd_agent > 0;
	d->forwarding = p->forwarding;
	d->prof = p;
	d->password = tc != NULL ? tc->password : NULL;
	d->ask_password = tc != NULL && tc->ask4passwd;
	d->auth_strict = tc != NULL && tc->auth;
}

/*
 * A profile's TCP connection without SSH. Tera Term negotiates telnet
 * when Telnet is on and the port is TelPort, or when the command line
 * said telnet; other connections are raw, and there TCPLocalEcho and
 * TCPCRSend may override LocalEcho and CRSend.
 */
static void
open_telnet_opts(const struct profile *p, const struct ttcmd *tc,
    struct telnet_opts *o)
{
	memset(o, 0, sizeof *o);
	o->host = p->host;
	o->port = p->tcp_port > 0 ? p->tcp_port : 23;
	o->telnet = (tc != NULL && tc->telnet) ||
	    (p->telnet == 1 && (int)o->port == p->telport);
	o->autodetect = !o->telnet && p->tel_autodetect != 0;
	if (p->term_type != NULL && *p->term_type != '\0')
		o->term = p->term_type;
	o->keepalive = p->tel_keepalive > 0 ? p->tel_keepalive : 0;
	o->timeout = p->connect_timeout > 0 ? p->connect_timeout : 0;
	o->send_nl = p->cr_send >= 0 ? p->cr_send : SERIAL_NL_CR;
	o->local_echo = p->local_echo == 1;
	if (!o->telnet) {
		if (p->tcp_local_echo == 1)
			o->local_echo = 1;
		if (p->tcp_cr_send >= 0)
			o->send_nl = p->tcp_cr_send;
	}
}

/*
 * Open a tab for the profile p (the tab takes it). tc holds what the
 * command line gave besides (a password), base the tterm options.
 */
struct tab *
open_profile(struct profile *p, const struct ttcmd *tc,
    const struct sshdest *base, char **cause)
{
	struct serial_opts	 o;
	struct sshdest		 d;
	struct telnet_opts	 to;
	struct tab		*t = NULL;
	char			*path = NULL;

	if (p->serial) {
		open_serial_opts(p, &o, &path);
		t = tab_new_serial(&o, cause);
		free(path);
	} else if (p->host == NULL || *p->host == '\0')
		t = tab_new_local(p->command, cause);
	else if (p->ssh) {
		open_sshdest(p, tc, base, &d);
		t = tab_new_ssh(&d, cause);
		free(d.host);
		free(d.user);
		free(d.ids);
	} else {
		open_telnet_opts(p, tc, &to);
		t = tab_new_telnet(&to, cause);
	}
	if (t == NULL) {
		profile_free(p);
		return (NULL);
	}
	open_settings(t, p);
	return (t);
}

/*
 * A profile that could not be read whole says so in its tab (the values
 * that could be read apply): the problems of the import report.
 */
static void
open_problems(struct tab *t, const struct profile *p)
{
	const char	*s, *e;
	char		*text = NULL;

	for (s = p->report.data; s != NULL && (e = strchr(s, '\n')) != NULL;
	    s = e + 1) {
		if (strncmp(s, "problem: ", 9) == 0)
			xappendf(&text, "tterm: profile %s: %.*s\r\n", p->name,
			    (int)(e - s - 9), s + 9);
	}
	if (text != NULL) {
		term_input(&t->term, text, strlen(text));
		free(text);
	}
}

/* A profile's Host may be a whole Tera Term command line tail: apply it
 * to tc->p. -1 with tc->error if it is bad. */
int
open_host_line(struct ttcmd *tc)
{
	struct profile	*p = tc->p;
	char		*host;
	int		 r;

	if (p->host == NULL || *p->host == '\0')
		return (0);
	host = xstrdup(p->host);	/* the line replaces p->host */
	r = ttcmd_line(tc, host);
	free(host);
	return (r);
}

/* Terminal settings every kind of tab takes from its profile. */
void
open_settings(struct tab *t, struct profile *p)
{
	struct palette	pal;
	char		*cause = NULL, *msg, *line;

	if (palette_from_profile(p, &pal)) {
		free(t->pal);
		t->pal = xmalloc(sizeof *t->pal);
		*t->pal = pal;
	}
	if (p->scrollback >= 0)
		history_set_limit(t->term.primary.hist, p->scrollback);
	if (p->title != NULL && *p->title != '\0') {
		free(t->cmd);
		t->cmd = xstrdup(p->title);
	}
	if (tab_set_charsets(t, p->kanji_recv != NULL ? p->kanji_recv :
	    "UTF-8", p->kanji_send != NULL ? p->kanji_send : "UTF-8",
	    &cause) != 0) {
		prof_note(p, "problem: %s\n", cause);
		free(cause);
	}
	open_problems(t, p);
	profile_free(t->prof);
	t->prof = p;
	if (p->log_autostart == 1) {
		/* Said in the tab, as the profile's problems are. */
		sesslog_toggle(t, &msg);
		xasprintf(&line, "tterm: %s\r\n", msg);
		term_input(&t->term, line, strlen(line));
		free(line);
		free(msg);
	}
}
