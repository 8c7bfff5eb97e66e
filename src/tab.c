/*
 * tab.c: tabs. Each tab owns a terminal (libvterm state and tterm's grid)
 * and a transport. The loop asks each tab for its fds, then lets it read
 * and write; what a tab reads goes straight into its terminal whether it is
 * visible or not, so background tabs never stall their programs.
 */
#include "config.h"

#include <sys/wait.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

#define TAB_READ_CHUNK	65536

struct tab	*tabs;
struct tab	*tab_active;
static const struct tab_ui *tab_ui;
static const struct transport_owner tab_owner;

static void	tab_unset_question(struct tab *);
static void	tab_unset_moot(struct tab *);
static void	tab_jobs_forget(struct tab *);
u_int		 tab_generation;	/* changes when a tab is freed */
static u_int	 tab_next_id = 1;
static char	 tab_buf[TAB_READ_CHUNK];
static int	 tab_holding;	/* keys are being dispatched: queue only */

static void	 tab_flush(struct tab *);
static void	 tab_queue(struct tab *, const char *, size_t);
static void	 tab_finish(struct tab *);
static void	 tab_link(struct tab *);
static int	 tab_held(struct tab *);

/*
 * libvterm produced bytes for the peer (typed keys, replies to queries):
 * UTF-8, which a tab with another character set converts. During a file
 * transfer they would break the protocol: they go nowhere.
 */
static void
tab_output(const char *buf, size_t len, void *data)
{
	struct tab	*t = data;

	if (t->xfer != NULL)
		return;
	if (t->tx != NULL)
		buf = codec_convert(t->tx, buf, len, &len);
	tab_write(t, buf, len);
}

static void
tab_event(int ev, void *data)
{
	struct tab	*t = data;

	switch (ev) {
	case TERM_EVENT_TITLE:
		break;		/* the bars are compared each pass */
	case TERM_EVENT_CLIP:
		if (tab_ui != NULL && tab_ui->clip != NULL)
			tab_ui->clip(t, t->term.clip.data, t->term.clip.len);
		break;
	case TERM_EVENT_BELL:
		if (t != tab_active)
			t->flags |= TAB_BELL;
		else if (tab_ui != NULL)
			tab_ui->bell(t);
		break;
	}
}

/* The size a new tab gets: the screen's, or 24x80 without one. */
static void
tab_size(u_int *rows, u_int *cols)
{
	transport_set_owner(&tab_owner);
	if (tab_ui != NULL)
		tab_ui->size(rows, cols);
	else {
		*rows = 24;
		*cols = 80;
	}
}

/* A new tab with a terminal of the screen's size, not yet shown. */
static struct tab *
tab_alloc(u_int *rows, u_int *cols)
{
	struct tab	*t;

	tab_size(rows, cols);
	t = xcalloc(1, sizeof *t);
	t->id = tab_next_id++;
	term_init(&t->term, *rows, *cols, opts.scrollback, tab_output,
	    tab_event, t);
	return (t);
}

/* Its transport could not start: the tab goes before anyone saw it. */
static struct tab *
tab_discard(struct tab *t)
{
	term_free(&t->term);
	free(t);
	return (NULL);
}

/* Its transport started: add the tab, select it and let it run. */
static struct tab *
tab_start(struct tab *t)
{
	t->tr.tab = t;
	tab_link(t);
	tab_poke(t);
	log_debug("%s: tab %u: %s", __func__, t->id, t->cmd);
	return (t);
}

/*
 * The character sets the tab's peer speaks (Tera Term's names, such as SJIS
 * or EUC-JP): what it sends is converted to UTF-8, what is typed back.
 */
int
tab_set_charsets(struct tab *t, const char *recv, const char *send,
    char **cause)
{
	struct codec	*rx, *tx;

	if (codec_new(&rx, recv, CODEC_RECV, cause) != 0)
		return (-1);
	if (codec_new(&tx, send, CODEC_SEND, cause) != 0) {
		codec_free(rx);
		return (-1);
	}
	codec_free(t->rx);
	codec_free(t->tx);
	t->rx = rx;
	t->tx = tx;
	log_debug("%s: tab %u: receive %s, send %s", __func__, t->id,
	    codec_name(rx), codec_name(tx));
	return (0);
}

/* Add a new tab at the end and select it. */
static void
tab_link(struct tab *t)
{
	struct tab	**tp;

	for (tp = &tabs; *tp != NULL; tp = &(*tp)->next)
		;
	*tp = t;
	tab_select(t);
}
/* A local tab's title: its command, or the shell's name. */
static char *
tab_local_title(const char *cmd)
{
	const char	*sh = getenv("SHELL"), *base;

	if (cmd != NULL)
		return (xstrdup(cmd));
	if (sh == NULL || *sh == '\0')
		sh = "/bin/sh";
	base = strrchr(sh, '/');
	return (xstrdup(base != NULL ? base + 1 : sh));
}

/*
 * Where the tab connects, in words, from its profile: "ssh user@host"
 * (":port" off port 22), "serial /dev/ttyUSB0", "telnet host:23", a
 * local command or the shell's name. It is the tab's title until the
 * program or the profile names it.
 */
char *
tab_destination(const struct tab *t)
{
	struct sshdest		 d;
	struct telnet_opts	 to;
	struct serial_opts	 o;
	char			*s, *path, *where;
	u_int			 port;

	switch (dest_kind(t->prof)) {
	case DEST_LOCAL:
		return (tab_local_title(t->prof->command != NULL &&
		    *t->prof->command != '\0' ? t->prof->command : NULL));
	case DEST_SERIAL:
		dest_serial(t->prof, &o, &path);
		xasprintf(&s, "serial %s", path);
		free(path);
		return (s);
	case DEST_RFC2217:
		if (dest_rfc2217_parse(t->prof->device, &path, &port) != 0)
			return (xstrdup(t->prof->device));
		xasprintf(&s, "rfc2217 %s:%u", path, port);
		free(path);
		return (s);
	case DEST_SSH:
		dest_ssh(t->prof, &d);
		where = net_ssh_where(d.host, d.port);
		if (d.user != NULL)
			xasprintf(&s, "ssh %s@%s", d.user, where);
		else
			xasprintf(&s, "ssh %s", where);
		free(where);
		dest_ssh_free(&d);
		return (s);
	default:
		dest_telnet(t->prof, &to);
		xasprintf(&s, "%s %s:%u", to.telnet ? "telnet" : "tcp",
		    to.host, to.port);
		return (s);
	}
}

/* An RFC 2217 server's line, through the profile's jump hosts if any. */
static int
tab_connect_rfc2217(struct tab *t, const struct serial_opts *o, char **cause)
{
	struct sshdest	 d;
	char		*host;
	u_int		 port;
	int		 r;

	if (dest_rfc2217_parse(t->prof->device, &host, &port) != 0) {
		xasprintf(cause, _("bad Device '%s': use rfc2217://host:port"),
		    t->prof->device);
		return (-1);
	}
	dest_ssh(t->prof, &d);
	r = rfc2217_open(&t->tr, host, port, o, d.jump != NULL ? &d : NULL,
	    t, cause);
	dest_ssh_free(&d);
	free(host);
	return (r);
}

/*
 * Start the transport t->prof describes (dest.c); password, if any, for
 * this connection only. The first time, the tab's title comes with it.
 */
static int
tab_connect(struct tab *t, const char *password, int again, char **cause)
{
	struct serial_opts	 o;
	struct sshdest		 d;
	struct telnet_opts	 to;
	char			*path = NULL;
	u_int			 rows = t->term.g->rows, cols = t->term.g->cols;
	int			 r;

	switch (dest_kind(t->prof)) {
	case DEST_LOCAL:
		path = t->prof->command != NULL && *t->prof->command != '\0' ?
		    t->prof->command : NULL;
		r = pty_open(&t->tr, path, rows, cols, cause);
		path = NULL;
		break;
	case DEST_SERIAL:
		dest_serial(t->prof, &o, &path);
		o.wait_missing = again;
		r = serial_open(&t->tr, &o, cause);
		break;
	case DEST_RFC2217:
		dest_serial(t->prof, &o, &path);
		r = tab_connect_rfc2217(t, &o, cause);
		break;
	case DEST_SSH:
		dest_ssh(t->prof, &d);
		d.password = password;
		r = sshtab_open(&t->tr, t, &d, rows, cols, cause);
		dest_ssh_free(&d);
		break;
	default:
		dest_telnet(t->prof, &to);
		r = telnet_open(&t->tr, &to, rows, cols, cause);
		break;
	}
	free(path);
	if (t->cmd == NULL)
		t->cmd = tab_destination(t);
	t->tr.tab = t;
	t->flags &= ~TAB_LINKING;
	if (r == 0 && t->tr.ops != NULL && t->tr.ops->connecting != NULL &&
	    t->tr.ops->connecting(&t->tr))
		t->flags |= TAB_LINKING;
	return (r);
}

/* The tab's connection is being made: see tab_connect(). */
int
tab_connecting(const struct tab *t)
{
	return ((t->flags & (TAB_LINKING | TAB_DEAD)) == TAB_LINKING);
}

/* The connection has been made or has failed: a macro that waits in its
 * connect goes on. */
static void
tab_linked(struct tab *t)
{
	if (!(t->flags & TAB_LINKING) || (!(t->flags & TAB_DEAD) &&
	    t->tr.ops != NULL && t->tr.ops->connecting(&t->tr)))
		return;
	t->flags &= ~TAB_LINKING;
	if (t->watch != NULL && !(t->flags & TAB_DEAD))
		t->watch->event(t->watch_data, 2);
}

/*
 * Open a tab for the profile p and select it; the tab takes p, or leaves
 * it to the caller when it cannot open.
 */
struct tab *
tab_open(struct profile *p, const char *password, char **cause)
{
	struct tab	*t;
	u_int		 rows, cols;

	t = tab_alloc(&rows, &cols);
	t->prof = p;
	if (tab_connect(t, password, 0, cause) != 0) {
		free(t->cmd);
		return (tab_discard(t));
	}
	if (dest_kind(p) == DEST_LOCAL) {
		tab_link(t);
		log_debug("%s: tab %u: %s", __func__, t->id, t->cmd);
		return (t);
	}
	return (tab_start(t));
}

/* The tab's profile has a new line (speed, framing, flow, newlines):
 * the live transport takes it. */
int
tab_reconfigure(struct tab *t, char **cause)
{
	struct serial_opts	 o;
	char			*path;
	int			 r;

	if (t->tr.ops == NULL || t->tr.ops->reconfigure == NULL)
		return (0);	/* it takes the line at its next connect */
	dest_serial(t->prof, &o, &path);
	r = t->tr.ops->reconfigure(&t->tr, &o, cause);
	free(path);
	return (r);
}

/* Connect the tab again, or run its program again, from its profile,
 * keeping its screen and scrollback; password for this connection only. */
int
tab_reconnect(struct tab *t, const char *password, char **cause)
{
	int	r, again;

	tab_unset_moot(t);
	/* A port still waiting for its device waits on (not closed for it
	 * being missing). */
	again = serial_gone(&t->tr);
	if (t->xfer != NULL) {
		/* Its peer is gone: the new connection is the screen's. */
		xfer_forget(t->xfer);
		t->xfer = NULL;
	}
	tab_jobs_forget(t);
	if (t->tr.ops != NULL)
		t->tr.ops->close(&t->tr);
	free(t->tr.cause);
	t->tr.cause = NULL;
	t->outlen = 0;
	codec_reset(t->rx);
	codec_reset(t->tx);
	term_input(&t->term, "\033[m\r\n", 5);
	r = tab_connect(t, password, again, cause);
	t->flags &= ~(TAB_DEAD | TAB_EOF | TAB_XOFF);
	if (r != 0) {
		t->flags |= TAB_DEAD | TAB_EOF;
		return (-1);
	}
	if (t->watch != NULL)
		t->watch->event(t->watch_data, 1);
	tab_poke(t);
	return (0);
}

/* End the tab's connection (a macro's disconnect): the tab stays. */
void
tab_disconnect(struct tab *t, const char *why)
{
	if (t->flags & TAB_DEAD)
		return;
	tab_unset_moot(t);
	if (t->tr.ops != NULL)
		t->tr.ops->close(&t->tr);
	t->tr.ops = NULL;
	free(t->tr.cause);
	t->tr.cause = xstrdup(why);
	t->flags |= TAB_EOF;
	tab_finish(t);
}

/*
 * A tab that connects nowhere yet (a macro's, until its connect): shown as
 * closed, with the profile its connect starts from.
 */
struct tab *
tab_open_idle(struct profile *p, const char *title)
{
	struct tab	*t;
	u_int		 rows, cols;

	t = tab_alloc(&rows, &cols);
	t->prof = p;
	t->cmd = xstrdup(title);
	t->flags = TAB_DEAD | TAB_EOF;
	t->tr.cause = xstrdup(_("not connected"));
	t->tr.tab = t;
	tab_link(t);
	return (t);
}

/*
 * The tab's watcher wants nothing more for now (a macro in setsync 1
 * whose text is not read yet): the peer waits, its bytes are not lost.
 */
static int
tab_held(struct tab *t)
{
	if (t->xfer != NULL && xfer_full(t->xfer))
		return (1);	/* the transfer's program is behind */
	return (t->watch != NULL && t->watch->full(t->watch_data));
}

/* A line of tterm's own in the tab's screen, reversed, as the exit mark. */
void
tab_say(struct tab *t, const char *text)
{
	char	*line, *clean = text_clean(text, 0);

	xasprintf(&line, "\033[m\r\n\033[7m[%s]\033[m\r\n", clean);
	term_input(&t->term, line, strlen(line));
	free(line);
	free(clean);
}

/* Someone (a macro) reads what the tab receives and hears of its link. */
void
tab_watch(struct tab *t, const struct tab_watch *w, void *data)
{
	t->watch = w;
	t->watch_data = data;
}

/* Bytes for the peer as the keyboard's: text in the peer's character
 * set unless raw. -1 if the tab is not connected. */
int
tab_send(struct tab *t, const char *buf, size_t len, int raw)
{
	if (t->flags & (TAB_EOF | TAB_DEAD))
		return (-1);
	if (!raw && t->tx != NULL)
		buf = codec_convert(t->tx, buf, len, &len);
	tab_write(t, buf, len);
	return (0);
}

/* The question in tab t is gone (answered, moot, or its tab closing);
 * one it hid comes back. */
static void
tab_unset_question(struct tab *t)
{
	question_free(t->question);
	t->question = t->held;
	t->held = NULL;
	t->qgen++;
	if (t == tab_active)
		grid_set_dirty(t->term.g, 0, t->term.g->rows);
}

/*
 * The connection ended or starts again: its questions are moot. A kept
 * one (a macro's dialog) is not: its macro waits for the answer.
 */
static void
tab_unset_moot(struct tab *t)
{
	if (t->question != NULL && !t->question->keep)
		tab_unset_question(t);
}

/*
 * Put a question to the user; keys typed in the tab go to its form. A
 * transport's question (a password, a host key) goes before a macro's
 * dialog, which shows once it is answered.
 */
void
tab_ask(struct tab *t, struct question *q)
{
	if (t->question != NULL && !t->question->keep && q->keep &&
	    t->held == NULL) {
		t->held = q;	/* after the transport's */
		return;
	}
	if (t->question != NULL && t->question->keep && !q->keep &&
	    t->held == NULL) {
		t->held = t->question;
		t->question = NULL;
	}
	question_free(t->question);
	t->question = q;
	t->qgen++;
	if (t == tab_active)
		grid_set_dirty(t->term.g, 0, t->term.g->rows);
}

/* Take down the question that arg put, unanswered: its asker is gone. */
void
tab_unask(struct tab *t, void *arg)
{
	if (t->held != NULL && t->held->arg == arg) {
		question_free(t->held);
		t->held = NULL;
	}
	if (t->question != NULL && t->question->arg == arg)
		tab_unset_question(t);
}

/*
 * The user answered the question of generation gen; unless the answer
 * has put the next one already, the tab has none now.
 */
void
tab_question_done(struct tab *t, u_int gen)
{
	if (t->question != NULL && t->qgen == gen)
		tab_unset_question(t);
}

static u_int
tab_number(const struct tab *t)
{
	return (tab_index(t) + 1);
}

/* A transport asks to connect again (a lost jump host came back). */
static int
tab_redial(struct tab *t, char **cause)
{
	return (tab_reconnect(t, NULL, cause));
}

static const struct transport_owner tab_owner = {
	.ask = tab_ask,
	.unask = tab_unask,
	.number = tab_number,
	.reconnect = tab_redial,
};

/* What the user interface does for the tabs (none: a bare terminal). */
void
tab_set_ui(const struct tab_ui *ui)
{
	tab_ui = ui;
}

/* Let the transport run and show what it has (after a form, a timer). */
void
tab_poke(struct tab *t)
{
	tab_service(t, NULL, 0, TAB_READ_CHUNK);
}

/* Seconds until the tab's transport needs to run anyway, or -1. */
double
tab_timeout(struct tab *t)
{
	if (t->tr.ops == NULL || t->tr.ops->deadline == NULL ||
	    (t->flags & TAB_DEAD))
		return (-1);
	return (t->tr.ops->deadline(&t->tr));
}

/*
 * Whether the transport holds data no fd shows (an SSH channel's
 * buffer): the loop must not wait, and the tab reads it in its turn.
 */
int
tab_pending(struct tab *t)
{
	if (t->tr.ops == NULL || t->tr.ops->pending == NULL ||
	    (t->flags & TAB_DEAD) || tab_held(t))
		return (0);
	return (t->tr.ops->pending(&t->tr));
}

/* Close a tab and free it; select a neighbour if it was active. */
void
tab_close(struct tab *t)
{
	struct tab	**tp, *next = NULL, *prev = NULL;

	for (tp = &tabs; *tp != NULL; tp = &(*tp)->next) {
		if (*tp == t)
			break;
		prev = *tp;
	}
	if (*tp == NULL)
		return;
	*tp = t->next;
	tab_generation++;
	next = t->next != NULL ? t->next : prev;
	if (t->watch != NULL)
		t->watch->closed(t->watch_data);
	question_free(t->question);
	question_free(t->held);
	if (t->xfer != NULL)
		xfer_forget(t->xfer);
	if (t->recvfile != NULL) {
		recvfile_stop(t->recvfile, 0);	/* no word to a closing tab */
		t->recvfile = NULL;
	}
	tab_jobs_forget(t);
	if (tab_ui != NULL)
		tab_ui->forget(t);
	if (t->tr.ops != NULL)
		t->tr.ops->close(&t->tr);
	term_free(&t->term);
	codec_free(t->rx);
	codec_free(t->tx);
	profile_free(t->prof);
	free(t->pal);
	sesslog_close(t->log);
	free(t->tr.cause);
	free(t->cmd);
	free(t->outbuf);
	free(t);
	if (tab_active == t) {
		tab_active = NULL;
		if (next != NULL)
			tab_select(next);
	}
}

/* Make t the visible tab. */
void
tab_select(struct tab *t)
{
	if (t == NULL)
		return;
	tab_active = t;
	t->flags &= ~(TAB_BELL | TAB_ACTIVITY);
	grid_set_dirty(t->term.g, 0, t->term.g->rows);
}

/* The tab at 0-based index i, or NULL. */
struct tab *
tab_at(u_int i)
{
	struct tab	*t;

	for (t = tabs; t != NULL && i > 0; t = t->next)
		i--;
	return (t);
}

u_int
tab_index(const struct tab *t)
{
	const struct tab	*p;
	u_int			 i = 0;

	for (p = tabs; p != NULL && p != t; p = p->next)
		i++;
	return (i);
}

u_int
tab_count(void)
{
	return (tab_index(NULL));
}

/* Tabs whose program still runs. */
u_int
tab_count_live(void)
{
	struct tab	*t;
	u_int		 n = 0;

	for (t = tabs; t != NULL; t = t->next) {
		if (!(t->flags & TAB_DEAD))
			n++;
	}
	return (n);
}

/* The title shown in the tab bar. */
const char *
tab_title(const struct tab *t)
{
	const char	*title = term_title(&t->term);

	return (title != NULL ? title : t->cmd);
}

/* "exited, status N" or "killed by signal N" for a dead tab. */
void
tab_exit_text(const struct tab *t, char *buf, size_t len)
{
	int	st = t->tr.status;

	if (t->tr.cause != NULL)
		snprintf(buf, len, _("closed: %s"), t->tr.cause);
	else if (!t->tr.exited)
		snprintf(buf, len, "%s", _("closed"));
	else if (WIFSIGNALED(st))
		snprintf(buf, len, _("killed by signal %d"), WTERMSIG(st));
	else
		snprintf(buf, len, _("exited, status %d"), WEXITSTATUS(st));
}

/* Add the tab's fds to the poll set. */
int
tab_pollfds(struct tab *t, struct pollfd *pfd, int max)
{
	if ((t->flags & TAB_EOF) || t->tr.ops == NULL ||
	    (tab_held(t) && t->outlen == 0))
		return (0);
	return (t->tr.ops->pollfds(&t->tr, pfd, max, t->outlen > 0));
}

/* Queue bytes for the peer and try to send them at once. */
void
tab_write(struct tab *t, const char *buf, size_t len)
{
	if (t->flags & (TAB_EOF | TAB_DEAD))
		return;
	tab_queue(t, buf, len);
	if (!tab_holding)
		tab_flush(t);
}

static void
tab_queue(struct tab *t, const char *buf, size_t len)
{
	if (t->outlen + len > t->outsize) {
		t->outsize = (t->outlen + len) * 2;
		t->outbuf = xreallocarray(t->outbuf, t->outsize, 1);
	}
	memcpy(t->outbuf + t->outlen, buf, len);
	t->outlen += len;
}

/*
 * While the keyboard is read, bytes for the peers are only queued, so that
 * what arrived together (a paste, a burst of keys) leaves in one write and
 * the program reads it in one piece, as it would from a plain terminal.
 */
void
tab_hold(void)
{
	tab_holding = 1;
}

void
tab_release(void)
{
	struct tab	*t;

	tab_holding = 0;
	for (t = tabs; t != NULL; t = t->next) {
		if (t->outlen > 0 && t->tr.ops != NULL)
			tab_flush(t);
	}
}

static void
tab_flush(struct tab *t)
{
	const char	*end;
	ssize_t		 n;
	size_t		 len;

	/* A stateful set (JIS) goes back to ASCII before anything leaves. */
	if (t->tx != NULL) {
		end = codec_send_end(t->tx, &len);
		if (len > 0)
			tab_queue(t, end, len);
	}
	while (t->outlen > 0) {
		n = t->tr.ops->write(&t->tr, t->outbuf, t->outlen);
		if (n <= 0) {
			if (n < 0) {	/* peer gone: nowhere to send */
				log_debug("%s: tab %u: %zu bytes not sent",
				    __func__, t->id, t->outlen);
				t->outlen = 0;
			}
			return;
		}
		memmove(t->outbuf, t->outbuf + n, t->outlen - n);
		t->outlen -= n;
	}
}

/* Bytes from the peer to the log, the screen and the watcher. */
static void
tab_input_screen(struct tab *t, const char *buf, size_t n)
{
	size_t	len = n;

	if (n == 0)
		return;
	if (t->log != NULL)
		sesslog_write(t->log, buf, n);
	if (t->rx != NULL)
		buf = codec_convert(t->rx, buf, n, &len);
	term_input(&t->term, buf, len);
	if (t->watch != NULL)
		t->watch->input(t->watch_data, buf, len);
}

/* Its SFTP transfers end (tab-sftp.c), before its connection goes. */
static void
tab_jobs_forget(struct tab *t)
{
	t->watch_job = NULL;
	if (t->recvfile != NULL)
		recvfile_stop(t->recvfile, 1);
	while (t->njobs > 0)
		sftpjob_forget(t->jobs[--t->njobs]);
}

/* Receive file ended: said in the tab; a macro waiting for it goes on. */
static void
tab_recvfile_done(void *arg, int quiet, const char *msg)
{
	struct tab	*t = arg;

	t->recvfile = NULL;
	tab_say(t, msg);
	if (t->watch != NULL && t->watch->xfer != NULL)
		t->watch->xfer(t->watch_data, quiet);
	tab_poke(t);
}

static const struct recvfile_cb tab_recvfile_cb = { tab_recvfile_done };

/*
 * Receive file (a macro's recvfile): what the peer sends goes to path as
 * it is, until it is quiet for quiet seconds (<= 0: until it ends).
 */
int
tab_recvfile(struct tab *t, const char *path, double quiet, char **cause)
{
	if (t->recvfile != NULL || t->xfer != NULL) {
		*cause = xstrdup(_("a transfer runs in the tab"));
		return (-1);
	}
	t->recvfile = recvfile_start(path, quiet, &tab_recvfile_cb, t, cause);
	return (t->recvfile != NULL ? 0 : -1);
}

static void
tab_xfer_write(void *arg, const char *buf, size_t len)
{
	tab_write(arg, buf, len);
}

/* A transfer's bytes pass the transport unchanged (on), or no longer. */
static void
tab_xfer_binary(struct tab *t, int on)
{
	if (t->tr.ops != NULL && t->tr.ops->binary != NULL)
		t->tr.ops->binary(&t->tr, on);
}

static void
tab_xfer_done(void *arg, const char *text, int oo, int ok)
{
	struct tab	*t = arg;

	tab_xfer_binary(t, 0);
	t->xfer = NULL;
	t->xfer_oo = oo;
	tab_say(t, text);
	if (t->xfer_watched && t->watch != NULL && t->watch->xfer != NULL)
		t->watch->xfer(t->watch_data, ok);
	t->xfer_watched = t->xfer_auto = t->xfer_asking = 0;
	tab_poke(t);	/* what the peer sent after is read again */
}

static const struct xfer_cb tab_xfer_cb = { tab_xfer_write, tab_xfer_done };

/* The names of the files for a peer's rz, or Esc: no transfer. */
static void
tab_xfer_answer(void *arg, int key, char **values)
{
	struct tab	*t = arg;
	char		*cause;

	if (t->xfer == NULL)
		return;
	t->xfer_asking = 0;
	if (key != '\r' || values == NULL || values[0] == NULL) {
		xfer_cancel(t->xfer);
		return;
	}
	if (xfer_send_files(t->xfer, values[0], &cause) != 0) {
		tab_say(t, cause);
		free(cause);
		xfer_cancel(t->xfer);
	} else
		t->xfer_zfin = 1;
}

/* A peer's rz waits: ask which files to send it. */
static void
tab_xfer_ask(struct tab *t)
{
	const char		*labels[] = { _("Files") };
	static const int	 echo[] = { 1 };

	t->xfer = xfer_send_wait(&tab_xfer_cb, t);
	t->xfer_asking = 1;
	tab_xfer_binary(t, 1);
	tab_ask(t, question_fields(_("ZMODEM send"), _("The remote rz waits."
	    " Files to send, with spaces between them (Esc: none):"), 1,
	    labels, echo, tab_xfer_answer, t));
}

/*
 * A macro's ZMODEM joins what the peer started first (its sz, or its
 * rz, whose files the tab is asking for): the macro waits for that one.
 */
static int
tab_xfer_join(struct tab *t, int send, const char *names, char **cause)
{
	if (!send && t->xfer_auto) {
		t->xfer_watched = 1;
		return (0);
	}
	if (!send || !t->xfer_asking) {
		xasprintf(cause, "%s", _("a transfer runs in this tab"));
		return (-1);
	}
	tab_unask(t, t);
	t->xfer_asking = 0;
	if (xfer_send_files(t->xfer, names, cause) != 0) {
		xfer_cancel(t->xfer);
		return (-1);
	}
	t->xfer_zfin = 1;
	t->xfer_watched = 1;
	return (0);
}

/*
 * The user (or, watched, a macro) starts a transfer by protocol proto
 * (XFER_XMODEM, ...): send the files named in names, or receive into dir
 * (NULL: the profile's FileDir).
 */
int
tab_xfer_start(struct tab *t, int proto, int send, const char *names,
    const char *dir, int watched, char **cause)
{
	if (t->flags & (TAB_EOF | TAB_DEAD)) {
		xasprintf(cause, "%s", _("the tab is not connected"));
		return (-1);
	}
	if (watched && t->xfer != NULL && proto == XFER_ZMODEM)
		return (tab_xfer_join(t, send, names, cause));
	if (t->xfer != NULL || t->recvfile != NULL) {
		xasprintf(cause, "%s", _("a transfer runs in this tab"));
		return (-1);
	}
	if (dir == NULL && t->prof != NULL)
		dir = t->prof->file_dir;
	t->xfer = xfer_start(proto, send, names, dir, &tab_xfer_cb, t, cause);
	if (t->xfer == NULL)
		return (-1);
	t->xfer_watched = watched;
	tab_xfer_binary(t, 1);
	return (0);
}

/*
 * Bytes from the peer: to a running transfer's program, or the screen;
 * a peer's sz (ZMODEM's ZRQINIT) starts a receive, as Tera Term does.
 */
static void
tab_input(struct tab *t, const char *buf, size_t n)
{
	long	 at;
	char	*cause;
	size_t	 took;
	int	 kind;

	if (t->recvfile != NULL) {
		recvfile_input(t->recvfile, buf, n);
		return;
	}
	/* The OO of a peer's sz that came after its rz had ended. */
	while (t->xfer_oo > 0 && n > 0 && *buf == 'O') {
		t->xfer_oo--;
		buf++;
		n--;
	}
	if (n > 0)
		t->xfer_oo = 0;
	/* A sent session's end: the peer's rz says ZFIN again. */
	if (t->xfer_zfin && (t->xfer == NULL || xfer_ending(t->xfer)) &&
	    n > 0) {
		if ((took = xfer_zfin_at(buf, n)) > 0) {
			tab_write(t, "OO", 2);
			buf += took;
			n -= took;
		} else if (t->xfer == NULL)
			t->xfer_zfin = 0;
	}
	if (t->xfer != NULL) {
		took = xfer_input(t->xfer, buf, n);
		tab_input_screen(t, buf + took, n - took);
		return;
	}
	if ((t->prof == NULL || t->prof->auto_zmodem) &&
	    (at = xfer_detect(buf, n, &kind)) >= 0) {
		tab_input_screen(t, buf, at);
		if (kind == XFER_SEND) {
			tab_xfer_ask(t);
			return;
		}
		t->xfer = xfer_start(XFER_ZMODEM, 0, NULL, t->prof != NULL ?
		    t->prof->file_dir : NULL, &tab_xfer_cb, t, &cause);
		if (t->xfer != NULL) {
			t->xfer_auto = 1;
			tab_xfer_binary(t, 1);
			took = xfer_input(t->xfer, buf + at, n - at);
			tab_input_screen(t, buf + at + took, n - at - took);
			return;
		}
		tab_say(t, cause);
		free(cause);
		buf += at;
		n -= at;
	}
	tab_input_screen(t, buf, n);
}

/* Read what the peer has sent, up to budget bytes; 1 if it may have more. */
static int
tab_read(struct tab *t, size_t budget)
{
	u_int		 pushed = t->term.primary.pushed;
	ssize_t		 n;
	size_t		 done = 0;
	int		 more = 0;

	/*
	 * A hidden tab's dirty rows mean nothing (selecting it repaints it
	 * all): cleared here, they say afterwards whether what it read
	 * changed its screen, which the tab bar shows as new output.
	 */
	if (t != tab_active)
		grid_clean(t->term.g);
	while (done < budget && !tab_held(t)) {
		n = t->tr.ops->read(&t->tr, tab_buf, sizeof tab_buf);
		if (n == 0)
			break;
		if (n < 0) {
			t->flags |= TAB_EOF;
			break;
		}
		tab_input(t, tab_buf, n);
		done += n;
		if (done >= budget)
			more = 1;
	}
	if (t != tab_active && t->term.g->any_dirty)
		t->flags |= TAB_ACTIVITY;
	if (t->view && t->term.primary.pushed != pushed && tab_ui != NULL)
		tab_ui->pushed(t, t->term.primary.pushed - pushed);
	return (more);
}

/* Handle the tab's poll results, reading at most budget bytes. */
void
tab_service(struct tab *t, const struct pollfd *pfd, int n, size_t budget)
{
	int	i, rd = 0, wr = 0;

	for (i = 0; i < n; i++) {
		if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR))
			rd = 1;
		if (pfd[i].revents & POLLOUT)
			wr = 1;
	}
	t->flags &= ~TAB_FLOOD;
	if (t->tr.ops == NULL)
		return;		/* not connected (tab_open_idle) */
	if (t->tr.ops->service != NULL && !(t->flags & TAB_EOF)) {
		/* It may have words for the tab even without data. */
		t->tr.ops->service(&t->tr, pfd, n);
		rd = 1;
	}
	if (rd && tab_read(t, budget))
		t->flags |= TAB_FLOOD;
	if (wr || (n == 0 && t->outlen > 0))	/* a deadline: paced writes */
		tab_flush(t);
	if ((t->flags & TAB_EOF) && (t->tr.exited || t->tr.cause != NULL ||
	    t->tr.ops->reaped == NULL))
		tab_finish(t);
	tab_linked(t);
}

/* The program has ended and its output is read: show the mark. */
static void
tab_finish(struct tab *t)
{
	char	text[512], line[576];
	int	len;

	if (t->flags & TAB_DEAD)
		return;
	tab_unset_moot(t);
	t->flags |= TAB_DEAD | TAB_EOF;
	t->flags &= ~TAB_XOFF;
	t->outlen = 0;
	tab_exit_text(t, text, sizeof text);
	/* Reset the pen, print the mark on a line of its own. */
	len = snprintf(line, sizeof line, "\033[m\r\n\033[7m[%s]\033[m", text);
	term_input(&t->term, line, len);
	log_debug("%s: tab %u: %s", __func__, t->id, text);
	if (t->watch != NULL)
		t->watch->event(t->watch_data, 0);
}

/* A child was reaped; give its tab what is left of its output. */
void
tab_reaped(pid_t pid, int status)
{
	struct tab	*t;

	for (t = tabs; t != NULL; t = t->next) {
		if (t->tr.ops == NULL || t->tr.ops->reaped == NULL)
			continue;
		if (!t->tr.ops->reaped(&t->tr, pid, status))
			continue;
		/* The last bytes before exit are in the pty: read them all. */
		while (!(t->flags & TAB_EOF) && tab_read(t, TAB_READ_CHUNK))
			;
		/* Grandchildren may still hold the pty open; it stays
		 * readable, but the tab's program is over. */
		tab_finish(t);
		return;
	}
}

/*
 * The columns the UI keeps at the left of a tab's screen: its time stamps
 * while they are shown. Drawing and anything that maps a column of the
 * outer terminal to one of the tab (the mouse) go by this.
 */
u_int
tab_margin(const struct tab *t)
{
	return (t->stamps ? TAB_STAMP_COLS : 0);
}

/* Resize a tab and its peer to a content area of rows x cols. */
static void
tab_resize(struct tab *t, u_int rows, u_int cols)
{
	u_int	m = tab_margin(t);

	cols = cols > m ? cols - m : 1;
	term_resize(&t->term, rows, cols);
	if (t->tr.ops != NULL && !(t->flags & TAB_DEAD))
		t->tr.ops->resize(&t->tr, rows, cols);
}

/* The content area changed size: resize every tab and its peer. */
void
tab_resize_all(u_int rows, u_int cols)
{
	struct tab	*t;

	for (t = tabs; t != NULL; t = t->next)
		tab_resize(t, rows, cols);
}

/*
 * Show each line's time stamp at the left of the tab, or stop: its
 * program sees a terminal narrower by their width while they are shown
 * (resized as by the outer terminal), so no text goes out of sight. -1
 * if the screen is too narrow for them.
 */
int
tab_set_stamps(struct tab *t, int on)
{
	u_int	rows, cols;

	tab_size(&rows, &cols);
	if (on && cols < TAB_STAMP_COLS + TAB_STAMP_MIN)
		return (-1);
	t->stamps = on;
	tab_resize(t, rows, cols);
	grid_set_dirty(t->term.g, 0, t->term.g->rows);
	return (0);
}
