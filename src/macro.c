/*
 * macro.c: TTL macros bound to tabs. Each macro runs in the tab it starts
 * in (ttl.c is the interpreter; this file is its host): what the tab
 * receives goes to the macro's wait, what it sends goes to the tab, its
 * connect (re)connects the tab, its dialogs are the tab's forms. The
 * macros are a source of the loop: their service resumes each one that
 * has news or whose time is up, so a waiting macro costs nothing and
 * never holds the loop.
 */
#include "config.h"

#include <sys/ioctl.h>

#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

struct macro {
	struct ttl	*vm;
	struct tab	*tab;		/* NULL once its tab is closed */
	int		 state;		/* TTL_* of its last run */
	int		 kick;		/* news: run it in the next pass */
	int		 closing;	/* its own closett closes the tab */
	int		 orphan;	/* the user closed its tab: it ends */
	long		 log_flags;	/* its logopen's */
	off_t		 rotate_size;	/* its logrotate's */
	int		 rotate_count;
	struct macro	*next;
};

static struct macro	*macros;
static int		 macro_code;	/* the last setexitcode of a macro
					   that ended: tterm's exit status */
static const struct macro_ui *macro_ui;
static char		*macro_clip;	/* var2clipb's text: tterm's own
					   clipboard for clipb2var */

static void	macro_note(struct macro *, const char *, const char *);
static void	macro_watch_input(void *, const char *, size_t);
static void	macro_watch_event(void *, int);
static void	macro_watch_closed(void *);
static int	macro_watch_full(void *);
static void	macro_watch_xfer(void *, int);

static const struct tab_watch macro_watch = {
	macro_watch_input, macro_watch_event, macro_watch_closed,
	macro_watch_full, macro_watch_xfer
};

static void
macro_bind(struct macro *m, struct tab *t)
{
	m->tab = t;
	if (t != NULL)
		tab_watch(t, &macro_watch, m);
}

static void
macro_watch_input(void *data, const char *buf, size_t len)
{
	struct macro	*m = data;

	ttl_feed(m->vm, buf, len);
	m->kick = 1;
}

/* 1: the tab connects (again), 2: it has, 0: the connection ended. */
static void
macro_watch_event(void *data, int what)
{
	struct macro	*m = data;

	if (what != 2)
		ttl_event(m->vm, what ? TTL_EVENT_CONNECT :
		    TTL_EVENT_DISCONNECT);
	m->kick = 1;
}

/*
 * The tab is going. After the macro's own closett it goes on without a
 * tab (its connect may open one); a tab the user closed takes its macro
 * along, in the next pass (this may be inside the macro's run).
 */
static void
macro_watch_closed(void *data)
{
	struct macro	*m = data;

	ttl_event(m->vm, TTL_EVENT_UNLINK | TTL_EVENT_DISCONNECT);
	ttl_answer(m->vm, NULL, 0);	/* its form went with the tab */
	m->tab = NULL;
	m->orphan = !m->closing;
	m->kick = 1;
}

/* setsync 1: the tab reads no more while the macro's text is not read. */
static int
macro_watch_full(void *data)
{
	struct macro	*m = data;

	return (ttl_full(m->vm));
}

/* The transfer the macro started has ended: it goes on. */
static void
macro_watch_xfer(void *data, int ok)
{
	struct macro	*m = data;

	if (ttl_xfer_done(m->vm, ok))
		m->kick = 1;
}

/*
 * zmodemsend, xmodemrecv, ...: lrzsz on the tab's bytes (tab.c). A file
 * to send is one name (in quotes for xfer-cmd.c); XMODEM's receive name
 * goes into its folder (FileDir for a relative one).
 */
static int
macro_transfer_modem(struct macro *m, int kind, const char *file, int opt,
    const char *dir, char **cause)
{
	static const int	 protos[] = { XFER_ZMODEM, XFER_ZMODEM,
				    XFER_XMODEM, XFER_XMODEM, XFER_YMODEM,
				    XFER_YMODEM };
	int			 i = kind - TTL_XFER_ZMODEMSEND, proto, r;
	int			 send = (i % 2) == 0;
	char			*names = NULL, *copy = NULL, *slash;

	proto = protos[i];
	if (kind == TTL_XFER_XMODEMSEND && opt == 3)
		proto = XFER_XMODEM_1K;
	if (kind == TTL_XFER_XMODEMRECV && (opt == 2 || opt == 3))
		proto = XFER_XMODEM_CRC;
	if (file != NULL) {
		if (!send && (slash = strrchr(file, '/')) != NULL) {
			copy = xstrndup(file, slash - file);
			dir = copy;
			file = slash + 1;
		}
		xasprintf(&names, "\"%s\"", file);
	}
	r = tab_xfer_start(m->tab, proto, send, names, dir, 1, cause);
	free(names);
	free(copy);
	return (r);
}

/*
 * scpsend, scprecv: over the tab's SSH connection (tab-sftp.c); a file
 * received goes to FileDir (or the folder tterm was started in) unless
 * the macro names the place. Names taken are replaced, as Tera Term's.
 */
static int
macro_transfer(void *data, int kind, const char *a, const char *b, int n,
    char **cause)
{
	struct macro	*m = data;
	const char	*dir;
	char		*path;
	int		 r;

	if (m->tab == NULL) {
		*cause = xstrdup(_("file transfer needs a tab"));
		return (-1);
	}
	dir = m->tab->prof != NULL ? m->tab->prof->file_dir : NULL;
	if (dir == NULL || *dir == '\0')
		dir = ".";
	if (kind == TTL_XFER_RECVFILE) {
		path = a[0] == '/' ? xstrdup(a) : path_join(dir, a);
		r = tab_recvfile(m->tab, path, n, cause);
		free(path);
		return (r);
	}
	if (kind >= TTL_XFER_ZMODEMSEND)
		return (macro_transfer_modem(m, kind, a, n, dir, cause));
	if (kind == TTL_XFER_SCPSEND)
		return (tab_sftp_start(m->tab, 1, a, b != NULL ? b : "",
		    SFTPJOB_OVERWRITE, 1, cause));
	if (b == NULL)
		b = dir;
	return (tab_sftp_start(m->tab, 0, b, a, SFTPJOB_OVERWRITE, 1, cause));
}

static int
macro_send(void *data, const char *buf, size_t len, int flags)
{
	struct macro	*m = data;

	if (m->tab == NULL ||
	    tab_send(m->tab, buf, len, flags & TTL_SEND_BINARY) != 0)
		return (-1);
	/* The newline as Enter's: the transport makes it CRSend's. */
	if (flags & TTL_SEND_NEWLINE)
		tab_send(m->tab, "\r", 1, 1);
	return (0);
}

/* 0 no tab, 1 a tab not connected, 2 connected (Tera Term's). */
static int
macro_link(void *data)
{
	struct macro	*m = data;

	if (m->tab == NULL)
		return (0);
	return ((m->tab->flags & TAB_DEAD) ? 1 : 2);
}

/*
 * connect 'command line': the tab's profile (or the start-up one) with
 * the line applied, as tterm's own command line; the tab connects to it,
 * or a new tab opens when the macro has none.
 */
static int
macro_connect(void *data, const char *line, char **cause)
{
	struct macro	*m = data;
	struct profile	*p;
	struct ttcmd	 tc;
	struct tab	*t;
	char		*why = NULL;

	memset(&tc, 0, sizeof tc);
	p = m->tab != NULL ? profile_copy(m->tab->prof) : profile_new("");
	free(p->host);
	free(p->command);
	free(p->title);
	p->host = p->command = p->title = NULL;
	p->serial = 0;
	tc.p = p;
	if (ttcmd_line(&tc, line) != 0) {
		*cause = xstrdup(tc.error);	/* the macro's mistake */
		profile_free(p);
	} else if (m->tab != NULL) {
		if (open_again(m->tab, p, &tc, &why) != 0)
			macro_note(m, _("cannot connect"), why);
		tab_generation++;	/* the loop gathers the new fds */
	} else if ((t = open_profile(p, &tc, &why)) != NULL)
		macro_bind(m, t);
	else
		log_debug("%s: %s", __func__, why);
	free(why);
	ttcmd_clear(&tc);
	return (macro_link(m));
}

/* connect waits while this is 1, then result is macro_link()'s. */
static int
macro_connecting(void *data)
{
	struct macro	*m = data;

	return (m->tab != NULL && tab_connecting(m->tab));
}

static void
macro_disconnect(void *data)
{
	struct macro	*m = data;

	if (m->tab != NULL && !(m->tab->flags & TAB_DEAD)) {
		tab_disconnect(m->tab, _("disconnected by the macro"));
		tab_generation++;
	}
}

static void
macro_closett(void *data)
{
	struct macro	*m = data;

	if (m->tab != NULL) {
		m->closing = 1;
		tab_close(m->tab);	/* the watch forgets it */
		m->closing = 0;
	}
}

static void
macro_show(void *data, const char *buf, size_t len)
{
	struct macro	*m = data;

	if (m->tab != NULL)
		term_input(&m->tab->term, buf, len);
}

static char *
macro_title(void *data)
{
	struct macro	*m = data;

	return (xstrdup(m->tab != NULL ? tab_title(m->tab) : ""));
}

static void
macro_set_title(void *data, const char *title)
{
	struct macro	*m = data;
	char		*clean = text_clean(title, 0), *osc;
	int		 n;

	if (m->tab != NULL) {
		n = xasprintf(&osc, "\033]2;%s\007", clean);
		term_input(&m->tab->term, osc, n);
		free(osc);
	}
	free(clean);
}

static char *
macro_hostname(void *data)
{
	struct macro	*m = data;

	return (xstrdup(m->tab != NULL && m->tab->prof->host != NULL ?
	    m->tab->prof->host : ""));
}

/* A dialog is a form in the macro's tab; without a tab it is cancelled. */
static void
macro_ask(void *data, struct question *q)
{
	struct macro	*m = data;

	if (m->tab != NULL) {
		q->keep = 1;	/* the macro waits, whatever the connection */
		tab_ask(m->tab, q);
		return;
	}
	q->cb(q->arg, 0, NULL);
	question_free(q);
}

static void
macro_unask(void *data)
{
	struct macro	*m = data;

	if (m->tab != NULL)
		tab_unask(m->tab, m->vm);
}

static void
macro_clear(void *data, int what)
{
	struct macro	*m = data;

	(void)what;
	if (m->tab != NULL)
		term_input(&m->tab->term, "\033[H\033[2J", 7);
}

static int
macro_sendbreak(void *data)
{
	struct macro	*m = data;
	char		 buf[128];

	if (m->tab == NULL || m->tab->tr.ops == NULL ||
	    m->tab->tr.ops->send_break == NULL)
		return (-1);
	return (m->tab->tr.ops->send_break(&m->tab->tr, buf, sizeof buf));
}

/* setdtr and setrts: the transport flips a line; flip until it is n. */
static int
macro_modem(struct tab *t, int line, int n)
{
	char	buf[128];

	if (t->tr.ops == NULL || t->tr.ops->modem == NULL ||
	    t->tr.ops->modem(&t->tr, line, buf, sizeof buf) != 0)
		return (-1);
	if ((strstr(buf, " on") != NULL) == (n != 0))
		return (0);
	return (t->tr.ops->modem(&t->tr, line, buf, sizeof buf));
}

/*
 * getmodemstatus: the lines as Tera Term gives them (CTS 1, DSR 2, RING
 * 4, DCD 8); -1 if the line does not report them.
 */
static int
macro_modem_status(struct tab *t)
{
	int	bits, v = 0;

	if (t->tr.ops == NULL || t->tr.ops->modem_lines == NULL ||
	    (bits = t->tr.ops->modem_lines(&t->tr)) < 0)
		return (-1);
	if (bits & TIOCM_CTS)
		v |= 1;
	if (bits & TIOCM_DSR)
		v |= 2;
	if (bits & TIOCM_RI)
		v |= 4;
	if (bits & TIOCM_CD)
		v |= 8;
	return (v);
}

/* The serial commands: a profile value the live line takes. */
static int
macro_serial(void *data, const char *what, int n)
{
	struct macro	*m = data;
	struct tab	*t = m->tab;
	struct profile	 was;
	char		*cause = NULL;
	int		 r;

	if (t == NULL || !t->prof->serial)
		return (-1);
	if (n < 0)
		return (0);	/* asked only whether it is a serial tab */
	if (strcmp(what, "dtr") == 0)
		return (macro_modem(t, TIOCM_DTR, n));
	if (strcmp(what, "rts") == 0)
		return (macro_modem(t, TIOCM_RTS, n));
	if (strcmp(what, "modem") == 0)
		return (macro_modem_status(t));
	was = *t->prof;		/* only numbers change */
	if (strcmp(what, "baud") == 0)
		t->prof->speed = n;
	else if (strcmp(what, "flow") == 0)
		t->prof->flow = n == 1 ? SERIAL_FLOW_XONXOFF : n == 2 ?
		    SERIAL_FLOW_RTSCTS : SERIAL_FLOW_NONE;
	else if (strcmp(what, "delaychar") == 0)
		t->prof->char_delay = n;
	else if (strcmp(what, "delayline") == 0)
		t->prof->line_delay = n;
	else if (strcmp(what, "echo") == 0)
		t->prof->local_echo = n != 0;
	if ((r = tab_reconfigure(t, &cause)) != 0)
		*t->prof = was;
	free(cause);
	return (r);
}

/* A macro's session log: the tab's own (prefix L shows the same). */
static int
macro_log_open(struct macro *m, const char *path, long flags)
{
	struct tab	*t = m->tab;
	struct profile	*p = profile_copy(t->prof);
	char		*cause = NULL;

	free(p->log_name);
	free(p->log_path);
	p->log_name = xstrdup(path);
	p->log_path = NULL;
	p->log_binary = (flags & TTL_LOGF_BINARY) != 0;
	p->log_append = (flags & TTL_LOGF_APPEND) != 0;
	p->log_plain = (flags & TTL_LOGF_PLAIN) != 0;
	p->log_timestamp = (flags & TTL_LOGF_STAMP) != 0;
	p->log_ts_type = TTL_LOGF_TSTYPE(flags);
	sesslog_close(t->log);
	t->log = sesslog_open(p, NULL, 0, &cause);
	profile_free(p);
	if (t->log == NULL) {
		macro_note(m, "logopen", cause);
		free(cause);
		return (-1);
	}
	m->log_flags = flags;
	return (0);
}

static int
macro_log(void *data, int op, const char *arg, long n, char **name)
{
	struct macro	*m = data;
	struct tab	*t = m->tab;

	if (t == NULL)
		return (-1);
	if (op == TTL_LOG_OPEN)
		return (macro_log_open(m, arg, n));
	if (t->log == NULL)
		return (-1);	/* as Tera Term: nothing to do */
	switch (op) {
	case TTL_LOG_CLOSE:
		sesslog_close(t->log);
		t->log = NULL;
		break;
	case TTL_LOG_PAUSE:
	case TTL_LOG_START:
		sesslog_pause(t->log, op == TTL_LOG_PAUSE);
		break;
	case TTL_LOG_WRITE:
		sesslog_note(t->log, arg, strlen(arg));
		break;
	case TTL_LOG_INFO:
		*name = xstrdup(sesslog_path(t->log));
		return ((int)(m->log_flags & 0xff));
	case TTL_LOG_ROTATE:
		if (strcmp(arg, "size") == 0)
			m->rotate_size = n;
		else if (strcmp(arg, "rotate") == 0)
			m->rotate_count = (int)n;
		else
			m->rotate_size = 0;
		sesslog_set_rotate(t->log, m->rotate_size, m->rotate_count);
		break;
	}
	return (0);
}

/*
 * exec: sh -c cmd in dir, away from the screen (input and output
 * /dev/null) and from tterm's signal mask; the loop reaps it.
 */
static pid_t
macro_spawn(void *data, const char *cmd, const char *dir)
{
	sigset_t	 none;
	pid_t		 pid;
	int		 fd;

	(void)data;
	if ((pid = fork()) != 0)
		return (pid);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	setsid();
	if ((fd = open("/dev/null", O_RDWR)) != -1) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
		if (fd > 2)
			close(fd);
	}
	if (dir != NULL && chdir(dir) != 0)
		_exit(127);
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

/*
 * var2clipb: the text goes to the outer terminal's clipboard (OSC 52,
 * through tmux too with set-clipboard on) and is kept for clipb2var; the
 * outer terminal's clipboard cannot be read back.
 */
static int
macro_clipboard(void *data, const char *text, char **out)
{
	(void)data;
	if (text == NULL) {
		*out = macro_clip != NULL ? xstrdup(macro_clip) : NULL;
		return (macro_clip != NULL ? 0 : -1);
	}
	freezero_str(macro_clip);
	macro_clip = xstrdup(text);
	if (macro_ui != NULL && macro_ui->clipboard != NULL)
		macro_ui->clipboard(text, strlen(text));
	return (0);
}

/* unlink: the tab goes on without the macro. */
static void
macro_unlink(void *data)
{
	struct macro	*m = data;

	if (m->tab != NULL) {
		macro_unask(m);
		tab_watch(m->tab, NULL, NULL);
		m->tab = NULL;
	}
}

/* What the macros ask of the user interface. */
void
macro_set_ui(const struct macro_ui *ui)
{
	macro_ui = ui;
}

static void
macro_beep(void *data)
{
	struct macro	*m = data;

	if (m->tab != NULL)
		term_input(&m->tab->term, "\a", 1);
}

static const struct ttl_host macro_host = {
	macro_send, macro_connect, macro_link, macro_disconnect,
	macro_closett, macro_show, macro_title, macro_set_title,
	macro_hostname, macro_ask, macro_unask, macro_clear, macro_sendbreak,
	macro_serial, macro_beep, NULL, macro_log, macro_spawn, macro_clipboard,
	macro_unlink, macro_transfer, macro_connecting
};

static struct macro *
macro_of(const struct tab *t)
{
	struct macro	*m;

	for (m = macros; m != NULL; m = m->next) {
		if (m->tab == t && t != NULL)
			return (m);
	}
	return (NULL);
}

static void
macro_free(struct macro *m)
{
	struct macro	**mp;

	for (mp = &macros; *mp != NULL; mp = &(*mp)->next) {
		if (*mp == m) {
			*mp = m->next;
			break;
		}
	}
	macro_unask(m);
	if (m->tab != NULL)
		tab_watch(m->tab, NULL, NULL);
	ttl_free(m->vm);
	free(m);
}

/* A line in the macro's tab, in reverse video as the tab's own marks. */
static void
macro_note(struct macro *m, const char *what, const char *why)
{
	char	*clean, *line;
	int	 n;

	log_debug("%s: %s: %s", __func__, what, why);
	if (m->tab == NULL)
		return;
	clean = text_clean(why, 0);
	n = xasprintf(&line, "\033[m\r\n\033[7m[%s %s: %s]\033[m\r\n", ttl_name(m->vm),
	    what, clean);
	term_input(&m->tab->term, line, n);
	free(line);
	free(clean);
}

/* Resume each macro that has news or whose time is up. */
static void
macro_service(void)
{
	struct macro	*m, *next;
	double		 now = clock_now(), when;

	for (m = macros; m != NULL; m = next) {
		next = m->next;
		if (m->orphan) {
			log_debug("%s: %s: its tab closed", __func__,
			    ttl_name(m->vm));
			macro_free(m);
			next = macros;
			continue;
		}
		when = ttl_deadline(m->vm);
		if (!m->kick && m->state == TTL_WAITING &&
		    (when == 0 || when > now) && !ttl_answered(m->vm))
			continue;
		m->kick = 0;
		m->state = ttl_run(m->vm);
		if (m->state == TTL_FAILED)
			macro_note(m, _("stopped"), ttl_failure(m->vm));
		if (m->state == TTL_DONE || m->state == TTL_FAILED) {
			log_debug("%s: %s ended", __func__, ttl_name(m->vm));
			if (ttl_exit_code(m->vm) != 0)
				macro_code = ttl_exit_code(m->vm);
			macro_free(m);
			next = macros;	/* the run may have changed the list */
		}
	}
}

/* Seconds until a macro must run: 0 with news, or its wait's deadline. */
static double
macro_deadline(void)
{
	struct macro	*m;
	double		 now = clock_now(), w = -1, when;

	for (m = macros; m != NULL; m = m->next) {
		if (m->kick || m->state == TTL_RUNNING || ttl_answered(m->vm))
			return (0);
		if ((when = ttl_deadline(m->vm)) == 0)
			continue;
		when = when > now ? when - now : 0;
		if (w < 0 || when < w)
			w = when;
	}
	return (w);
}

static u_int
macro_count(void)
{
	return (0);
}

static int
macro_pollfds(struct pollfd *pfd, int max)
{
	(void)pfd;
	(void)max;
	return (0);
}

static const struct source macro_source = {
	"macros", macro_count, macro_pollfds, macro_deadline, macro_service
};

/*
 * Run the macro file path in tab t (args: param2 on); it starts in the
 * loop's next pass. A tab runs one macro at a time.
 */
int
macro_start(struct tab *t, const char *path, int argc, char **argv,
    char **cause)
{
	struct macro	*m;

	if (macro_of(t) != NULL) {
		*cause = xstrdup(_("a macro runs in this tab already"));
		return (-1);
	}
	m = xcalloc(1, sizeof *m);
	if ((m->vm = ttl_open(path, argc, argv, &macro_host, m, cause)) ==
	    NULL) {
		free(m);
		return (-1);
	}
	macro_bind(m, t);
	m->state = TTL_RUNNING;
	m->kick = 1;
	m->next = macros;
	macros = m;
	source_add(&macro_source);
	log_debug("%s: %s in tab %u", __func__, path, t->id);
	return (0);
}

/* A child ended: the macro waiting for it (exec) goes on. */
void
macro_reaped(pid_t pid, int status)
{
	struct macro	*m;

	for (m = macros; m != NULL; m = m->next) {
		if (ttl_child(m->vm, pid, status))
			m->kick = 1;
	}
}

/* What tterm exits with after a macro's setexitcode (else 0). */
int
macro_exit_status(void)
{
	return (macro_code);
}

/* Stop the tab's macro; 0 if it had none. */
int
macro_stop(struct tab *t)
{
	struct macro	*m = macro_of(t);

	if (m == NULL)
		return (0);
	macro_free(m);
	return (1);
}

void
macro_stop_all(void)
{
	while (macros != NULL)
		macro_free(macros);
	freezero_str(macro_clip);
	macro_clip = NULL;
}

/* For the status bar: the tab's macro and what it waits for, or NULL. */
char *
macro_status(const struct tab *t)
{
	struct macro	*m = macro_of(t);
	char		*s;

	if (m == NULL)
		return (NULL);
	if ((s = ttl_status(m->vm)) == NULL)
		xasprintf(&s, _("%s: running"), ttl_name(m->vm));
	return (s);
}
