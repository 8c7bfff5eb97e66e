/*
 * recvfile.c: Tera Term's "Receive file" (the macro command recvfile):
 * what the peer sends goes into a file unchanged, no character set, no
 * newline conversion, nothing to the screen, until the peer has been
 * quiet for the auto-stop time (or, with none, until it is stopped). A
 * source of its own wakes the loop when that time is up.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

struct recvfile {
	const struct recvfile_cb *cb;
	void		*arg;
	int		 fd;
	char		*path;
	double		 quiet;		/* seconds of silence that end it */
	double		 last;		/* when bytes last came */
	uint64_t	 bytes;
	int		 failed;
	char		 status[320];
	struct recvfile	*next;
};

static struct recvfile	*recvfiles;
static int		 recvfile_ready;
static void		 recvfile_source_init(void);

/* Start writing what comes into path; quiet <= 0: no auto-stop. */
struct recvfile *
recvfile_start(const char *path, double quiet, const struct recvfile_cb *cb,
    void *arg, char **cause)
{
	struct recvfile	*r;
	int		 fd;

	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd == -1) {
		xasprintf(cause, "%s: %s", path, strerror(errno));
		return (NULL);
	}
	r = xcalloc(1, sizeof *r);
	r->cb = cb;
	r->arg = arg;
	r->fd = fd;
	r->path = xstrdup(path);
	r->quiet = quiet;
	r->last = clock_now();
	r->next = recvfiles;
	recvfiles = r;
	recvfile_source_init();
	return (r);
}

/* The peer's bytes, as they came. */
void
recvfile_input(struct recvfile *r, const char *buf, size_t len)
{
	ssize_t	n;

	r->last = clock_now();
	while (len > 0 && !r->failed) {
		if ((n = write(r->fd, buf, len)) <= 0) {
			if (n < 0 && errno == EINTR)
				continue;
			r->failed = 1;	/* said at the end */
			break;
		}
		buf += n;
		len -= n;
		r->bytes += n;
	}
}

/* It ends: stopped 1 when the peer fell quiet (result 1), else 0. The
 * owner hears of it unless it is the one stopping it (arg NULL). */
static void
recvfile_end(struct recvfile *r, int stopped)
{
	struct recvfile	**pp;
	char		  msg[512];
	int		  bad = r->failed || close(r->fd) != 0;

	snprintf(msg, sizeof msg, bad ?
	    _("Receive file %s: %llu bytes, not all written") : stopped ?
	    _("Receive file %s: %llu bytes, the peer fell quiet") :
	    _("Receive file %s: %llu bytes, stopped"), r->path,
	    (unsigned long long)r->bytes);
	if (r->failed)
		close(r->fd);
	for (pp = &recvfiles; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == r) {
			*pp = r->next;
			break;
		}
	}
	if (r->arg != NULL)
		r->cb->done(r->arg, stopped && !bad, msg);
	free(r->path);
	free(r);
}

/* Stop it now (the tab goes, or connects again). */
void
recvfile_stop(struct recvfile *r, int tell)
{
	if (!tell)
		r->arg = NULL;
	recvfile_end(r, 0);
}

const char *
recvfile_status(struct recvfile *r)
{
	snprintf(r->status, sizeof r->status, _("Receive file %s: %llu KiB"),
	    r->path, (unsigned long long)(r->bytes / 1024));
	return (r->status);
}

static u_int
recvfile_count(void)
{
	return (0);
}

static int
recvfile_pollfds(struct pollfd *pfd, int max)
{
	(void)pfd;
	(void)max;
	return (0);
}

/* When the quietest of them ends, and once a second for the status. */
static double
recvfile_deadline(void)
{
	struct recvfile	*r;
	double		 w = -1, d, now = clock_now();

	for (r = recvfiles; r != NULL; r = r->next) {
		d = r->quiet > 0 ? r->last + r->quiet - now : 1;
		if (d > 1)
			d = 1;
		if (d < 0)
			d = 0;
		if (w < 0 || d < w)
			w = d;
	}
	return (w);
}

static void
recvfile_service(void)
{
	struct recvfile	*r, *next;
	double		 now = clock_now();

	for (r = recvfiles; r != NULL; r = next) {
		next = r->next;
		if (r->quiet > 0 && now >= r->last + r->quiet)
			recvfile_end(r, 1);
	}
}

static const struct source recvfile_source = {
	.name = "recvfile",
	.count = recvfile_count,
	.pollfds = recvfile_pollfds,
	.deadline = recvfile_deadline,
	.service = recvfile_service,
};

static void
recvfile_source_init(void)
{
	if (!recvfile_ready) {
		source_add(&recvfile_source);
		recvfile_ready = 1;
	}
}
