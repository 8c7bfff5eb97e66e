/*
 * xfer.c: file transfers on a tab's byte stream by lrzsz's programs (rz,
 * sz, and rx, sx, rb, sb for XMODEM and YMODEM), which carry the
 * protocols; tterm only joins them to the stream. While one runs, what
 * the peer sends goes to the program's input instead of the screen, and
 * what the program writes goes to the peer. A ZMODEM receive starts by
 * itself when the peer's sz says ZRQINIT, as Tera Term's automatic ZMODEM
 * does; a peer's rz (ZRINIT) asks for files to send by sz; the user
 * starts any of them (prefix F). Files arrive in a hidden folder in the
 * download folder and are moved in only when the program ends well, so
 * a broken transfer leaves no half file under a final name.
 */
#include "config.h"

#include <sys/stat.h>
#include <sys/wait.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "tterm.h"

#define XFER_BUFMAX	(1024 * 1024)	/* the peer's bytes held for rz */
/*
 * After an X/YMODEM cancel, what the peer still sends is the protocol's
 * (the rest of a block, a NAK), dropped: for a second receiving, for up
 * to five sending (a receiver inside a block first waits for the rest,
 * lrzsz's rx two seconds), or half a second after the cancel that
 * answered its NAK or ACK.
 */
#define XFER_CANCEL_RECV	1.0
#define XFER_CANCEL_SEND	5.0
#define XFER_CANCEL_AFTER	0.5
#define XFER_CANCEL_BURSTS	4	/* cancels sent at the most */
/*
 * Once the session has ended the program leaves at once: what the peer
 * sends after (the shell's next prompt) waits for its "done" line, for up
 * to this many seconds, so that the line comes before it, not after.
 */
#define XFER_END_WAIT		1.0

extern char **environ;

struct xfer {
	const struct xfer_cb *cb;	/* its tab's, with arg */
	void	       *arg;		/* NULL once the tab has gone */
	pid_t		pid;
	int		in, out, err;	/* the program's stdin, stdout, stderr */
	struct buf	tochild;	/* the peer's bytes not yet taken */
	char	       *tmpdir;		/* where rz writes */
	char	       *dir;		/* where the files go when it is done */
	char		what[64];	/* "ZMODEM receive" */
	char		progress[96];	/* the program's last words */
	size_t		bytes;		/* from the peer */
	int		fin;		/* the peer said ZFIN (1), then OO (2) */
	int		strip_o;	/* O's of an OO still to take out */
	int		rz_fin;		/* rz's own ZFIN has gone to the peer */
	int		sending;	/* sz runs (or waits for file names) */
	int		proto;		/* XFER_ZMODEM and the others */
	double		started;
	double		cancelled;	/* when the user cancelled, or 0 */
	double		cancel_end;	/* when the peer's bytes are text again */
	double		burst_at;	/* when a cancel last went */
	double		fin_at;		/* when the session ended (fin 2) */
	int		bursts;		/* cancels sent */
	int		reaped;		/* it ended while cancelling: status */
	int		status;
	char		moved[64];	/* the one file moved in */
	struct xfer    *next;
};

static struct xfer	*xfers;
static int		 xfer_ready;

static void	xfer_source_init(void);
static void	xfer_output(struct xfer *, const char *, size_t);
static void	xfer_cancel_again(struct xfer *, const char *, size_t);

/* ZMODEM hex headers: ** ZDLE B and the type, 00 ZRQINIT, 01 ZRINIT. */
static const char	xfer_zrqinit[] = "**\030B00";
static const char	xfer_zrinit[] = "**\030B01";

/*
 * Where in buf a peer's sz (its ZRQINIT: *kind XFER_RECEIVE) or rz (its
 * ZRINIT: XFER_SEND) starts, or -1. A header cut by the end of a read is
 * missed; they say it again.
 */
long
xfer_detect(const char *buf, size_t len, int *kind)
{
	const char	*p = buf, *end = buf + len;

	while ((p = memchr(p, '\030', end - p)) != NULL) {
		if (p >= buf + 2 && (size_t)(end - p) >= 4) {
			*kind = XFER_RECEIVE;
			if (memcmp(p - 2, xfer_zrqinit, 6) == 0)
				return ((p - 2) - buf);
			*kind = XFER_SEND;
			if (memcmp(p - 2, xfer_zrinit, 6) == 0)
				return ((p - 2) - buf);
		}
		p++;
	}
	return (-1);
}

static int
xfer_nonblock(int fd)
{
	int	fl = fcntl(fd, F_GETFL);

	return (fl == -1 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK));
}

/*
 * Run cmd (a program of lrzsz with its options) in dir, by sh (so that
 * tterm itself never changes folder). Its stdin is a pty in raw mode, as
 * lrzsz expects (it sets the line up and times its reads as on a
 * terminal); its stdout and stderr (where it says how it goes) are
 * pipes. Not the pty for stdout: lrzsz flushes its terminal both ways
 * (TCIOFLUSH) as it leaves, and on a pty that throws away what it wrote
 * last and tterm had not read yet, such as rx's ACK of the EOT.
 */
static int
xfer_spawn(struct xfer *x, const char *cmd, const char *dir)
{
	posix_spawn_file_actions_t	 fa;
	struct termios			 tio;
	int				 m, sl, out[2], err[2], r;
	char				 sh[] = "sh", c[] = "-c", *script;
	char				*argv[] = { sh, c, NULL, sh, NULL, NULL };

	if (openpty(&m, &sl, NULL, NULL, NULL) != 0)
		return (-1);
	if (tcgetattr(sl, &tio) == 0) {
		cfmakeraw(&tio);
		tcsetattr(sl, TCSANOW, &tio);
	}
	if (pipe(out) != 0) {
		close(m);
		close(sl);
		return (-1);
	}
	if (pipe(err) != 0) {
		close(m);
		close(sl);
		close(out[0]);
		close(out[1]);
		return (-1);
	}
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, sl, STDIN_FILENO);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, err[1], STDERR_FILENO);
	posix_spawn_file_actions_addclose(&fa, m);
	posix_spawn_file_actions_addclose(&fa, out[0]);
	posix_spawn_file_actions_addclose(&fa, err[0]);
	xasprintf(&script, "cd \"$1\" && exec %s", cmd);
	argv[2] = script;
	argv[4] = (char *)dir;
	r = posix_spawn(&x->pid, "/bin/sh", &fa, NULL, argv, environ);
	free(script);
	posix_spawn_file_actions_destroy(&fa);
	close(sl);
	close(out[1]);
	close(err[1]);
	if (r != 0) {
		close(m);
		close(out[0]);
		close(err[0]);
		return (-1);
	}
	x->in = m;
	x->out = out[0];
	x->err = err[0];
	xfer_nonblock(x->in);
	xfer_nonblock(x->out);
	xfer_nonblock(x->err);
	fcntl(x->in, F_SETFD, FD_CLOEXEC);
	fcntl(x->out, F_SETFD, FD_CLOEXEC);
	fcntl(x->err, F_SETFD, FD_CLOEXEC);
	return (0);
}

/* The folder files are received into: d (FileDir), or ".". */
static char *
xfer_download_dir(const char *d)
{
	char		*cause = NULL, *slash;

	if (d == NULL || *d == '\0')
		return (xstrdup("."));
	xasprintf(&slash, "%s/", d);	/* the folder itself too */
	if (profile_mkdirs(slash, &cause) != 0) {
		log_debug("%s: %s", __func__, cause);
		free(cause);
	}
	free(slash);
	return (xstrdup(d));
}

/* Join a transfer to the list the loop serves. */
static struct xfer *
xfer_add(struct xfer *x)
{
	x->started = clock_now();
	x->next = xfers;
	xfers = x;
	xfer_source_init();
	return (x);
}

/* Run the receiving command cmd in a new hidden folder in x->dir. */
static int
xfer_spawn_receive(struct xfer *x, const char *cmd, char **cause)
{
	xasprintf(&x->tmpdir, "%s/.tterm-rz.XXXXXX", x->dir);
	if (mkdtemp(x->tmpdir) == NULL) {
		xasprintf(cause, _("cannot make a folder in %s: %s"), x->dir,
		    strerror(errno));
		return (-1);
	}
	if (xfer_spawn(x, cmd, x->tmpdir) != 0) {
		xasprintf(cause, _("cannot run %.2s (lrzsz): %s"), cmd,
		    strerror(errno));
		rmdir(x->tmpdir);
		return (-1);
	}
	return (0);
}

/*
 * Start a transfer by protocol proto (XFER_ZMODEM, ...): send the files
 * named in names, or receive into folder dir (NULL: "."; XMODEM: into
 * the name given in names). The tab hears of it through cb with arg.
 */
struct xfer *
xfer_start(int proto, int send, const char *names, const char *dir,
    const struct xfer_cb *cb, void *arg, char **cause)
{
	struct xfer	*x;
	char		*cmd, *file;
	int		 r;

	if (xfer_command(proto, send, names, &cmd, &file, cause) != 0)
		return (NULL);
	x = xcalloc(1, sizeof *x);
	x->cb = cb;
	x->arg = arg;
	x->proto = proto;
	x->sending = send;
	x->in = x->out = x->err = -1;
	/* TRANSLATORS: %s is a protocol: ZMODEM, YMODEM, XMODEM (CRC)... */
	snprintf(x->what, sizeof x->what, send ? _("%s send") :
	    _("%s receive"), _(xfer_protocols[proto]));
	if (send) {
		if ((r = xfer_spawn(x, cmd, ".")) != 0)
			xasprintf(cause, _("cannot run %.2s (lrzsz): %s"), cmd,
			    strerror(errno));
	} else {
		x->dir = xfer_download_dir(dir);
		r = xfer_spawn_receive(x, cmd, cause);
	}
	free(cmd);
	free(file);
	if (r != 0) {
		free(x->tmpdir);
		free(x->dir);
		free(x);
		return (NULL);
	}
	return (xfer_add(x));
}

/*
 * The end of a hex header that starts at p: after its CR and LF (the LF's
 * top bit maybe set) and an XON if one follows; end if it is not all here.
 */
static const char *
xfer_header_end(const char *p, const char *end)
{
	while (p < end && *p != '\n' && (u_char)*p != 0x8a)
		p++;
	if (p == end)
		return (end);
	p++;
	if (p < end && *p == 0x11)
		p++;
	return (p);
}

/*
 * The end of the session in the peer's bytes: its ZFIN header (ended by
 * CR and LF, the LF's top bit maybe set, an XON maybe after). lrzsz's sz
 * leaves without waiting for the answer, so rz's ZFIN would reach the
 * shell as a command, and rz would wait for an OO that never comes:
 * rz is given an OO once its answer is out, and what it says after goes
 * nowhere (xfer_output()); what
 * the peer sends after the header is the shell's again (an OO of a sz
 * that did wait is taken out). Returns the bytes that are the transfer's.
 */
static size_t
xfer_fin(struct xfer *x, const char *buf, size_t len)
{
	static const char	 zfin[] = "**\030B08";
	const char		*p, *end = buf + len;

	if (x->fin != 0)
		return (len);
	if ((p = memmem(buf, len, zfin, 6)) == NULL)
		return (len);
	if ((p = xfer_header_end(p, end)) == end && end[-1] != '\n' &&
	    (u_char)end[-1] != 0x8a && end[-1] != 0x11)
		return (len);	/* its end in the next read: it is rare */
	x->fin = 1;
	return (p - buf);
}

/*
 * A ZFIN header at the start of buf (after a CR or two): the bytes up to
 * its end, or 0. A peer's rz that saw no OO at once sends its ZFIN again
 * after tterm's sz has gone; the tab answers that one itself.
 */
size_t
xfer_zfin_at(const char *buf, size_t len)
{
	static const char	 zfin[] = "**\030B08";
	const char		*p, *end = buf + len;

	if (len < 6 || (p = memmem(buf, len < 8 ? len : 8, zfin, 6)) == NULL)
		return (0);
	return (xfer_header_end(p, end) - buf);
}

/* Whether the session has ended (the peer's ZFIN was seen). */
int
xfer_ending(const struct xfer *x)
{
	return (x->fin == 2);
}

/*
 * A peer's rz asked for files: a transfer that waits for their names
 * (the tab asks); what the peer says meanwhile (its ZRINIT again) is
 * dropped.
 */
struct xfer *
xfer_send_wait(const struct xfer_cb *cb, void *arg)
{
	struct xfer	*x;

	x = xcalloc(1, sizeof *x);
	x->cb = cb;
	x->arg = arg;
	x->pid = -1;
	x->in = x->out = x->err = -1;
	x->sending = 1;
	x->proto = XFER_ZMODEM;
	snprintf(x->what, sizeof x->what, _("%s send"),
	    xfer_protocols[XFER_ZMODEM]);
	return (xfer_add(x));
}

/* Send the files named in names by sz to the waiting rz. */
int
xfer_send_files(struct xfer *x, const char *names, char **cause)
{
	char	*cmd, *file;
	int	 r;

	if (xfer_command(XFER_ZMODEM, 1, names, &cmd, &file, cause) != 0)
		return (-1);
	if ((r = xfer_spawn(x, cmd, ".")) != 0)
		xasprintf(cause, _("cannot run sz (lrzsz): %s"),
		    strerror(errno));
	free(cmd);
	free(file);
	if (r == 0)
		x->started = clock_now();
	return (r);
}

/*
 * The peer's bytes for the program; returns how many it took (the rest,
 * after the session's end, are the screen's).
 */
size_t
xfer_input(struct xfer *x, const char *buf, size_t len)
{
	ssize_t	n;
	size_t	take;

	if (x->sending && x->pid == -1)
		return (len);	/* waiting for names: the peer's ZRINIT again */
	if (x->cancelled != 0 && x->proto != XFER_ZMODEM) {
		xfer_cancel_again(x, buf, len);
		return (len);	/* the rest of a block, a NAK: no text */
	}
	if (x->fin == 2) {
		/* A waiting sz's OO, first after the header, is no text. */
		if (x->strip_o > 0 && len > 0 && buf[0] == 'O') {
			x->strip_o--;
			return (1 + (len > 1 && buf[1] == 'O' && x->strip_o-- > 0));
		}
		x->strip_o = 0;
		return (0);
	}
	if (x->proto == XFER_ZMODEM)
		len = xfer_fin(x, buf, len);
	take = len;
	if (!x->sending)
		x->bytes += len;
	if (x->in != -1) {
		if (x->tochild.len == 0) {
			n = write(x->in, buf, len);
			if (n > 0) {
				buf += n;
				len -= n;
			}
		}
		if (len > 0)
			buf_add(&x->tochild, buf, len);
	}
	if (x->fin == 1) {
		/* Sending, the ZFIN is rz's: sz answers it with the OO. */
		x->fin = 2;
		x->fin_at = clock_now();
		x->strip_o = x->sending ? 0 : 2;
	}
	return (take);
}

/*
 * Whether the tab should stop reading for now: the program is behind, or
 * the session has ended and the program's end is to be told first.
 */
int
xfer_full(const struct xfer *x)
{
	if (x->fin == 2 && x->pid > 0 &&
	    clock_now() < x->fin_at + XFER_END_WAIT)
		return (1);
	return (x->tochild.len >= XFER_BUFMAX);
}

/* What the status bar says of the transfer. */
const char *
xfer_status(const struct xfer *x)
{
	static char	s[320];
	double		secs = clock_now() - x->started;

	snprintf(s, sizeof s, "%s: %zu KiB, %.0f KiB/s%s%s", x->what,
	    x->bytes / 1024, secs > 0 ? x->bytes / 1024.0 / secs : 0.0,
	    x->progress[0] != '\0' ? " | " : "", x->progress);
	return (s);
}

/*
 * Move the received files in, a name taken getting a ".N" (rz -E); the
 * last one's name (with its .N) is kept to say.
 */
static u_int
xfer_move_files(struct xfer *x)
{
	DIR		*d;
	struct dirent	*de;
	char		*from, *to;
	u_int		 n = 0, i;

	if ((d = opendir(x->tmpdir)) == NULL)
		return (0);
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		xasprintf(&from, "%s/%s", x->tmpdir, de->d_name);
		xasprintf(&to, "%s/%s", x->dir, de->d_name);
		for (i = 1; access(to, F_OK) == 0 && i < 1000; i++) {
			free(to);
			xasprintf(&to, "%s/%s.%u", x->dir, de->d_name, i);
		}
		if (rename(from, to) == 0) {
			n++;
			snprintf(x->moved, sizeof x->moved, "%s",
			    to + strlen(x->dir) + 1);
		}
		free(from);
		free(to);
	}
	closedir(d);
	return (n);
}

/* Take away what a broken transfer left. */
static void
xfer_remove_files(struct xfer *x)
{
	DIR		*d;
	struct dirent	*de;
	char		*path;

	if ((d = opendir(x->tmpdir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		xasprintf(&path, "%s/%s", x->tmpdir, de->d_name);
		unlink(path);
		free(path);
	}
	closedir(d);
}

static void
xfer_close_fd(int *fd)
{
	if (*fd != -1)
		close(*fd);
	*fd = -1;
}

/* The program ended: files in (or away), the tab back to its screen. */
static void
xfer_end(struct xfer *x, int status)
{
	struct xfer	**pp;
	char		  msg[512];
	const char	 *sep = x->progress[0] != '\0' ? ": " : "";
	int		  ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
	u_int		  n;

	if (x->sending) {
		/* TRANSLATORS: the transfer ("ZMODEM send"), then ": " and
		   the program's last words, or nothing. */
		snprintf(msg, sizeof msg, ok ? _("%s done%s%s") :
		    _("%s failed%s%s"), x->what, sep, x->progress);
	} else if (ok) {
		n = xfer_move_files(x);
		if (n == 1 && x->proto != XFER_ZMODEM)
			snprintf(msg, sizeof msg, _("%s: %s into %s"), x->what,
			    x->moved, x->dir);
		else
			snprintf(msg, sizeof msg, ngettext("%s: %u file into "
			    "%s", "%s: %u files into %s", n), x->what, n,
			    x->dir);
	} else {
		xfer_remove_files(x);
		snprintf(msg, sizeof msg, _("%s failed%s%s; nothing kept"),
		    x->what, sep, x->progress);
	}
	log_debug("%s: %s", __func__, msg);
	if (x->tmpdir != NULL)
		rmdir(x->tmpdir);
	if (x->arg != NULL)
		x->cb->done(x->arg, msg, x->fin == 2 ? x->strip_o : 0, ok);
	xfer_close_fd(&x->in);
	xfer_close_fd(&x->out);
	xfer_close_fd(&x->err);
	for (pp = &xfers; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == x) {
			*pp = x->next;
			break;
		}
	}
	buf_free(&x->tochild);
	free(x->tmpdir);
	free(x->dir);
	free(x);
}

/*
 * The program has ended. An X/YMODEM transfer that was cancelled ends
 * a little later: what the peer still sends meanwhile is the rest of
 * the protocol, not text (xfer_service() ends it).
 */
static void
xfer_exited(struct xfer *x, int status)
{
	if (x->cancelled != 0 && x->proto != XFER_ZMODEM &&
	    clock_now() < x->cancel_end) {
		x->pid = 0;
		x->reaped = 1;
		x->status = status;
		xfer_close_fd(&x->in);
		xfer_close_fd(&x->out);
		xfer_close_fd(&x->err);
		return;
	}
	xfer_end(x, status);
}

/* A child was reaped: 1 if it was a transfer's. */
int
xfer_reaped(pid_t pid, int status)
{
	struct xfer	*x;
	char		 buf[4096];
	ssize_t		 n;

	for (x = xfers; x != NULL; x = x->next) {
		if (x->pid <= 0 || x->pid != pid)
			continue;
		/* Its last words to the peer first. */
		while (x->out != -1 && (n = read(x->out, buf, sizeof buf)) > 0)
			xfer_output(x, buf, n);
		xfer_exited(x, status);
		return (1);
	}
	return (0);
}

/* The protocols' abort: eight CANs, then as many backspaces. */
static void
xfer_cancel_burst(struct xfer *x)
{
	static const char	abort_seq[] = "\030\030\030\030\030\030\030\030"
	    "\b\b\b\b\b\b\b\b";

	if (x->arg != NULL)
		x->cb->write(x->arg, abort_seq, sizeof abort_seq - 1);
	x->burst_at = clock_now();
	x->bursts++;
	log_debug("%s: %s: cancel %d", __func__, x->what, x->bursts);
}

/*
 * An X/YMODEM receiver reads two CANs as the cancel only where a block
 * starts. One that was inside a block took them as data: it waits for
 * the rest, then asks for the block again (NAK, or C for CRC). One that
 * got the block whole acknowledges it (ACK) and waits for the next.
 * Either way it is told again now.
 */
static void
xfer_cancel_again(struct xfer *x, const char *buf, size_t len)
{
	if (!x->sending || x->bursts >= XFER_CANCEL_BURSTS)
		return;
	if (memchr(buf, 0x15, len) == NULL && memchr(buf, 0x06, len) == NULL &&
	    memchr(buf, 'C', len) == NULL)
		return;
	xfer_cancel_burst(x);
	if (x->cancel_end > x->burst_at + XFER_CANCEL_AFTER)
		x->cancel_end = x->burst_at + XFER_CANCEL_AFTER;
}

/*
 * Cancel the tab's transfer: the peer is told, the program stops. Not by
 * SIGTERM: lrzsz's programs catch it and go on waiting for the line.
 */
void
xfer_cancel(struct xfer *x)
{
	if (x->cancelled != 0)
		return;
	snprintf(x->progress, sizeof x->progress, "%s", _("cancelled"));
	x->cancelled = clock_now();
	x->cancel_end = x->cancelled + (x->sending ? XFER_CANCEL_SEND :
	    XFER_CANCEL_RECV);
	xfer_cancel_burst(x);
	if (x->pid > 0)
		kill(x->pid, SIGKILL);
	else
		xfer_end(x, 1 << 8);	/* waiting for names: no program */
}

/* The tab goes: so does its transfer (reaped later, with no tab). */
void
xfer_forget(struct xfer *x)
{
	x->arg = NULL;
	if (x->pid > 0)
		kill(x->pid, SIGKILL);
	else
		xfer_end(x, 1 << 8);
}

/* The last line the program wrote on stderr, for the status bar. */
static void
xfer_read_err(struct xfer *x)
{
	char	buf[512], *line, *end;
	ssize_t	n;

	n = read(x->err, buf, sizeof buf - 1);
	if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
		xfer_close_fd(&x->err);
		return;
	}
	if (n < 0)
		return;
	/* Progress lines end with CR: the last whole one. */
	while (n > 0 && (buf[n - 1] == '\r' || buf[n - 1] == '\n'))
		n--;
	buf[n] = '\0';
	line = buf;
	for (end = buf; *end != '\0'; end++)
		if (*end == '\r' || *end == '\n')
			line = end + 1;
	if (*line != '\0') {
		char	*clean = text_clean(line, 0);

		snprintf(x->progress, sizeof x->progress, "%s", clean);
		free(clean);
	}
}

/*
 * The program's bytes for the peer. After the peer's ZFIN only rz's
 * answer to it goes (the peer's sz waits for that one); a second one,
 * sent when rz did not see the OO at once, would reach the shell.
 */
static void
xfer_output(struct xfer *x, const char *buf, size_t len)
{
	static const char	 zfin[] = "**\030B08";
	const char		*p, *end = buf + len;

	if (x->arg == NULL || x->rz_fin)
		return;
	if (x->cancelled != 0 && x->proto != XFER_ZMODEM)
		return;		/* a killed program's block: it would go after
				   the cancel */
	if (!x->sending && x->fin == 2 &&
	    (p = memmem(buf, len, zfin, 6)) != NULL) {
		len = xfer_header_end(p, end) - buf;
		x->rz_fin = 1;
		/* rz has emptied its input before it answered: its OO now. */
		if (x->in != -1)
			buf_add(&x->tochild, "OO", 2);
	}
	if (x->sending)
		x->bytes += len;
	x->cb->write(x->arg, buf, len);
}

/* Move bytes both ways for every transfer. */
static void
xfer_pump(struct xfer *x)
{
	char	buf[16384];
	ssize_t	n = 1;	/* (set when out is read) */

	if (x->tochild.len > 0 && x->in != -1) {
		n = write(x->in, x->tochild.data, x->tochild.len);
		if (n > 0) {
			memmove(x->tochild.data, x->tochild.data + n,
			    x->tochild.len - n);
			x->tochild.len -= n;
		} else if (n < 0 && errno != EAGAIN && errno != EINTR)
			xfer_close_fd(&x->in);
	}
	while (x->out != -1 && (n = read(x->out, buf, sizeof buf)) > 0)
		xfer_output(x, buf, n);
	/* At its end a pipe stays readable: it is closed, or the loop
	 * would never wait again (nor take the SIGCHLD). */
	if (x->out != -1 && (n == 0 || (n < 0 && errno != EAGAIN &&
	    errno != EINTR)))
		xfer_close_fd(&x->out);
	if (x->err != -1)
		xfer_read_err(x);
}

static u_int
xfer_count(void)
{
	struct xfer	*x;
	u_int		 n = 0;

	for (x = xfers; x != NULL; x = x->next)
		n += 3;
	return (n);
}

static int
xfer_pollfds(struct pollfd *pfd, int max)
{
	struct xfer	*x;
	int		 n = 0;

	for (x = xfers; x != NULL && n + 3 <= max; x = x->next) {
		if (x->out != -1) {
			pfd[n].fd = x->out;
			pfd[n++].events = POLLIN;
		}
		if (x->err != -1) {
			pfd[n].fd = x->err;
			pfd[n++].events = POLLIN;
		}
		if (x->in != -1 && x->tochild.len > 0) {
			pfd[n].fd = x->in;
			pfd[n++].events = POLLOUT;
		}
	}
	return (n);
}

static double
xfer_deadline(void)
{
	struct xfer	*x;

	for (x = xfers; x != NULL; x = x->next) {
		if (x->reaped)
			return (0.1);	/* a cancel's end */
	}
	/* The status bar's figures move once a second. */
	return (xfers != NULL ? 1.0 : -1);
}

static void
xfer_service(void)
{
	struct xfer	*x, *next;
	int		 status;

	for (x = xfers; x != NULL; x = next) {
		next = x->next;
		if (x->reaped) {
			if (clock_now() >= x->cancel_end)
				xfer_end(x, x->status);
			continue;
		}
		xfer_pump(x);
		/* Both its outputs ended: it has (or is about to). */
		if (x->pid > 0 && x->out == -1 && x->err == -1 &&
		    waitpid(x->pid, &status, WNOHANG) == x->pid)
			xfer_exited(x, status);
	}
}

static const struct source xfer_source = {
	.name = "xfer",
	.count = xfer_count,
	.pollfds = xfer_pollfds,
	.deadline = xfer_deadline,
	.service = xfer_service,
};

static void
xfer_source_init(void)
{
	if (!xfer_ready) {
		source_add(&xfer_source);
		xfer_ready = 1;
	}
}
