/*
 * sesslog.c: a session log, as Tera Term writes one. The file name comes
 * from LogDefaultName (strftime codes, &h host, &p port, &u user) in
 * LogDefaultPath; the log holds what the peer sent, as bytes
 * (LogBinary) or as plain text without escape sequences
 * (LogTypePlainText), each line stamped if LogTimestamp says so.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tterm.h"

enum { SL_TEXT, SL_ESC, SL_CSI, SL_STR, SL_STR_ESC };

struct sesslog {
	int		 fd;
	char		*path;
	int		 binary, plain, stamp, stamp_type;
	char		*stamp_fmt;
	int		 line_start;
	int		 state;		/* escape sequence being skipped */
	struct timespec	 started;
	int		 paused;	/* a macro's logpause */
	off_t		 written;	/* bytes in the file now */
	off_t		 rotate_size;	/* a macro's logrotate: 0 never */
	int		 rotate_count;	/* old files kept: name.1, name.2 */
	char		 buf[8192];
	size_t		 len;
};

/* strftime with the user's format (LogDefaultName, LogTimestampFormat). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static size_t
sesslog_strftime(char *out, size_t size, const char *fmt, const struct tm *tm)
{
	return (strftime(out, size, fmt, tm));
}
#pragma GCC diagnostic pop

/* &h, &p and &u, then strftime's codes. */
static char *
sesslog_name(const char *fmt, const char *host, int port)
{
	struct passwd	*pw = getpwuid(getuid());
	char		*s = xstrdup(""), out[1024];
	time_t		 now = time(NULL);
	struct tm	 tm;

	for (; *fmt != '\0'; fmt++) {
		if (fmt[0] == '&' && fmt[1] == 'h')
			xappendf(&s, "%s", host != NULL ? host : "local");
		else if (fmt[0] == '&' && fmt[1] == 'p')
			xappendf(&s, "%d", port);
		else if (fmt[0] == '&' && fmt[1] == 'u')
			xappendf(&s, "%s", pw != NULL ? pw->pw_name : "user");
		else {
			xappendf(&s, "%c", *fmt);
			continue;
		}
		fmt++;
	}
	localtime_r(&now, &tm);
	if (sesslog_strftime(out, sizeof out, s, &tm) == 0)
		out[0] = '\0';
	free(s);
	/* A name with a '/' of its own stays in the log folder. */
	for (s = out; *s != '\0'; s++) {
		if (*s == '/')
			*s = '_';
	}
	return (xstrdup(*out != '\0' ? out : "tterm.log"));
}

/* Start a log for a tab; NULL with a cause if the file cannot be made. */
struct sesslog *
sesslog_open(const struct profile *p, const char *host, int port,
    char **cause)
{
	struct sesslog	*l;
	const char	*dir = p->log_path, *home = getenv("HOME");
	char		*name, *path;
	int		 fd, flags = O_WRONLY | O_CREAT | O_CLOEXEC;

	name = sesslog_name(p->log_name != NULL ? p->log_name :
	    "teraterm.log", host, port);
	if (name[0] == '/' || (p->log_name != NULL && p->log_name[0] == '/'))
		path = xstrdup(p->log_name);
	else
		xasprintf(&path, "%s/%s", dir != NULL && *dir != '\0' ? dir :
		    (home != NULL ? home : "."), name);
	free(name);
	flags |= p->log_append == 1 ? O_APPEND : O_TRUNC;
	if ((fd = open(path, flags, 0600)) == -1) {
		xasprintf(cause, _("cannot write the log %s: %s"), path,
		    strerror(errno));
		free(path);
		return (NULL);
	}
	fchmod(fd, 0600);
	l = xcalloc(1, sizeof *l);
	l->fd = fd;
	l->written = lseek(fd, 0, SEEK_END);
	l->rotate_count = 1;
	l->path = path;
	l->binary = p->log_binary == 1;
	l->plain = p->log_plain == 1;
	l->stamp = p->log_timestamp == 1 && !l->binary;
	l->stamp_type = p->log_ts_type;
	l->stamp_fmt = xstrdup(p->log_ts_format != NULL ? p->log_ts_format :
	    "%Y-%m-%d %H:%M:%S.%N");
	l->line_start = 1;
	clock_gettime(CLOCK_MONOTONIC, &l->started);
	return (l);
}

const char *
sesslog_path(const struct sesslog *l)
{
	return (l->path);
}

/*
 * The log has reached its size: it becomes name.1 (name.1 becomes
 * name.2, up to the count kept) and a new one starts.
 */
static void
sesslog_rotate(struct sesslog *l)
{
	char	*from, *to;
	int	 i, fd;

	for (i = l->rotate_count - 1; i >= 1; i--) {
		xasprintf(&from, "%s.%d", l->path, i);
		xasprintf(&to, "%s.%d", l->path, i + 1);
		rename(from, to);
		free(from);
		free(to);
	}
	xasprintf(&to, "%s.1", l->path);
	rename(l->path, to);
	free(to);
	fd = open(l->path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd == -1)
		return;		/* the old file goes on */
	close(l->fd);
	l->fd = fd;
	l->written = 0;
}

static void
sesslog_flush(struct sesslog *l)
{
	ssize_t	n;
	size_t	off = 0;

	while (off < l->len) {
		n = write(l->fd, l->buf + off, l->len - off);
		if (n <= 0 && errno != EINTR)
			break;		/* a full disk loses log, not the tab */
		if (n > 0) {
			off += n;
			l->written += n;
		}
	}
	l->len = 0;
	if (l->rotate_size > 0 && l->written >= l->rotate_size)
		sesslog_rotate(l);
}

/* A macro's logpause (1) and logstart (0). */
void
sesslog_pause(struct sesslog *l, int paused)
{
	l->paused = paused;
}

/* A macro's logrotate: at size bytes (0: never), count old files kept. */
void
sesslog_set_rotate(struct sesslog *l, off_t size, int count)
{
	l->rotate_size = size;
	l->rotate_count = count < 1 ? 1 : count;
}

static void
sesslog_put(struct sesslog *l, const char *s, size_t n)
{
	size_t	chunk;

	while (n > 0) {
		if (l->len == sizeof l->buf)
			sesslog_flush(l);
		chunk = sizeof l->buf - l->len;
		if (chunk > n)
			chunk = n;
		memcpy(l->buf + l->len, s, chunk);
		l->len += chunk;
		s += chunk;
		n -= chunk;
	}
}

/* A macro's logwrite: its text as it is. */
void
sesslog_note(struct sesslog *l, const char *s, size_t len)
{
	sesslog_put(l, s, len);
	sesslog_flush(l);
}

/* The time stamp before a line: %N is milliseconds. */
static void
sesslog_stamp(struct sesslog *l)
{
	struct timespec	 now, mono;
	struct tm	 tm;
	char		 out[256], *fmt, *n, ms[24];
	long		 el;

	if (l->stamp_type >= 2) {
		clock_gettime(CLOCK_MONOTONIC, &mono);
		el = (mono.tv_sec - l->started.tv_sec) * 1000 +
		    (mono.tv_nsec - l->started.tv_nsec) / 1000000;
		snprintf(out, sizeof out, "[%02ld:%02ld:%02ld.%03ld] ",
		    el / 3600000, el / 60000 % 60, el / 1000 % 60, el % 1000);
		sesslog_put(l, out, strlen(out));
		return;
	}
	clock_gettime(CLOCK_REALTIME, &now);
	if (l->stamp_type == 1)
		gmtime_r(&now.tv_sec, &tm);
	else
		localtime_r(&now.tv_sec, &tm);
	snprintf(ms, sizeof ms, "%03ld", now.tv_nsec / 1000000);
	fmt = xstrdup(l->stamp_fmt);
	while ((n = strstr(fmt, "%N")) != NULL) {
		*n = '\0';
		xasprintf(&n, "%s%s%s", fmt, ms, n + 2);
		free(fmt);
		fmt = n;
	}
	out[0] = '[';
	if (sesslog_strftime(out + 1, sizeof out - 3, fmt, &tm) == 0)
		out[1] = '\0';
	strcat(out, "] ");
	free(fmt);
	sesslog_put(l, out, strlen(out));
}

/* Skip escape sequences; keep text, tabs and newlines. */
static int
sesslog_text(struct sesslog *l, u_char c)
{
	switch (l->state) {
	case SL_ESC:
		/* Intermediates (ESC ( B) go on to a final byte. */
		if (c >= 0x20 && c <= 0x2f)
			return (0);
		l->state = c == '[' ? SL_CSI : (c == ']' || c == 'P' ||
		    c == '_' || c == '^' ? SL_STR : SL_TEXT);
		return (0);
	case SL_CSI:
		if (c >= 0x40 && c <= 0x7e)
			l->state = SL_TEXT;
		return (0);
	case SL_STR:
		if (c == 0x07)
			l->state = SL_TEXT;
		else if (c == 0x1b)
			l->state = SL_STR_ESC;
		return (0);
	case SL_STR_ESC:
		l->state = c == '\\' ? SL_TEXT : SL_STR;
		return (0);
	}
	if (c == 0x1b) {
		l->state = SL_ESC;
		return (0);
	}
	return ((c >= 0x20 && c != 0x7f) || c == '\t' || c == '\r' ||
	    c == '\n');
}

/* What the peer sent. */
void
sesslog_write(struct sesslog *l, const char *buf, size_t len)
{
	size_t	i;

	if (l->paused)
		return;
	if (l->binary || (!l->plain && !l->stamp)) {
		sesslog_put(l, buf, len);
		sesslog_flush(l);
		return;
	}
	for (i = 0; i < len; i++) {
		if (l->plain && !sesslog_text(l, buf[i]))
			continue;
		if (l->stamp && l->line_start && buf[i] != '\r' &&
		    buf[i] != '\n')
			sesslog_stamp(l);
		l->line_start = buf[i] == '\n' ? 1 : (buf[i] == '\r' ?
		    l->line_start : 0);
		sesslog_put(l, buf + i, 1);
	}
	sesslog_flush(l);
}

void
sesslog_close(struct sesslog *l)
{
	if (l == NULL)
		return;
	sesslog_flush(l);
	close(l->fd);
	free(l->path);
	free(l->stamp_fmt);
	free(l);
}

/*
 * Start the tab's session log, or end it; what happened, for the user,
 * in *msg.
 */
void
sesslog_toggle(struct tab *t, char **msg)
{
	struct profile	*p = t->prof;
	char		*host = NULL, *cause = NULL;
	u_int		 port = 0;

	if (t->log != NULL) {
		xasprintf(msg, _("log ended: %s"), sesslog_path(t->log));
		sesslog_close(t->log);
		t->log = NULL;
	} else {
		switch (dest_kind(p)) {
		case DEST_SSH:
		case DEST_TELNET:
			host = xstrdup(p->host);
			port = dest_tcp_port(p);
			break;
		case DEST_RFC2217:
			dest_rfc2217_parse(p->device, &host, &port);
			break;
		default:
			break;
		}
		if ((t->log = sesslog_open(p, host, (int)port, &cause)) == NULL)
			*msg = cause;
		else
			xasprintf(msg, _("logging to %s"),
			    sesslog_path(t->log));
		free(host);
	}
}
