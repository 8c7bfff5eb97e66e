/*
 * open.c: a tab opened from a profile, or from another tab's (duplicate):
 * the tab connects as the profile says (tab.c, dest.c) and takes its
 * terminal settings. The tab keeps the profile: reconnecting, the
 * settings form and saving all work from it.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

/* telnet://, /telnet or /T=1 on the command line: telnet on any port. */
static void
open_telnet(struct profile *p, const struct ttcmd *tc)
{
	if (tc != NULL && tc->telnet) {
		p->telnet = 1;
		p->telport = p->tcp_port > 0 ? p->tcp_port : 23;
	}
}

/*
 * Open a tab for the profile p (the tab takes it; freed if it cannot
 * open). tc holds what a Tera Term command line gave besides: a password
 * for this first connection, telnet on any port (telnet://, /T=1).
 */
struct tab *
open_profile(struct profile *p, const struct ttcmd *tc, char **cause)
{
	struct tab	*t;

	open_telnet(p, tc);
	if ((t = tab_open(p, tc != NULL ? tc->password : NULL, cause)) ==
	    NULL) {
		profile_free(p);
		return (NULL);
	}
	open_settings(t, p);
	return (t);
}

/*
 * Tab t connects again, to the profile p now (a macro's connect): t takes
 * p and its terminal settings; tc as for open_profile().
 */
int
open_again(struct tab *t, struct profile *p, const struct ttcmd *tc,
    char **cause)
{
	open_telnet(p, tc);
	/* The title is the new destination's. */
	free(t->cmd);
	t->cmd = NULL;
	open_settings(t, p);
	return (tab_reconnect(t, tc->password, cause));
}

/* A new tab to the same destination, with the same settings. */
struct tab *
open_duplicate(struct tab *t, char **cause)
{
	struct tab	*n;

	if (dest_kind(t->prof) == DEST_SERIAL) {
		xasprintf(cause, _("%s is in use by this tab"),
		    t->prof->device != NULL ? t->prof->device :
		    _("the serial line"));
		return (NULL);
	}
	if ((n = open_profile(profile_copy(t->prof), NULL, cause)) == NULL)
		return (NULL);
	/* The names were good for t: this only fails with no memory. */
	if ((t->rx != NULL || t->tx != NULL) && tab_set_charsets(n,
	    codec_name(t->rx), codec_name(t->tx), cause) != 0) {
		tab_close(n);
		return (NULL);
	}
	return (n);
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
		if (strncmp(s, "problem: ", 9) != 0)
			continue;
		xappendf(&text, _("tterm: profile %s: %.*s"), p->name,
		    (int)(e - s - 9), s + 9);
		xappendf(&text, "\r\n");
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
	if (t->prof != p) {
		profile_free(t->prof);
		t->prof = p;
	}
	if (p->log_autostart == 1) {
		/* Said in the tab, as the profile's problems are. */
		sesslog_toggle(t, &msg);
		xasprintf(&line, "tterm: %s\r\n", msg);
		term_input(&t->term, line, strlen(line));
		free(line);
		free(msg);
	}
}
