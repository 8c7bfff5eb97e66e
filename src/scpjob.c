/*
 * scpjob.c: a transfer by SCP, for servers without SFTP: the server's own
 * scp runs on a channel of the tab's connection (an exec channel, joined
 * to a socketpair by tunnel.c) and this side speaks the old scp protocol
 * to it: records ("C0644 SIZE NAME", "D0755 0 NAME", "E"), each answered
 * by a zero byte, a file's bytes after its record. Nothing waits: the
 * socket is non-blocking and polled with the loop's other sources.
 *
 * Received files are written under a hidden name beside their final one
 * and renamed when whole. A send goes to a hidden name on the server too:
 * a small sh script there runs scp into it and renames it when scp has
 * taken everything (or removes it), and says how it went on its stdout.
 */
#include "config.h"

#include <sys/socket.h>
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

#define SCP_DEPTH	64	/* folders within folders */

/* The server's side of a send (see above): $1 target, $2 name, $3 what
 * to do with a taken name, $4 -r for a folder. */
static const char scpjob_script[] =
	"t=$1 n=$2 pol=$3 r=$4; "
	"if [ -d \"$t\" ]; then f=${t%/}/$n; else f=$t; fi; "
	"if [ -e \"$f\" ]; then case $pol in "
	"skip) echo TTERM-SKIP; exit 0;; "
	"keep) i=1; while [ -e \"$f.$i\" ]; do i=$((i+1)); done; f=$f.$i;; "
	"esac; fi; "
	"d=$(dirname -- \"$f\") b=$(basename -- \"$f\"); p=$d/.$b.tterm-part; "
	"rm -rf -- \"$p\"; "
	"if scp $r -t -- \"$p\"; then "
	"if [ -d \"$p\" ] && [ -d \"$f\" ]; then "
	"cp -R -- \"$p\"/. \"$f\"/ && rm -rf -- \"$p\"; "
	"else mv -f -- \"$p\" \"$f\"; fi && echo TTERM-DONE && exit 0; fi; "
	"rm -rf -- \"$p\"; exit 1";

enum {
	SC_OPENING,		/* the channel opens */
	SC_RECORD,		/* a record (receive) or its answer (send) */
	SC_DATA,		/* a file's bytes */
	SC_DATA_END,		/* the zero byte after them */
	SC_END			/* sent all: the script's last word */
};

struct scp_dir {
	char		*path;		/* here */
	DIR		*d;		/* sending: its entries */
	char		*name;		/* its record's name */
};

struct scpjob {
	const struct scpjob_cb *cb;
	void		*arg;
	struct tunnel	*tun;
	int		 fd;
	int		 put;
	int		 policy;
	int		 state;
	char		*local;		/* receive: where; send: what */
	struct buf	 in, out;
	size_t		 outoff;
	struct scp_dir	 dirs[SCP_DEPTH];
	u_int		 depth;
	/* the current file */
	int		 file;
	char		*tmp, *target;
	uint64_t	 left;
	long		 perm;
	/* sending: what is to be answered, and then what comes next */
	int		 await_data;	/* a file's record waits for its answer */
	int		 sent_eof;	/* 1 begun, 2 all sent, 3 the server
					   has it all; shut: the end sent */
	int		 shut;
	u_int		 files, skipped;
	uint64_t	 done;
	char		*error;
	struct scpjob	*next;
};

static struct scpjob	*scpjobs;
static int		 scpjob_ready;
static void		 scpjob_source_init(void);

/* The command for the server: scp -f, or the script around scp -t. */
static char *
scpjob_command(int put, const char *local, const char *remote, int policy)
{
	static const char	*pols[] = { "replace", "keep", "skip" };
	struct buf		 b;
	struct stat		 sb;
	char			*name;

	memset(&b, 0, sizeof b);
	if (!put) {
		buf_printf(&b, "scp -r -f -- ");
		buf_add_quoted(&b, remote);
		return (buf_take(&b));
	}
	buf_printf(&b, "sh -c ");
	buf_add_quoted(&b, scpjob_script);
	buf_printf(&b, " tterm-scp ");
	buf_add_quoted(&b, *remote != '\0' ? remote : ".");
	buf_add(&b, " ", 1);
	name = xstrndup(path_last(local), strcspn(path_last(local), "/"));
	buf_add_quoted(&b, name);
	free(name);
	buf_printf(&b, " %s %s", pols[policy],
	    stat(local, &sb) == 0 && S_ISDIR(sb.st_mode) ? "-r" : "''");
	return (buf_take(&b));
}

static void
scp_send(struct scpjob *c, const void *p, size_t n)
{
	buf_add(&c->out, p, n);
}

static void
scpjob_fail(struct scpjob *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* The job is over (c->error says how): it goes, the engine's owner hears. */
static void
scpjob_finish(struct scpjob *c)
{
	struct scpjob	**pp;
	u_int		  i;

	if (c->file != -1)
		close(c->file);
	if (c->tmp != NULL && !c->put)
		unlink(c->tmp);
	for (i = 0; i < c->depth; i++) {
		if (c->dirs[i].d != NULL)
			closedir(c->dirs[i].d);
		free(c->dirs[i].path);
		free(c->dirs[i].name);
	}
	for (pp = &scpjobs; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == c) {
			*pp = c->next;
			break;
		}
	}
	tunnel_free(c->tun);	/* the server's scp sees its end */
	if (c->fd != -1)
		close(c->fd);
	if (c->arg != NULL)
		c->cb->done(c->arg, c->error, c->files, c->skipped);
	buf_free(&c->in);
	buf_free(&c->out);
	free(c->tmp);
	free(c->target);
	free(c->local);
	free(c->error);
	free(c);
}

static void
scpjob_fail(struct scpjob *c, const char *fmt, ...)
{
	va_list	ap;

	if (c->error == NULL) {
		va_start(ap, fmt);
		if (vasprintf(&c->error, fmt, ap) == -1)
			c->error = xstrdup(_("failed"));
		va_end(ap);
	}
	scpjob_finish(c);
}

/*
 * Start: the channel is opened by the tab's connection (tun), its stream
 * on the socket fd. put: local to remote. The owner hears through cb.
 */
struct scpjob *
scpjob_start(struct tunnel *(*open)(void *, const char *, char **),
    void *openarg, int put, const char *local, const char *remote,
    int policy, const struct scpjob_cb *cb, void *arg, char **cause)
{
	struct scpjob	*c;
	char		*cmd;

	cmd = scpjob_command(put, local, remote, policy);
	c = xcalloc(1, sizeof *c);
	c->tun = open(openarg, cmd, cause);
	free(cmd);
	if (c->tun == NULL) {
		free(c);
		return (NULL);
	}
	c->fd = tunnel_take_fd(c->tun);
	c->file = -1;
	c->put = put;
	c->policy = policy;
	c->local = xstrdup(*local != '\0' ? local : ".");
	c->cb = cb;
	c->arg = arg;
	c->state = SC_OPENING;
	c->next = scpjobs;
	scpjobs = c;
	scpjob_source_init();
	return (c);
}

/* The owner goes or cancels: the job ends without a word to it. */
void
scpjob_cancel(struct scpjob *c)
{
	c->arg = NULL;
	free(c->error);
	c->error = xstrdup("cancelled");
	scpjob_finish(c);
}

uint64_t
scpjob_done_bytes(const struct scpjob *c)
{
	return (c->done);
}

/* Where a received record's name goes: into the folder being received,
 * or (the first) to what the user named. */
static char *
scp_recv_path(struct scpjob *c, const char *name)
{
	struct stat	sb;

	if (c->depth > 0)
		return (path_join(c->dirs[c->depth - 1].path, name));
	if (stat(c->local, &sb) == 0 && S_ISDIR(sb.st_mode))
		return (path_join(c->local, name));
	return (xstrdup(c->local));
}

/* A file record: the file is made under its hidden name (or, skipped,
 * its bytes go nowhere). */
static int
scp_recv_file(struct scpjob *c, long mode, uint64_t size, const char *name)
{
	char	*t, *base;
	u_int	 i;

	base = scp_recv_path(c, name);
	c->target = xstrdup(base);
	if (access(c->target, F_OK) == 0 && c->policy == SFTPJOB_SKIP) {
		c->skipped++;
		free(c->target);
		c->target = NULL;
	} else {
		for (i = 1; access(c->target, F_OK) == 0 &&
		    c->policy == SFTPJOB_RENAME && i < 1000; i++) {
			xasprintf(&t, "%s.%u", base, i);
			free(c->target);
			c->target = t;
		}
		c->tmp = path_hidden(c->target);
		unlink(c->tmp);
		c->file = open(c->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC,
		    0600);
		if (c->file == -1) {
			free(base);
			scpjob_fail(c, "%s: %s", c->tmp, strerror(errno));
			return (-1);
		}
	}
	free(base);
	c->perm = mode;
	c->left = size;
	c->state = size > 0 ? SC_DATA : SC_DATA_END;
	return (0);
}

/* A folder record: made here, and the next records are in it. */
static int
scp_recv_dir(struct scpjob *c, const char *name)
{
	struct stat	 sb;
	char		*path;

	if (c->depth == SCP_DEPTH) {
		scpjob_fail(c, _("folders too deep"));
		return (-1);
	}
	path = scp_recv_path(c, name);
	if (mkdir(path, 0777) != 0 && (errno != EEXIST ||
	    stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
		scpjob_fail(c, "%s: %s", path, strerror(errno));
		free(path);
		return (-1);
	}
	c->dirs[c->depth++].path = path;
	return (0);
}

/* One record of the server's scp -f, a whole line in line. */
static int
scp_recv_record(struct scpjob *c, char *line)
{
	char			 name[1024];
	unsigned long long	 size;
	unsigned int		 mode;
	char			*clean;

	switch (line[0]) {
	case '\001':
	case '\002':
		clean = text_clean(line + 1, 0);
		if (c->error == NULL)
			c->error = clean;
		else
			free(clean);
		if (line[0] == '\002') {
			scpjob_finish(c);
			return (-1);
		}
		return (0);	/* a warning: scp goes on */
	case 'T':
		break;
	case 'E':
		if (c->depth == 0) {
			scpjob_fail(c, _("the server's scp went wrong"));
			return (-1);
		}
		free(c->dirs[--c->depth].path);
		c->dirs[c->depth].path = NULL;
		break;
	case 'C':
	case 'D':
		if (sscanf(line + 1, "%o %llu %1023[^\n]", &mode, &size,
		    name) != 3 || strchr(name, '/') != NULL ||
		    strcmp(name, "..") == 0 || strcmp(name, ".") == 0) {
			scpjob_fail(c, _("the server's scp sent a bad record"));
			return (-1);
		}
		if (line[0] == 'D' && scp_recv_dir(c, name) != 0)
			return (-1);
		if (line[0] == 'C' && scp_recv_file(c, mode, size, name) != 0)
			return (-1);
		break;
	default:
		scpjob_fail(c, _("the server's scp said what tterm cannot "
		    "read"));
		return (-1);
	}
	scp_send(c, "", 1);
	return (0);
}

/* The received file is whole: it takes its name. */
static int
scp_recv_done(struct scpjob *c)
{
	if (c->file != -1) {
		fchmod(c->file, c->perm & 0777 & ~022);
		if (close(c->file) != 0 || rename(c->tmp, c->target) != 0) {
			c->file = -1;
			scpjob_fail(c, "%s: %s", c->target, strerror(errno));
			return (-1);
		}
		c->file = -1;
		c->files++;
	}
	free(c->tmp);
	free(c->target);
	c->tmp = c->target = NULL;
	c->state = SC_RECORD;
	scp_send(c, "", 1);
	return (0);
}

/* What the server's scp -f sent: records and the files' bytes. */
static int
scp_recv_input(struct scpjob *c)
{
	char	*nl;
	size_t	 n, off = 0;

	while (off < c->in.len) {
		if (c->state == SC_DATA) {
			n = c->in.len - off;
			if (n > c->left)
				n = c->left;
			if (c->file != -1 && write(c->file, c->in.data + off, n) !=
			    (ssize_t)n) {
				scpjob_fail(c, "%s: %s", c->tmp, strerror(errno));
				return (-1);
			}
			off += n;
			c->left -= n;
			c->done += n;
			if (c->left == 0)
				c->state = SC_DATA_END;
			continue;
		}
		if (c->state == SC_DATA_END) {
			if (c->in.data[off++] != '\0') {
				scpjob_fail(c, _("the server's scp failed to "
				    "read a file"));
				return (-1);
			}
			if (scp_recv_done(c) != 0)
				return (-1);
			continue;
		}
		if ((nl = memchr(c->in.data + off, '\n', c->in.len - off)) ==
		    NULL)
			break;
		*nl = '\0';
		if (scp_recv_record(c, c->in.data + off) != 0)
			return (-1);
		off = nl + 1 - c->in.data;
	}
	memmove(c->in.data, c->in.data + off, c->in.len - off);
	c->in.len -= off;
	return (0);
}

/* Sending: the record of what is at path (a file or a folder). */
static int
scp_send_item(struct scpjob *c, const char *path, const char *name)
{
	struct stat	 sb;
	char		*rec;

	if (stat(path, &sb) != 0) {
		scpjob_fail(c, "%s: %s", path, strerror(errno));
		return (-1);
	}
	if (S_ISDIR(sb.st_mode)) {
		if (c->depth == SCP_DEPTH) {
			scpjob_fail(c, _("folders too deep"));
			return (-1);
		}
		if ((c->dirs[c->depth].d = opendir(path)) == NULL) {
			scpjob_fail(c, "%s: %s", path, strerror(errno));
			return (-1);
		}
		c->dirs[c->depth++].path = xstrdup(path);
		xasprintf(&rec, "D%04o 0 %s\n", (u_int)sb.st_mode & 07777, name);
	} else if (S_ISREG(sb.st_mode)) {
		if ((c->file = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
			scpjob_fail(c, "%s: %s", path, strerror(errno));
			return (-1);
		}
		c->left = sb.st_size;
		c->await_data = 1;
		xasprintf(&rec, "C%04o %llu %s\n", (u_int)sb.st_mode & 07777,
		    (unsigned long long)sb.st_size, name);
	} else
		return (0);	/* links, devices: left */
	scp_send(c, rec, strlen(rec));
	free(rec);
	c->state = SC_RECORD;
	return (1);
}

/* Sending: the next thing after an answer: data, an entry, or the end. */
static int
scp_send_next(struct scpjob *c)
{
	struct dirent	*de;
	char		*path;
	int		 r;

	if (c->await_data) {
		c->await_data = 0;
		c->state = SC_DATA;	/* the record was taken: its bytes */
		return (0);
	}
	if (c->file != -1) {
		close(c->file);
		c->file = -1;
		c->files++;
	}
	if (c->sent_eof == 0) {		/* the first: what the user named */
		c->sent_eof = 1;
		if ((r = scp_send_item(c, c->local, path_last(c->local))) != 0)
			return (r < 0 ? -1 : 0);
	}
	while (c->depth > 0) {
		de = readdir(c->dirs[c->depth - 1].d);
		if (de == NULL) {
			closedir(c->dirs[c->depth - 1].d);
			c->dirs[c->depth - 1].d = NULL;
			free(c->dirs[--c->depth].path);
			c->dirs[c->depth].path = NULL;
			scp_send(c, "E\n", 2);
			c->state = SC_RECORD;
			return (0);
		}
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		path = path_join(c->dirs[c->depth - 1].path, de->d_name);
		r = scp_send_item(c, path, de->d_name);
		free(path);
		if (r != 0)
			return (r < 0 ? -1 : 0);
	}
	/* All sent: the server's scp sees the end, the script answers. */
	c->state = SC_END;
	c->sent_eof = 2;
	return (0);
}

/* Sending: what the server said (answers, then the script's word). */
static int
scp_send_input(struct scpjob *c)
{
	char	*nl, *clean;
	size_t	 off = 0;

	while (off < c->in.len) {
		if (c->state == SC_RECORD && c->in.data[off] == '\0') {
			off++;
			if (scp_send_next(c) != 0)
				return (-1);
			continue;
		}
		if ((nl = memchr(c->in.data + off, '\n', c->in.len - off)) ==
		    NULL)
			break;
		*nl = '\0';
		if (strcmp(c->in.data + off, "TTERM-SKIP") == 0)
			c->skipped++;
		else if (strcmp(c->in.data + off, "TTERM-DONE") == 0)
			c->sent_eof = 3;
		else if (c->error == NULL) {
			clean = text_clean(c->in.data + off +
			    (c->in.data[off] == 1 || c->in.data[off] == 2), 0);
			c->error = clean;
		}
		off = nl + 1 - c->in.data;
	}
	memmove(c->in.data, c->in.data + off, c->in.len - off);
	c->in.len -= off;
	return (0);
}

/* Sending a file's bytes, as the socket takes them. */
static int
scp_send_data(struct scpjob *c)
{
	char	buf[32768];
	ssize_t	n;

	while (c->state == SC_DATA && c->out.len - c->outoff < sizeof buf) {
		if (c->left == 0) {
			scp_send(c, "", 1);
			c->state = SC_RECORD;
			break;
		}
		n = read(c->file, buf, c->left < sizeof buf ? c->left :
		    sizeof buf);
		if (n <= 0) {
			scpjob_fail(c, "%s: %s", c->local, n < 0 ?
			    strerror(errno) : _("it shrank"));
			return (-1);
		}
		scp_send(c, buf, n);
		c->left -= n;
		c->done += n;
	}
	return (0);
}

/* The stream ended: how the job went. */
static void
scpjob_eof(struct scpjob *c)
{
	if (c->put && c->sent_eof != 3 && c->skipped == 0 && c->error == NULL)
		c->error = xstrdup(_("the server's scp did not take it all"));
	if (!c->put && (c->depth > 0 || c->state != SC_RECORD) &&
	    c->error == NULL)
		c->error = xstrdup(_("the connection ended before the end"));
	if (!c->put && c->files == 0 && c->skipped == 0 && c->error == NULL)
		c->error = xstrdup(_("nothing came"));
	scpjob_finish(c);
}

/* Write what the socket takes (a send's bytes read as it goes); at the
 * end of a send, the server's scp is shown the end. */
static int
scp_flush(struct scpjob *c)
{
	ssize_t	n;

	if (c->put && c->state == SC_DATA && scp_send_data(c) != 0)
		return (-1);
	while (c->out.len > c->outoff) {
		n = write(c->fd, c->out.data + c->outoff, c->out.len -
		    c->outoff);
		if (n <= 0)
			break;
		c->outoff += n;
	}
	if (c->outoff == c->out.len)
		c->out.len = c->outoff = 0;
	if (c->put && c->sent_eof == 2 && !c->shut && c->out.len == 0) {
		shutdown(c->fd, SHUT_WR);
		c->shut = 1;
	}
	return (0);
}

/* Move the job on; 0 while it goes on (else it has been freed). */
static int
scpjob_step(struct scpjob *c)
{
	const char	*why;
	ssize_t		 n;

	if (c->state == SC_OPENING) {
		switch (tunnel_state(c->tun, &why)) {
		case TUNNEL_FAILED:
			scpjob_fail(c, "scp: %s", why);
			return (-1);
		case TUNNEL_OPENING:
			return (0);
		}
		c->state = SC_RECORD;
		if (!c->put)
			scp_send(c, "", 1);	/* the source may start */
	}
	if (scp_flush(c) != 0)
		return (-1);
	for (;;) {
		buf_reserve(&c->in, 65536);
		n = read(c->fd, c->in.data + c->in.len, 65536);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
			scpjob_eof(c);
			return (-1);
		}
		if (n < 0)
			break;
		c->in.len += n;
		if ((c->put ? scp_send_input(c) : scp_recv_input(c)) != 0)
			return (-1);
		if (c->in.len > 1024 * 1024)
			break;	/* the rest at the next pass */
	}
	return (scp_flush(c));	/* the answers to what came */
}

static u_int
scpjob_count(void)
{
	struct scpjob	*c;
	u_int		 n = 0;

	for (c = scpjobs; c != NULL; c = c->next)
		n++;
	return (n);
}

static int
scpjob_pollfds(struct pollfd *pfd, int max)
{
	struct scpjob	*c;
	int		 n = 0;

	for (c = scpjobs; c != NULL && n < max; c = c->next) {
		if (c->state == SC_OPENING)
			continue;	/* the tunnel says when */
		pfd[n].fd = c->fd;
		pfd[n].events = POLLIN;
		if (c->out.len > c->outoff || c->state == SC_DATA)
			pfd[n].events |= POLLOUT;
		n++;
	}
	return (n);
}

/* While a channel opens, look again soon; else the socket wakes us. */
static double
scpjob_deadline(void)
{
	struct scpjob	*c;

	for (c = scpjobs; c != NULL; c = c->next) {
		if (c->state == SC_OPENING)
			return (0.05);
	}
	return (-1);
}

static void
scpjob_service(void)
{
	struct scpjob	*c, *next;

	for (c = scpjobs; c != NULL; c = next) {
		next = c->next;
		scpjob_step(c);
	}
}

static const struct source scpjob_source = {
	.name = "scp",
	.count = scpjob_count,
	.pollfds = scpjob_pollfds,
	.deadline = scpjob_deadline,
	.service = scpjob_service,
};

static void
scpjob_source_init(void)
{
	if (!scpjob_ready) {
		source_add(&scpjob_source);
		scpjob_ready = 1;
	}
}
