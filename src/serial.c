/*
 * serial.c: the serial-line transport. A tab opens a tty device raw at the
 * given speed and line settings, takes the port exclusively (a UUCP lock
 * file and TIOCEXCL), and survives the adapter being unplugged: it says so
 * and opens the same device again when it comes back, with the same
 * settings.
 *
 * With software flow control tterm handles XON/XOFF itself instead of the
 * driver (no IXON/IXOFF), so that it knows the state: an XOFF from the
 * device stops sending (typed bytes wait in order) and the status bar says
 * so until XON.
 */
#include "config.h"

#include <sys/ioctl.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "tterm.h"

#define SERIAL_RETRY	1.0	/* seconds between looks for the device */
#define SERIAL_LOCKDIR	"/var/lock"
/* Bytes waiting in the driver at which tterm sends XOFF, and XON again. */
#define SERIAL_BACKLOG_HIGH	2048
#define SERIAL_BACKLOG_LOW	256

struct serial {
	struct serial_opts o;
	int		 fd;
	int		 paused;	/* the device sent XOFF */
	int		 held;		/* tterm sent XOFF: catching up */
	int		 gone;		/* unplugged, waiting for it */
	int		 after_cr;	/* CRReceive=AUTO: the last byte was CR */
	int		 binary;	/* a file transfer: bytes as they are */
	double		 retry;
	double		 next_write;	/* pacing for slow bootloaders */
	char		*byid;		/* /dev/serial/by-id name, if any */
	char		*lock;		/* our lock file */
	char		*msg;		/* text for the tab */
	size_t		 msglen;
	char		 status[256];
};

static void	serial_lost(struct serial *, int);

static void
serial_say(struct serial *s, const char *text)
{
	size_t	len = strlen(text);

	s->msg = xreallocarray(s->msg, s->msglen + len, 1);
	memcpy(s->msg + s->msglen, text, len);
	s->msglen += len;
}

static const struct {
	u_int	 rate;
	speed_t	 speed;
} serial_speeds[] = {
	{ 50, B50 }, { 75, B75 }, { 110, B110 }, { 134, B134 },
	{ 150, B150 }, { 200, B200 }, { 300, B300 }, { 600, B600 },
	{ 1200, B1200 }, { 1800, B1800 }, { 2400, B2400 }, { 4800, B4800 },
	{ 9600, B9600 }, { 19200, B19200 }, { 38400, B38400 },
	{ 57600, B57600 }, { 115200, B115200 }, { 230400, B230400 },
#ifdef B460800
	{ 460800, B460800 },
#endif
#ifdef B921600
	{ 921600, B921600 },
#endif
};

/* Parse "8N1" style line settings into o; -1 if malformed. */
int
serial_parse_line(const char *s, struct serial_opts *o)
{
	if (strlen(s) != 3 || s[0] < '5' || s[0] > '8' ||
	    strchr("NEOMSneoms", s[1]) == NULL || (s[2] != '1' && s[2] != '2'))
		return (-1);
	o->databits = s[0] - '0';
	o->parity = s[1] & ~0x20;
	o->stopbits = s[2] - '0';
	return (0);
}

/* The name of the lock file for a device path. */
static char *
serial_lock_path(const char *dev)
{
	const char	*base = strrchr(dev, '/');
	char		*path;

	xasprintf(&path, "%s/LCK..%s", SERIAL_LOCKDIR, base != NULL ?
	    base + 1 : dev);
	return (path);
}

/* The name of the program with pid, for "locked by" messages. */
static void
serial_proc_name(pid_t pid, char *buf, size_t len)
{
	char	 path[64];
	FILE	*f;
	size_t	 n;

	snprintf(buf, len, "?");
	snprintf(path, sizeof path, "/proc/%ld/comm", (long)pid);
	if ((f = fopen(path, "r")) == NULL)
		return;
	n = fread(buf, 1, len - 1, f);
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	fclose(f);
}

/*
 * Take the UUCP lock for dev. A lock of a process that no longer exists
 * is stale and removed. Returns 0, or -1 with a cause naming the owner.
 */
static int
serial_lock(struct serial *s, char **cause)
{
	char	*path = serial_lock_path(s->o.path), buf[32], name[64];
	int	 fd, n;
	long	 pid;

	for (;;) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd != -1)
			break;
		if (errno != EEXIST) {
			/* No lock directory we may write: TIOCEXCL only. */
			log_debug("%s: %s: %s", __func__, path,
			    strerror(errno));
			free(path);
			return (0);
		}
		if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
			continue;
		n = read(fd, buf, sizeof buf - 1);
		close(fd);
		buf[n > 0 ? n : 0] = '\0';
		pid = strtol(buf, NULL, 10);
		if (pid > 0 && pid != getpid() &&
		    (kill(pid, 0) == 0 || errno != ESRCH)) {
			serial_proc_name(pid, name, sizeof name);
			xasprintf(cause, _("%s busy: locked by PID %ld (%s)"),
			    s->o.path, pid, name);
			free(path);
			return (-1);
		}
		log_debug("%s: removing stale lock %s (pid %ld)", __func__,
		    path, pid);
		unlink(path);
	}
	n = snprintf(buf, sizeof buf, "%10ld\n", (long)getpid());
	if (write(fd, buf, n) != n)
		log_debug("%s: write %s failed", __func__, path);
	close(fd);
	s->lock = path;
	return (0);
}

static void
serial_unlock(struct serial *s)
{
	if (s->lock != NULL) {
		unlink(s->lock);
		free(s->lock);
		s->lock = NULL;
	}
}

/* Set the line's speed, framing and flow control on fd. */
static int
serial_termios(int fd, const struct serial_opts *o, char **cause)
{
	struct termios	 t;
	speed_t		 speed = 0;
	u_int		 i, got = 0;
	int		 custom;

	for (i = 0; i < sizeof serial_speeds / sizeof serial_speeds[0]; i++) {
		if (serial_speeds[i].rate == o->speed)
			speed = serial_speeds[i].speed;
	}
	custom = speed == 0;
	if (custom)
		speed = B38400;		/* then the real one, below */
	if (tcgetattr(fd, &t) != 0) {
		xasprintf(cause, _("%s: not a terminal: %s"), o->path,
		    strerror(errno));
		return (-1);
	}
	cfmakeraw(&t);
	t.c_cflag |= CLOCAL | CREAD;
	t.c_cflag &= ~(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS);
#ifdef CMSPAR
	t.c_cflag &= ~CMSPAR;
#endif
	t.c_cflag |= o->databits == 5 ? CS5 : o->databits == 6 ? CS6 :
	    o->databits == 7 ? CS7 : CS8;
	if (o->parity != 'N')
		t.c_cflag |= PARENB;
	if (o->parity == 'O' || o->parity == 'M')
		t.c_cflag |= PARODD;
#ifdef CMSPAR
	if (o->parity == 'M' || o->parity == 'S')
		t.c_cflag |= CMSPAR;
#endif
	if (o->stopbits == 2)
		t.c_cflag |= CSTOPB;
	if (o->flow == SERIAL_FLOW_RTSCTS)
		t.c_cflag |= CRTSCTS;
	/* XON/XOFF is tterm's own: the driver must pass the bytes on. */
	t.c_iflag &= ~(IXON | IXOFF | IXANY);
	t.c_cc[VMIN] = 1;
	t.c_cc[VTIME] = 0;
	cfsetispeed(&t, speed);
	cfsetospeed(&t, speed);
	if (tcsetattr(fd, TCSANOW, &t) != 0) {
		xasprintf(cause, _("%s: cannot set %u %d%c%d: %s"), o->path,
		    o->speed, o->databits, o->parity, o->stopbits,
		    strerror(errno));
		return (-1);
	}
	if (custom && (serial_custom_speed(fd, o->speed, &got) != 0 ||
	    got != o->speed)) {
		xasprintf(cause, _("%s: the driver cannot do %u bits per"
		    " second"), o->path, o->speed);
		return (-1);
	}
	return (0);
}

/* Open and set up the device; -1 with a cause. */
static int
serial_setup(struct serial *s, char **cause)
{
	int	fd;

	fd = open(s->o.path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
	if (fd == -1 && errno == EBUSY) {
		xasprintf(cause, _("%s busy: another program holds it"
		    " exclusively"), s->o.path);
		return (-1);
	}
	if (fd == -1) {
		xasprintf(cause, "%s: %s", s->o.path, strerror(errno));
		return (-1);
	}
	if (ioctl(fd, TIOCEXCL) != 0 && errno != ENOTTY)
		log_debug("%s: TIOCEXCL: %s", __func__, strerror(errno));
	if (serial_termios(fd, &s->o, cause) != 0) {
		close(fd);
		return (-1);
	}
	s->fd = fd;
	s->paused = 0;
	return (0);
}

/*
 * New line settings for an open port (the settings form): speed and
 * framing go to the driver at once, the rest is tterm's own. The device
 * stays the same. On failure the old settings are put back.
 */
static int
serial_reconfigure(struct transport *tr, const struct serial_opts *o,
    char **cause)
{
	struct serial		*s = tr->data;
	struct serial_opts	 was;
	char			*ignore = NULL;

	if (s == NULL) {
		xasprintf(cause, _("the port is closed"));
		return (-1);
	}
	was = s->o;
	s->o = *o;
	s->o.path = was.path;
	if (s->fd != -1 && serial_termios(s->fd, &s->o, cause) != 0) {
		s->o = was;
		if (serial_termios(s->fd, &s->o, &ignore) != 0)
			free(ignore);
		return (-1);
	}
	if (s->o.flow != SERIAL_FLOW_XONXOFF)
		s->paused = 0;
	return (0);
}

/* The stable /dev/serial/by-id name of a device, for replugging. */
static char *
serial_byid(const char *path)
{
	char		 real[PATH_MAX], other[PATH_MAX], *p;
	DIR		*d;
	struct dirent	*de;
	char		*found = NULL;

	if (realpath(path, real) == NULL)
		return (NULL);
	if ((d = opendir("/dev/serial/by-id")) == NULL)
		return (NULL);
	while (found == NULL && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		xasprintf(&p, "/dev/serial/by-id/%s", de->d_name);
		if (realpath(p, other) != NULL && strcmp(other, real) == 0 &&
		    strcmp(p, path) != 0)
			found = p;
		else
			free(p);
	}
	closedir(d);
	return (found);
}

/* Open a serial tab's device. */
int
serial_open(struct transport *tr, const struct serial_opts *o, char **cause)
{
	struct serial	*s;
	char		 line[256];

	s = xcalloc(1, sizeof *s);
	s->o = *o;
	s->o.path = xstrdup(o->path);
	s->fd = -1;
	if (serial_lock(s, cause) != 0 || (serial_setup(s, cause) != 0 &&
	    (!o->wait_missing || access(o->path, F_OK) == 0))) {
		serial_unlock(s);
		free(s->o.path);
		free(s);
		return (-1);
	}
	s->byid = serial_byid(o->path);
	memset(tr, 0, sizeof *tr);
	tr->ops = &serial_ops;
	tr->data = s;
	if (s->fd == -1) {	/* not there: wait as after an unplug */
		free(*cause);
		*cause = NULL;
		serial_lost(s, ENOENT);
		return (0);
	}
	snprintf(line, sizeof line, _("Opened %s at %u %d%c%d, flow control"
	    " %s."), o->path, o->speed, o->databits, o->parity,
	    o->stopbits, o->flow == SERIAL_FLOW_XONXOFF ? "XON/XOFF" :
	    o->flow == SERIAL_FLOW_RTSCTS ? "RTS/CTS" : _("none"));
	serial_say(s, line);
	serial_say(s, "\r\n");
	return (0);
}

/* Whether tr is a serial port waiting for its device to come back. */
int
serial_gone(const struct transport *tr)
{
	const struct serial	*s = tr->data;

	return (tr->ops == &serial_ops && s != NULL && s->gone);
}

/* The device went away: keep the tab, look for it again every second. */
static void
serial_lost(struct serial *s, int err)
{
	char	line[256];

	if (s->fd != -1)
		close(s->fd);
	s->fd = -1;
	s->gone = 1;
	s->paused = 0;
	s->retry = clock_now() + SERIAL_RETRY;
	snprintf(line, sizeof line, _("[%s: device disconnected (%s),"
	    " waiting for it to come back]"), s->o.path, strerror(err));
	serial_say(s, "\r\n");
	serial_say(s, line);
	serial_say(s, "\r\n");
	log_debug("serial %s: lost: %s", s->o.path, strerror(err));
}

static void
serial_service(struct transport *tr, const struct pollfd *pfd, int n)
{
	struct serial	*s = tr->data;
	char		*cause = NULL, line[256];

	if (s == NULL || !s->gone || clock_now() < s->retry)
		return;
	/* An adapter may come back under another ttyUSB number. */
	if (s->byid != NULL && access(s->byid, F_OK) == 0) {
		char	real[PATH_MAX];

		if (realpath(s->byid, real) != NULL &&
		    strcmp(real, s->o.path) != 0) {
			free(s->o.path);
			s->o.path = xstrdup(real);
		}
	}
	if (serial_setup(s, &cause) != 0) {
		free(cause);
		s->retry = clock_now() + SERIAL_RETRY;
		return;
	}
	s->gone = 0;
	snprintf(line, sizeof line, _("[%s: device back, reopened at"
	    " %u]"), s->o.path, s->o.speed);
	serial_say(s, line);
	serial_say(s, "\r\n");
}

static int
serial_pollfds(struct transport *tr, struct pollfd *pfd, int max,
    int want_write)
{
	struct serial	*s = tr->data;

	if (s == NULL || s->fd == -1 || max < 1)
		return (0);
	pfd->fd = s->fd;
	pfd->events = POLLIN | (want_write && !s->paused &&
	    clock_now() >= s->next_write ? POLLOUT : 0);
	pfd->revents = 0;
	return (1);
}

/*
 * tterm's own side of XON/XOFF: when what the device sends piles up in
 * the driver faster than the tab takes it (a hidden tab is read a slice
 * at a time; a USB CDC device floods at full speed), send XOFF, and XON
 * once the backlog has drained.
 */
static void
serial_backlog(struct serial *s)
{
	int	q;
	char	c;

	if (ioctl(s->fd, TIOCINQ, &q) == -1)
		return;
	if (!s->held && q >= SERIAL_BACKLOG_HIGH)
		c = 0x13;
	else if (s->held && q <= SERIAL_BACKLOG_LOW)
		c = 0x11;
	else
		return;
	if (write(s->fd, &c, 1) != 1)
		return;			/* tried again after the next read */
	s->held = c == 0x13;
	log_debug("serial %s: %s with %d bytes waiting", s->o.path,
	    s->held ? "XOFF" : "XON", q);
}

/*
 * Received newlines as Tera Term's CRReceive says: CR leaves them alone,
 * CRLF makes each CR a CR LF, LF makes each LF a CR LF, AUTO makes a lone
 * CR or a lone LF a CR LF (a CR at the end of one read and an LF at the
 * start of the next are one pair). buf has room for twice n bytes.
 */
static ssize_t
serial_recv_nl(struct serial *s, char *buf, ssize_t n)
{
	ssize_t	i, j, extra = 0;
	int	mode = s->o.recv_nl;
	char	c;

	if (mode == SERIAL_NL_CR)
		return (n);
	if (mode == PROF_NL_AUTO) {
		/* Compact first (a skipped LF), then expand from the end. */
		for (i = j = 0; i < n; i++) {
			c = buf[i];
			if (c == '\n' && s->after_cr) {
				s->after_cr = 0;
				continue;
			}
			s->after_cr = c == '\r';
			buf[j++] = c == '\n' ? '\r' : c;
		}
		n = j;
		mode = SERIAL_NL_CRLF;
	}
	for (i = 0; i < n; i++)
		extra += buf[i] == (mode == SERIAL_NL_LF ? '\n' : '\r');
	for (i = n - 1, j = n + extra - 1; i >= 0; i--) {
		if (mode == SERIAL_NL_LF && buf[i] == '\n') {
			buf[j--] = '\n';
			buf[j--] = '\r';
			continue;
		}
		if (mode != SERIAL_NL_LF && buf[i] == '\r')
			buf[j--] = '\n';
		buf[j--] = buf[i];
	}
	return (n + extra);
}

/* Take XON/XOFF out of what the device sent, noting the state. */
static size_t
serial_flow(struct serial *s, char *buf, size_t len)
{
	size_t	i, j = 0;

	for (i = 0; i < len; i++) {
		if (buf[i] == 0x13 || buf[i] == 0x11) {
			s->paused = buf[i] == 0x13;
			continue;
		}
		buf[j++] = buf[i];
	}
	return (j);
}

static ssize_t
serial_read(struct transport *tr, char *buf, size_t len)
{
	struct serial	*s = tr->data;
	ssize_t		 n;

	if (s == NULL)
		return (-1);
	if (s->msglen > 0) {
		n = len < s->msglen ? len : s->msglen;
		memcpy(buf, s->msg, n);
		memmove(s->msg, s->msg + n, s->msglen - n);
		s->msglen -= n;
		return (n);
	}
	if (s->fd == -1)
		return (0);
	n = read(s->fd, buf, len / 2);	/* room to expand CR to CRLF */
	if (n > 0) {
		if (s->o.flow == SERIAL_FLOW_XONXOFF) {
			n = serial_flow(s, buf, n);
			serial_backlog(s);
		}
		return (s->binary ? n : serial_recv_nl(s, buf, n));
	}
	if (n == -1 && (errno == EAGAIN || errno == EINTR)) {
		if (s->o.flow == SERIAL_FLOW_XONXOFF)
			serial_backlog(s);
		return (0);
	}
	serial_lost(s, n == 0 ? EIO : errno);
	return (serial_read(tr, buf, len));	/* the message */
}

/* A file transfer's bytes: all that the line takes now, unchanged. */
static ssize_t
serial_write_binary(struct serial *s, const char *buf, size_t len)
{
	ssize_t	n;

	n = write(s->fd, buf, len);
	if (n >= 0)
		return (n);
	if (errno != EAGAIN && errno != EINTR)
		serial_lost(s, errno);
	return (0);
}

/*
 * Send typed bytes: Enter as the line wants it (Tera Term's CRSend), one
 * character at a time when a delay is set (slow bootloaders overrun on a
 * paste otherwise). Returns how many of the caller's bytes were taken.
 */
static ssize_t
serial_write(struct transport *tr, const char *buf, size_t len)
{
	struct serial	*s = tr->data;
	char		 out[2], echo[2];
	size_t		 i, n = 0;
	double		 now = clock_now();
	int		 one;

	if (s == NULL || s->fd == -1 || s->paused)
		return (0);	/* kept in order until the device is back */
	if (s->binary)
		return (serial_write_binary(s, buf, len));
	if (now < s->next_write)
		return (0);
	one = s->o.char_delay > 0 || s->o.line_delay > 0;
	for (i = 0; i < len; i++) {
		out[0] = buf[i];
		n = 1;
		if (buf[i] == '\r' && s->o.send_nl == SERIAL_NL_CRLF) {
			out[1] = '\n';
			n = 2;
		} else if (buf[i] == '\r' && s->o.send_nl == SERIAL_NL_LF)
			out[0] = '\n';
		if (write(s->fd, out, n) != (ssize_t)n) {
			if (errno == EAGAIN || errno == EINTR)
				break;
			serial_lost(s, errno);
			break;
		}
		if (s->o.local_echo) {
			memcpy(echo, out, n);
			if (n == 1 && echo[0] == '\r') {
				echo[1] = '\n';
				n = 2;
			}
			s->msg = xreallocarray(s->msg, s->msglen + n, 1);
			memcpy(s->msg + s->msglen, echo, n);
			s->msglen += n;
		}
		if (one) {
			s->next_write = now + (buf[i] == '\r' &&
			    s->o.line_delay > 0 ? s->o.line_delay :
			    s->o.char_delay) / 1000.0;
			return (1);
		}
	}
	return (i);
}

static void
serial_resize(struct transport *tr, u_int rows, u_int cols)
{
}

static double
serial_deadline(struct transport *tr)
{
	struct serial	*s = tr->data;
	double		 t;

	if (s == NULL)
		return (-1);
	if (s->gone)
		t = s->retry - clock_now();
	else if (s->next_write != 0 && tr->tab != NULL &&
	    tr->tab->outlen > 0)
		t = s->next_write - clock_now();	/* paced typing */
	else
		return (-1);
	return (t < 0 ? 0 : t);
}

/* Append the modem lines that are on, where the device reports them
 * (USB adapters and UARTs do; a pty does not). */
static void
serial_modem(struct serial *s, char *buf, size_t len)
{
	int	bits;
	size_t	n = strlen(buf);

	if (s->fd == -1 || ioctl(s->fd, TIOCMGET, &bits) != 0)
		return;
	snprintf(buf + n, len - n, " [%s%s%s%s%s]",
	    (bits & TIOCM_DTR) ? "DTR " : "", (bits & TIOCM_RTS) ? "RTS " : "",
	    (bits & TIOCM_CTS) ? "CTS " : "", (bits & TIOCM_DSR) ? "DSR " : "",
	    (bits & TIOCM_CD) ? "CD" : "");
}

static const char *
serial_status(struct transport *tr)
{
	struct serial	*s = tr->data;

	if (s == NULL)
		return ("serial");
	if (s->gone)
		snprintf(s->status, sizeof s->status, "serial %s: %s",
		    s->o.path, _("DEVICE DISCONNECTED, waiting for it"));
	else if (s->paused)
		snprintf(s->status, sizeof s->status, "serial %s %u: %s",
		    s->o.path, s->o.speed,
		    _("PAUSED BY DEVICE (XOFF), typing waits"));
	else if (s->held)
		snprintf(s->status, sizeof s->status, "serial %s %u: %s",
		    s->o.path, s->o.speed, _("tterm sent XOFF to catch up"));
	else {
		snprintf(s->status, sizeof s->status, "serial %s %u %d%c%d",
		    s->o.path, s->o.speed, s->o.databits, s->o.parity,
		    s->o.stopbits);
		serial_modem(s, s->status, sizeof s->status);
	}
	return (s->status);
}

/*
 * A file transfer runs (on) or has ended: its bytes pass unchanged, with
 * no newline conversion, echo or delays; flow control stays as it is.
 */
static void
serial_binary(struct transport *tr, int on)
{
	struct serial	*s = tr->data;

	if (s != NULL) {
		s->binary = on;
		s->after_cr = 0;
		s->next_write = 0;
	}
}

/* Whether Ctrl+S and Ctrl+Q mean flow control on this line. */
/* Without XON/XOFF on the line, Ctrl+S and Ctrl+Q are the user's bytes. */
static int
serial_raw_flow_keys(const struct transport *tr)
{
	const struct serial	*s = tr->data;

	return (s == NULL || s->o.flow != SERIAL_FLOW_XONXOFF);
}

/* Flip DTR (TIOCM_DTR) or RTS; say the new state in buf. */
static int
serial_toggle(struct transport *tr, int line, char *buf, size_t len)
{
	struct serial	*s = tr->data;
	int		 bits;

	if (s == NULL || s->fd == -1 || ioctl(s->fd, TIOCMGET, &bits) != 0) {
		snprintf(buf, len, _("%s not changed: this line does not"
		    " report modem lines"), line == TIOCM_DTR ? "DTR" : "RTS");
		return (-1);
	}
	bits ^= line;
	if (ioctl(s->fd, TIOCMSET, &bits) != 0) {
		snprintf(buf, len, _("cannot set modem lines: %s"),
		    strerror(errno));
		return (-1);
	}
	snprintf(buf, len, (bits & line) ? _("%s on") : _("%s off"),
	    line == TIOCM_DTR ? "DTR" : "RTS");
	return (0);
}

/* The modem lines as the device reports them (TIOCM_* bits). */
static int
serial_modem_lines(struct transport *tr)
{
	struct serial	*s = tr->data;
	int		 bits;

	if (s == NULL || s->fd == -1 || ioctl(s->fd, TIOCMGET, &bits) != 0)
		return (-1);
	return (bits);
}

/* Send a BREAK. */
static int
serial_break(struct transport *tr, char *buf, size_t len)
{
	struct serial	*s = tr->data;

	if (s == NULL || s->fd == -1 || tcsendbreak(s->fd, 0) != 0) {
		snprintf(buf, len, _("BREAK failed"));
		return (-1);
	}
	snprintf(buf, len, _("BREAK sent"));
	return (0);
}

static void
serial_close(struct transport *tr)
{
	struct serial	*s = tr->data;

	if (s == NULL)
		return;
	if (s->fd != -1)
		close(s->fd);
	serial_unlock(s);
	free(s->o.path);
	free(s->byid);
	free(s->msg);
	free(s);
	tr->data = NULL;
}

/* Text for the tab (a local echo, a message) is there without new bytes. */
static int
serial_pending(struct transport *tr)
{
	const struct serial	*s = tr->data;

	return (s != NULL && s->msglen > 0);
}

const struct transport_ops serial_ops = {
	.name = "serial",
	.pollfds = serial_pollfds,
	.service = serial_service,
	.read = serial_read,
	.write = serial_write,
	.resize = serial_resize,
	.deadline = serial_deadline,
	.status = serial_status,
	.close = serial_close,
	.send_break = serial_break,
	.modem = serial_toggle,
	.reconfigure = serial_reconfigure,
	.raw_flow_keys = serial_raw_flow_keys,
	.binary = serial_binary,
	.pending = serial_pending,
	.modem_lines = serial_modem_lines,
};
