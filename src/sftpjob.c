/*
 * sftpjob.c: one file transfer of an SSH tab, a file or a whole folder,
 * either way, over the tab's SFTP session (sftpc.c). Many reads or writes
 * of a file are in flight at once, as OpenSSH's sftp does. A file arrives
 * under a hidden name beside its final one and is renamed only when all
 * of it is there, so a broken or cancelled transfer leaves no half file
 * under the final name, here or on the server.
 *
 * Everything is driven by the session's replies: each callback moves the
 * job on (sftpjob_run()). A job that has ended waits for the replies
 * still owed to it before it is freed.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

#define SJ_CHUNK	32768	/* bytes per read or write request */
#define SJ_INFLIGHT	64	/* requests of a file in flight */

enum {
	SJ_IDLE,		/* next item, or done */
	SJ_STAT,		/* where things are and what they are */
	SJ_TARGET,		/* a free name for "keep both" */
	SJ_OPEN,
	SJ_DATA,		/* moving the file's bytes */
	SJ_CLOSE,
	SJ_RENAME,
	SJ_LIST,		/* reading a remote folder */
	SJ_SCP,			/* scp does it (no SFTP on the server) */
	SJ_ENDED
};

struct sj_item {
	char		*src, *dst;
	int		 dir;		/* a folder */
	int		 top;		/* what the user named */
	struct sj_item	*next;
};

struct sftpjob {
	struct sftpc	*s;
	const struct sftpjob_cb *cb;
	void		*arg;		/* NULL once the tab has let go */
	int		 put;
	int		 policy;
	int		 state;
	u_int		 owed;		/* replies still to come */
	struct sj_item	*items, **tail;
	struct sj_item	*cur;
	/* the current file */
	int		 fd;		/* the local file */
	char		*tmp;		/* its hidden name (here or there) */
	char		*target;	/* its final name */
	char		 handle[256];
	size_t		 hlen;
	uint64_t	 size, next_off, acked;
	int		 eof;
	u_int		 inflight;
	long		 perm;
	u_int		 try;		/* "keep both": name.N */
	/* the whole job */
	u_int		 files, skipped;	/* skipped: the name was taken */
	u_int		 others;	/* not files or folders: left */
	uint64_t	 total, done;
	double		 started;
	char		*error;
	struct scpjob	*scp;
	char		 what[128];
	char		 status[256];
};

struct sj_req {
	struct sftpjob	*j;
	uint64_t	 off;
	uint32_t	 len;
};

static void	sftpjob_run(struct sftpjob *);
static void	sj_free(void *);
static void	sftpjob_end(struct sftpjob *);
static void	sftpjob_next_file(struct sftpjob *);

static void
sj_add(struct sftpjob *j, char *src, char *dst, int dir, int top)
{
	struct sj_item	*it = xcalloc(1, sizeof *it);

	it->src = src;
	it->dst = dst;
	it->dir = dir;
	it->top = top;
	*j->tail = it;
	j->tail = &it->next;
}

static void
sj_item_free(struct sj_item *it)
{
	if (it == NULL)
		return;
	free(it->src);
	free(it->dst);
	free(it);
}

/* What the job is, for its messages: "SFTP send NAME" (proto SFTP or
 * SCP), NAME the last part of what the user named. */
static void
sj_what(struct sftpjob *j, const char *proto)
{
	const struct sj_item	*it = j->cur != NULL ? j->cur : j->items;
	const char		*name = path_last(it->src);

	/* TRANSLATORS: SFTP or SCP, then the name of what moves. */
	snprintf(j->what, sizeof j->what, j->put ? _("%s send %.*s") :
	    _("%s receive %.*s"), proto, (int)strcspn(name, "/"), name);
}

static struct sj_req *
sj_req(struct sftpjob *j, uint64_t off, uint32_t len)
{
	struct sj_req	*r = xmalloc(sizeof *r);

	r->j = j;
	r->off = off;
	r->len = len;
	j->owed++;
	return (r);
}

/*
 * A reply came: the job it is for, or NULL if that job has ended (the
 * reply is then dropped, and the job freed with its last one).
 */
static struct sftpjob *
sj_reply(struct sj_req *r)
{
	struct sftpjob	*j = r->j;

	j->owed--;
	if (j->state == SJ_ENDED) {
		if (j->owed == 0 && j->arg == NULL)
			sftpc_later(j->s, sj_free, j);
		return (NULL);
	}
	return (j);
}

/* An ended job, once no reply is owed and no call of its is running. */
static void
sj_free(void *arg)
{
	struct sftpjob	*j = arg;

	free(j->error);
	free(j);
}

/* A reply of a request that carried nothing but its job. */
static struct sftpjob *
sj_take(void *arg)
{
	struct sftpjob	*j = sj_reply(arg);

	free(arg);
	return (j);
}

static void
sj_status_error(struct sftpjob *j, const char *what,
    const struct sftp_reply *r)
{
	const char	*why;
	char		*msg = NULL;

	if (j->error != NULL)
		return;
	if (r->type == 0 && r->msg != NULL)
		why = r->msg;	/* the session's own reason */
	else if (r->type == SSH_FXP_STATUS && r->msglen > 0 &&
	    r->status != SSH_FX_FAILURE) {
		xasprintf(&msg, "%.*s", (int)r->msglen, r->msg);
		why = msg;
	} else
		why = sftpm_status_text(r->type == SSH_FXP_STATUS ?
		    r->status : SSH_FX_FAILURE);
	xasprintf(&j->error, "%s: %s", what, why);
	free(msg);
}

/*
 * Whether r is not the reply wanted (a STATUS wanted means OK): then the
 * job ends, saying what went wrong with what.
 */
static int
sj_failed(struct sftpjob *j, const struct sftp_reply *r, u_int want,
    const char *what)
{
	if (r->type == want && (want != SSH_FXP_STATUS ||
	    r->status == SSH_FX_OK))
		return (0);
	sj_status_error(j, what, r);
	sftpjob_end(j);
	return (1);
}

/* The current file's local side goes (a half file with it). */
static void
sj_file_clear(struct sftpjob *j, int keep)
{
	if (j->fd != -1)
		close(j->fd);
	j->fd = -1;
	if (!j->put && j->tmp != NULL && !keep)
		unlink(j->tmp);
	free(j->tmp);
	free(j->target);
	j->tmp = j->target = NULL;
	j->hlen = 0;
	j->inflight = 0;
	j->eof = 0;
	j->size = j->next_off = j->acked = 0;
	j->try = 0;
}

static void
sj_ignore(void *arg, const struct sftp_reply *r)
{
	(void)r;
	sj_reply(arg);
	free(arg);
}

/* How the job went, in a line for the tab. */
static void
sj_end_message(struct sftpjob *j, struct buf *b, double secs)
{
	if (j->error != NULL) {
		buf_printf(b, ngettext("%s failed: %s (%u file done)",
		    "%s failed: %s (%u files done)", j->files), j->what,
		    j->error, j->files);
		return;
	}
	buf_printf(b, ngettext("%s: %u file, %llu KiB in %.2f s",
	    "%s: %u files, %llu KiB in %.2f s", j->files), j->what, j->files,
	    (unsigned long long)(j->done / 1024), secs);
	if (j->skipped > 0)
		buf_printf(b, _(", %u skipped: name taken"), j->skipped);
	if (j->others > 0)
		buf_printf(b, _(", %u left: not a file or folder"), j->others);
}

/*
 * The job ends, well or not: the tab hears how. A remote half file is
 * closed and removed (the replies are waited for, then dropped).
 */
static void
sftpjob_end(struct sftpjob *j)
{
	struct buf	 msg = { 0 };
	double		 secs = clock_now() - j->started;

	if (j->put && j->tmp != NULL && sftpc_failed(j->s) == NULL) {
		if (j->hlen > 0)
			sftpc_handle(j->s, SSH_FXP_CLOSE, j->handle, j->hlen,
			    sj_ignore, sj_req(j, 0, 0));
		sftpc_path(j->s, SSH_FXP_REMOVE, j->tmp, sj_ignore,
		    sj_req(j, 0, 0));
	} else if (!j->put && j->hlen > 0 && sftpc_failed(j->s) == NULL)
		sftpc_handle(j->s, SSH_FXP_CLOSE, j->handle, j->hlen,
		    sj_ignore, sj_req(j, 0, 0));
	sj_file_clear(j, 0);
	sj_item_free(j->cur);
	j->cur = NULL;
	while (j->items != NULL) {
		struct sj_item	*it = j->items;

		j->items = it->next;
		sj_item_free(it);
	}
	j->state = SJ_ENDED;
	sj_end_message(j, &msg, secs);
	log_debug("%s", msg.data);
	if (j->arg != NULL)
		j->cb->done(j->arg, j, j->error == NULL, msg.data);
	buf_free(&msg);
	j->arg = NULL;
	/* Freed later: callers up the stack may still look at it. */
	if (j->owed == 0)
		sftpc_later(j->s, sj_free, j);
}

static void
sj_fail(struct sftpjob *j, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static void
sj_fail(struct sftpjob *j, const char *fmt, ...)
{
	va_list	ap;

	if (j->error == NULL) {
		va_start(ap, fmt);
		if (vasprintf(&j->error, fmt, ap) == -1)
			j->error = NULL;
		va_end(ap);
	}
	sftpjob_end(j);
}

/* The current file has all its bytes: it takes its final name. */
static void
sj_get_done(struct sftpjob *j)
{
	mode_t	mask = umask(022);

	umask(mask);
	if (j->perm >= 0)
		fchmod(j->fd, (j->perm & 0777) & ~mask);
	if (close(j->fd) != 0) {
		j->fd = -1;
		sj_fail(j, "%s: %s", j->target, strerror(errno));
		return;
	}
	j->fd = -1;
	if (rename(j->tmp, j->target) != 0) {
		sj_fail(j, "%s: %s", j->target, strerror(errno));
		return;
	}
	j->files++;
	sftpc_handle(j->s, SSH_FXP_CLOSE, j->handle, j->hlen, sj_ignore,
	    sj_req(j, 0, 0));
	sj_file_clear(j, 1);
	j->state = SJ_IDLE;
}

static void	sj_get_data(void *, const struct sftp_reply *);

/* Keep SJ_INFLIGHT reads in flight until the end of the file is seen. */
static void
sj_get_reads(struct sftpjob *j)
{
	while (!j->eof && j->inflight < SJ_INFLIGHT) {
		sftpc_read(j->s, j->handle, j->hlen, j->next_off, SJ_CHUNK,
		    sj_get_data, sj_req(j, j->next_off, SJ_CHUNK));
		if (j->state != SJ_DATA)
			return;		/* the session failed meanwhile */
		j->next_off += SJ_CHUNK;
		j->inflight++;
	}
	if (j->eof && j->inflight == 0)
		sj_get_done(j);
}

static void
sj_get_data(void *arg, const struct sftp_reply *r)
{
	struct sj_req	*q = arg;
	struct sftpjob	*j = sj_reply(q);
	ssize_t		 n;

	if (j == NULL || j->state != SJ_DATA)
		goto out;
	j->inflight--;
	if (r->type == SSH_FXP_DATA && r->len > 0 && r->len <= q->len) {
		n = pwrite(j->fd, r->data, r->len, q->off);
		if (n != (ssize_t)r->len) {
			sj_fail(j, "%s: %s", j->target, n < 0 ?
			    strerror(errno) : _("disk full"));
			goto out;
		}
		j->done += r->len;
		if (r->len < q->len) {	/* a short read: the rest again */
			sftpc_read(j->s, j->handle, j->hlen, q->off + r->len,
			    q->len - r->len, sj_get_data,
			    sj_req(j, q->off + r->len, q->len - r->len));
			if (j->state == SJ_DATA)
				j->inflight++;
		}
	} else if (r->type == SSH_FXP_STATUS && r->status == SSH_FX_EOF)
		j->eof = 1;
	else {
		sj_status_error(j, j->cur->src, r);
		sftpjob_end(j);
		goto out;
	}
	if (j->state == SJ_DATA)
		sj_get_reads(j);
	sftpjob_run(j);
out:
	free(q);
}

static void
sj_handle(struct sftpjob *j, const struct sftp_reply *r)
{
	j->hlen = r->len < sizeof j->handle ? r->len : sizeof j->handle;
	memcpy(j->handle, r->data, j->hlen);
}

static void
sj_get_open(void *arg, const struct sftp_reply *r)
{
	struct sftpjob	*j = sj_take(arg);

	if (j == NULL)
		return;
	if (sj_failed(j, r, SSH_FXP_HANDLE, j->cur->src))
		return;
	sj_handle(j, r);
	j->state = SJ_DATA;
	sj_get_reads(j);
	sftpjob_run(j);
}

/* Whether a name is free here, for "keep both". */
static int
sj_local_exists(const char *path)
{
	struct stat	sb;

	return (lstat(path, &sb) == 0);
}

/* A remote file to fetch: its local name decided, the download starts. */
static void
sj_get_file(struct sftpjob *j, const struct sftp_attrs *a)
{
	char	*t;
	u_int	 i;

	j->target = xstrdup(j->cur->dst);
	if (sj_local_exists(j->target)) {
		if (j->policy == SFTPJOB_SKIP) {
			j->skipped++;
			sj_file_clear(j, 1);
			j->state = SJ_IDLE;
			return;
		}
		for (i = 1; j->policy == SFTPJOB_RENAME && i < 1000; i++) {
			xasprintf(&t, "%s.%u", j->cur->dst, i);
			free(j->target);
			j->target = t;
			if (!sj_local_exists(t))
				break;
		}
	}
	j->tmp = path_hidden(j->target);
	unlink(j->tmp);		/* what a crash left */
	j->fd = open(j->tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (j->fd == -1) {
		sj_fail(j, "%s: %s", j->tmp, strerror(errno));
		return;
	}
	j->perm = (a->flags & SSH_FILEXFER_ATTR_PERMISSIONS) ? (long)a->perm :
	    -1;
	if (a->flags & SSH_FILEXFER_ATTR_SIZE)
		j->total += a->size;
	j->state = SJ_OPEN;
	sftpc_open(j->s, j->cur->src, SSH_FXF_READ, -1, sj_get_open,
	    sj_req(j, 0, 0));
}

static void	sj_list_next(void *, const struct sftp_reply *);

/* A remote folder's entries become items; the end of it, the next. */
static void
sj_list_next(void *arg, const struct sftp_reply *r)
{
	struct sftpjob	*j = sj_take(arg);
	const char	*name;
	uint32_t	 type;
	u_int		 i;

	if (j == NULL)
		return;
	if (r->type == SSH_FXP_STATUS && r->status == SSH_FX_EOF) {
		sftpc_handle(j->s, SSH_FXP_CLOSE, j->handle, j->hlen,
		    sj_ignore, sj_req(j, 0, 0));
		j->hlen = 0;
		j->state = SJ_IDLE;
		sftpjob_run(j);
		return;
	}
	if (r->type == SSH_FXP_HANDLE) {	/* the folder is open */
		sj_handle(j, r);
	} else if (r->type == SSH_FXP_NAME) {
		for (i = 0; i < r->nnames; i++) {
			name = r->names[i].name;
			if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0 ||
			    strchr(name, '/') != NULL)
				continue;
			type = r->names[i].a.perm & S_IFMT;
			if (type != S_IFDIR && type != S_IFREG) {
				j->others++;	/* links, devices */
				continue;
			}
			sj_add(j, path_join(j->cur->src, name),
			    path_join(j->cur->dst, name), type == S_IFDIR, 0);
		}
	} else {
		sj_status_error(j, j->cur->src, r);
		sftpjob_end(j);
		return;
	}
	sftpc_handle(j->s, SSH_FXP_READDIR, j->handle, j->hlen, sj_list_next,
	    sj_req(j, 0, 0));
}

/* A remote folder to fetch: made here, then its entries. */
static void
sj_get_dir(struct sftpjob *j)
{
	struct stat	sb;

	if (mkdir(j->cur->dst, 0777) != 0 && (errno != EEXIST ||
	    stat(j->cur->dst, &sb) != 0 || !S_ISDIR(sb.st_mode))) {
		sj_fail(j, "%s: %s", j->cur->dst, strerror(errno));
		return;
	}
	j->state = SJ_LIST;
	sftpc_path(j->s, SSH_FXP_OPENDIR, j->cur->src, sj_list_next,
	    sj_req(j, 0, 0));
}

static void
sj_scp_done(void *arg, const char *error, u_int files, u_int skipped)
{
	struct sftpjob	*j = arg;

	j->done = scpjob_done_bytes(j->scp);
	j->scp = NULL;
	j->files = files;
	j->skipped = skipped;
	if (error != NULL && j->error == NULL)
		j->error = xstrdup(error);
	sftpjob_end(j);
}

static const struct scpjob_cb sj_scp_cb = { sj_scp_done };

/*
 * The server has no SFTP: scp does the job, as Tera Term's SCP does
 * (1 if it started; else the job goes on failing).
 */
static int
sj_scp(struct sftpjob *j, const struct sftp_reply *r)
{
	char	*cause = NULL;

	if (r->type != 0 || !sftpc_no_sftp(j->s) || j->cb->exec == NULL ||
	    j->arg == NULL)
		return (0);
	j->scp = scpjob_start(j->cb->exec, j->arg, j->put, j->put ?
	    j->cur->src : j->cur->dst, j->put ? j->cur->dst : j->cur->src,
	    j->policy, &sj_scp_cb, j, &cause);
	if (j->scp == NULL) {
		sj_fail(j, "scp: %s", cause);
		free(cause);
		return (1);
	}
	sj_what(j, "SCP");
	j->state = SJ_SCP;
	return (1);
}

/* What the remote path is: a file or a folder, and where it goes here. */
static void
sj_get_stat(void *arg, const struct sftp_reply *r)
{
	struct sftpjob	*j = sj_take(arg);
	struct stat	 sb;
	char		*dst;

	if (j == NULL || sj_scp(j, r))
		return;
	if (sj_failed(j, r, SSH_FXP_ATTRS, j->cur->src))
		return;
	/* Into a local folder that exists: under the remote name. */
	if (j->cur->top && stat(j->cur->dst, &sb) == 0 &&
	    S_ISDIR(sb.st_mode)) {
		dst = path_join(j->cur->dst, path_last(j->cur->src));
		free(j->cur->dst);
		j->cur->dst = dst;
	}
	if ((r->attrs.perm & S_IFMT) == S_IFDIR)
		sj_get_dir(j);
	else if ((r->attrs.perm & S_IFMT) == S_IFREG ||
	    (r->attrs.flags & SSH_FILEXFER_ATTR_PERMISSIONS) == 0)
		sj_get_file(j, &r->attrs);
	else {
		j->others++;
		j->state = SJ_IDLE;
	}
	sftpjob_run(j);
}

static void	sj_put_data(void *, const struct sftp_reply *);

static void
sj_put_renamed(void *arg, const struct sftp_reply *r)
{
	struct sftpjob	*j = sj_take(arg);

	if (j == NULL)
		return;
	if (sj_failed(j, r, SSH_FXP_STATUS, j->target))
		return;
	j->files++;
	free(j->tmp);
	j->tmp = NULL;		/* it has its name: not to be removed */
	sj_file_clear(j, 1);
	j->state = SJ_IDLE;
	sftpjob_run(j);
}

static void
sj_put_closed(void *arg, const struct sftp_reply *r)
{
	struct sftpjob	*j = sj_take(arg);

	if (j == NULL)
		return;
	j->hlen = 0;
	if (sj_failed(j, r, SSH_FXP_STATUS, j->target))
		return;
	j->state = SJ_RENAME;
	sftpc_rename(j->s, j->tmp, j->target, sj_put_renamed,
	    sj_req(j, 0, 0));
}

/* Keep writes in flight while the session takes them. */
static void
sj_put_writes(struct sftpjob *j)
{
	char	 buf[SJ_CHUNK];
	ssize_t	 n;

	while (j->next_off < j->size && j->inflight < SJ_INFLIGHT &&
	    !sftpc_busy(j->s)) {
		n = pread(j->fd, buf, sizeof buf, j->next_off);
		if (n < 0) {
			sj_fail(j, "%s: %s", j->cur->src, strerror(errno));
			return;
		}
		if (n == 0) {	/* it shrank while it was sent */
			j->size = j->next_off;
			break;
		}
		sftpc_write(j->s, j->handle, j->hlen, j->next_off, buf, n,
		    sj_put_data, sj_req(j, j->next_off, n));
		if (j->state != SJ_DATA)
			return;
		j->next_off += n;
		j->inflight++;
	}
	if (j->inflight == 0 && j->next_off >= j->size) {
		j->state = SJ_CLOSE;
		sftpc_handle(j->s, SSH_FXP_CLOSE, j->handle, j->hlen,
		    sj_put_closed, sj_req(j, 0, 0));
	}
}

static void
sj_put_data(void *arg, const struct sftp_reply *r)
{
	struct sj_req	*q = arg;
	struct sftpjob	*j = sj_reply(q);

	if (j == NULL || j->state != SJ_DATA)
		goto out;
	j->inflight--;
	if (r->type != SSH_FXP_STATUS || r->status != SSH_FX_OK) {
		sj_status_error(j, j->target, r);
		sftpjob_end(j);
		goto out;
	}
	j->acked += q->len;
	j->done += q->len;
	sj_put_writes(j);
out:
	free(q);
}

static void
sj_put_open(void *arg, const struct sftp_reply *r)
{
	struct sftpjob	*j = sj_take(arg);

	if (j == NULL)
		return;
	if (r->type != SSH_FXP_HANDLE) {
		sj_status_error(j, j->tmp, r);
		free(j->tmp);	/* it was not made */
		j->tmp = NULL;
		sftpjob_end(j);
		return;
	}
	sj_handle(j, r);
	j->state = SJ_DATA;
	sj_put_writes(j);
}

/* The remote name is decided: send the file under its hidden name. */
static void
sj_put_start(struct sftpjob *j)
{
	struct stat	sb;

	if (fstat(j->fd, &sb) != 0) {
		sj_fail(j, "%s: %s", j->cur->src, strerror(errno));
		return;
	}
	j->size = sb.st_size;
	j->total += j->size;
	j->tmp = path_hidden(j->target);
	j->state = SJ_OPEN;
	sftpc_open(j->s, j->tmp, SSH_FXF_WRITE | SSH_FXF_CREAT |
	    SSH_FXF_TRUNC, sb.st_mode & 0777, sj_put_open, sj_req(j, 0, 0));
}

/* Is the remote name taken? Skip, try name.N, or replace it. */
static void
sj_put_target(void *arg, const struct sftp_reply *r)
{
	struct sftpjob	*j = sj_take(arg);

	if (j == NULL)
		return;
	if (r->type == SSH_FXP_ATTRS && j->policy != SFTPJOB_OVERWRITE) {
		if (j->policy == SFTPJOB_SKIP || ++j->try >= 1000) {
			j->skipped++;
			sj_file_clear(j, 1);
			j->state = SJ_IDLE;
			sftpjob_run(j);
			return;
		}
		free(j->target);
		xasprintf(&j->target, "%s.%u", j->cur->dst, j->try);
		sftpc_path(j->s, SSH_FXP_LSTAT, j->target, sj_put_target,
		    sj_req(j, 0, 0));
		return;
	}
	sj_put_start(j);
}

static void
sj_put_mkdir(void *arg, const struct sftp_reply *r)
{
	struct sftpjob	*j = sj_take(arg);
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	char		*src;

	if (j == NULL)
		return;
	/* A folder that is there already is fine (its STAT said so). */
	if (r->type != SSH_FXP_STATUS || (r->status != SSH_FX_OK &&
	    r->status != SSH_FX_FAILURE)) {
		sj_status_error(j, j->cur->dst, r);
		sftpjob_end(j);
		return;
	}
	if ((d = opendir(j->cur->src)) == NULL) {
		sj_fail(j, "%s: %s", j->cur->src, strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		src = path_join(j->cur->src, de->d_name);
		if (lstat(src, &sb) != 0 || (!S_ISDIR(sb.st_mode) &&
		    !S_ISREG(sb.st_mode))) {
			j->others++;
			free(src);
			continue;
		}
		sj_add(j, src, path_join(j->cur->dst, de->d_name),
		    S_ISDIR(sb.st_mode), 0);
	}
	closedir(d);
	j->state = SJ_IDLE;
	sftpjob_run(j);
}

/* Where the local file or folder goes there, then on with it. */
static void
sj_put_stat(void *arg, const struct sftp_reply *r)
{
	struct sftpjob	*j = sj_take(arg);
	char		*dst;

	if (j == NULL || sj_scp(j, r))
		return;
	if (j->cur->top && r->type == SSH_FXP_ATTRS &&
	    (r->attrs.perm & S_IFMT) == S_IFDIR) {
		dst = path_join(j->cur->dst, path_last(j->cur->src));
		free(j->cur->dst);
		j->cur->dst = dst;
	}
	if (j->cur->dir) {
		j->state = SJ_LIST;
		sftpc_mkdir(j->s, j->cur->dst, 0777, sj_put_mkdir,
		    sj_req(j, 0, 0));
		return;
	}
	j->fd = open(j->cur->src, O_RDONLY | O_CLOEXEC);
	if (j->fd == -1) {
		sj_fail(j, "%s: %s", j->cur->src, strerror(errno));
		return;
	}
	j->target = xstrdup(j->cur->dst);
	j->state = SJ_TARGET;
	sftpc_path(j->s, SSH_FXP_LSTAT, j->target, sj_put_target,
	    sj_req(j, 0, 0));
}

/* The next item, or the end of the job. */
static void
sftpjob_next_file(struct sftpjob *j)
{
	struct sj_item	*it;

	sj_item_free(j->cur);
	j->cur = NULL;
	if ((it = j->items) == NULL) {
		sftpjob_end(j);
		return;
	}
	j->items = it->next;
	if (j->items == NULL)
		j->tail = &j->items;
	j->cur = it;
	j->state = SJ_STAT;
	if (j->put && !it->top) {
		/* Its name there is known: straight on. */
		struct sftp_reply	r;

		memset(&r, 0, sizeof r);
		sj_put_stat(sj_req(j, 0, 0), &r);
		return;
	}
	sftpc_path(j->s, SSH_FXP_STAT, j->put ? it->dst : it->src,
	    j->put ? sj_put_stat : sj_get_stat, sj_req(j, 0, 0));
}

/* Move on while the job is between things. */
static void
sftpjob_run(struct sftpjob *j)
{
	while (j->state == SJ_IDLE)
		sftpjob_next_file(j);
}

/*
 * Start moving local (put) to remote, or remote to local: a file or a
 * folder, into a folder that exists or to a name. The tab hears the end
 * through cb with arg.
 */
struct sftpjob *
sftpjob_start(struct sftpc *s, int put, const char *local,
    const char *remote, int policy, const struct sftpjob_cb *cb, void *arg,
    char **cause)
{
	struct sftpjob	*j;
	struct stat	 sb;

	if (*remote == '\0')
		remote = ".";
	if (*local == '\0')
		local = ".";
	if (put && stat(local, &sb) != 0) {
		xasprintf(cause, "%s: %s", local, strerror(errno));
		return (NULL);
	}
	j = xcalloc(1, sizeof *j);
	j->s = s;
	j->cb = cb;
	j->arg = arg;
	j->put = put;
	j->policy = policy;
	j->fd = -1;
	j->perm = -1;
	j->tail = &j->items;
	j->started = clock_now();
	if (put)
		sj_add(j, xstrdup(local), xstrdup(remote), S_ISDIR(sb.st_mode),
		    1);
	else
		sj_add(j, xstrdup(remote), xstrdup(local), 0, 1);
	sj_what(j, "SFTP");
	j->state = SJ_IDLE;
	sftpjob_run(j);
	return (j);
}

/* The user cancels: nothing half done is left, the tab hears of it. */
void
sftpjob_cancel(struct sftpjob *j)
{
	if (j->state == SJ_ENDED)
		return;
	if (j->scp != NULL) {
		j->done = scpjob_done_bytes(j->scp);
		scpjob_cancel(j->scp);
		j->scp = NULL;
	}
	free(j->error);
	j->error = xstrdup(_("cancelled"));
	sftpjob_end(j);
}

/* The tab goes: the job ends without a word to it. */
void
sftpjob_forget(struct sftpjob *j)
{
	j->arg = NULL;
	if (j->scp != NULL) {
		scpjob_cancel(j->scp);
		j->scp = NULL;
	}
	if (j->state != SJ_ENDED) {
		free(j->error);
		j->error = xstrdup("cancelled");
		sftpjob_end(j);
	}
}

/* A short line for the status bar: name, share done, rate, time left. */
const char *
sftpjob_status(struct sftpjob *j)
{
	double	secs = clock_now() - j->started, rate;
	char	left[32] = "", *p;

	if (j->scp != NULL)
		j->done = scpjob_done_bytes(j->scp);
	rate = secs > 0.2 ? j->done / secs : 0;
	if (j->total > j->done && rate > 0)
		snprintf(left, sizeof left, _(" %.0f s left"),
		    (j->total - j->done) / rate + 0.5);
	if (j->total > 0)
		snprintf(j->status, sizeof j->status, j->put ?
		    _("put %s %u%% %.1f MiB/s%s") :
		    _("get %s %u%% %.1f MiB/s%s"), j->cur != NULL ?
		    path_last(j->cur->src) : "", (u_int)(j->done * 100 /
		    j->total), rate / 1048576, left);
	else if (j->done > 0)
		snprintf(j->status, sizeof j->status, "%s %.1f MiB %.1f MiB/s",
		    j->what, j->done / 1048576.0, rate / 1048576);
	else
		snprintf(j->status, sizeof j->status, _("%s starting"),
		    j->what);
	/* Names come from the server: no control characters on the bar. */
	for (p = j->status; *p != '\0'; p++) {
		if ((u_char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	}
	return (j->status);
}
