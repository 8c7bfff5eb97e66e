/*
 * sftpc.c: an SFTP client session on a channel of an SSH tab's own
 * connection (the "sftp" subsystem), so that files move without a second
 * login and through the same jump hosts.
 *
 * libssh 0.10 has an SFTP client, but each of its calls waits inside for
 * the server's reply (ssh_channel_read with no timeout), which would stop
 * every tab for as long as a slow server takes; its asynchronous calls
 * came with 0.11. So tterm speaks the protocol (sftp-msg.c) on a libssh
 * channel itself, like the shell's channel: requests are queued with a
 * callback and written as the channel's window allows, replies are read
 * whenever the connection has news, and nothing waits. Many requests are
 * in flight at once, which is what makes a transfer fast.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "ssh-int.h"

#define SFTPC_PACKET_MAX (256 * 1024 + 1024)	/* OpenSSH's limit */
#define SFTPC_READ_PASS	(4 * 1024 * 1024)	/* bytes read per pass */

enum {
	SF_CHANNEL,		/* opening the channel */
	SF_SUBSYSTEM,		/* asking for "sftp" */
	SF_VERSION,		/* INIT sent, waiting for VERSION */
	SF_READY,
	SF_FAILED
};

struct sftpc_req {
	uint32_t	id;
	sftpc_cb	cb;
	void	       *arg;
};

/* A call for the next pass (sftpc_later()). */
struct sftpc_later {
	void		(*fn)(void *);
	void		*arg;
	struct sftpc_later *next;
};

struct sftpc {
	struct sshc	*c;
	ssh_channel	 ch;
	int		 step;
	char		*cause;		/* why it failed */
	double		 deadline;	/* for the server's answers */
	struct buf	 out;		/* to write, from outoff */
	size_t		 outoff;
	struct buf	 held;		/* requests made before VERSION */
	struct buf	 in;		/* read, not yet a whole packet */
	uint32_t	 next_id;
	struct sftpc_req *reqs;		/* waiting for their replies */
	u_int		 nreqs, sreqs;
	int		 posix_rename;	/* posix-rename@openssh.com */
	int		 kick;		/* new work: step at the next pass */
	int		 no_sftp;	/* the server has no such subsystem */
	struct sftpc_later *later;	/* calls for the next pass */
	struct sftpc	*next;
};

static struct sftpc	*sftpc_list;
static int		 sftpc_hooked;
static void		 sftpc_hook(void);

/* A session on c's connection, opened from the next pass on. */
struct sftpc *
sftpc_new(struct sshc *c)
{
	struct sftpc	*s = xcalloc(1, sizeof *s);
	size_t		 at;

	s->c = c;
	s->step = SF_CHANNEL;
	s->deadline = clock_now() + c->server_timeout;
	s->next_id = 1;
	s->kick = 1;
	at = sftpm_begin(&s->out, SSH_FXP_INIT, 0);
	sftpm_put32(&s->out, 3);
	sftpm_end(&s->out, at);
	s->next = sftpc_list;
	sftpc_list = s;
	sftpc_hook();
	return (s);
}

/*
 * The session has ended: its requests hear of it at the next pass (never
 * inside a call that makes one, so a job is not ended under its own feet).
 */
static void
sftpc_fail(struct sftpc *s, const char *why)
{
	if (s->step == SF_FAILED)
		return;
	log_debug("sftp %s: %s", s->c->host, why);
	s->step = SF_FAILED;
	s->cause = xstrdup(why);
	s->kick = 1;
}

/* Every request still waiting hears that the session has ended. */
static void
sftpc_fail_reqs(struct sftpc *s)
{
	struct sftp_reply	 r;
	struct sftpc_req	*reqs = s->reqs;
	u_int			 i, n = s->nreqs;

	s->reqs = NULL;
	s->nreqs = s->sreqs = 0;
	memset(&r, 0, sizeof r);
	r.status = SSH_FX_CONNECTION_LOST;
	r.msg = s->cause;
	r.msglen = strlen(s->cause);
	for (i = 0; i < n; i++)
		reqs[i].cb(reqs[i].arg, &r);
	free(reqs);
}

/*
 * Call fn(arg) at the next pass (or when the session goes), outside the
 * callbacks: a job that has ended frees itself so, not under its own
 * callers.
 */
void
sftpc_later(struct sftpc *s, void (*fn)(void *), void *arg)
{
	struct sftpc_later	*l = xmalloc(sizeof *l);

	l->fn = fn;
	l->arg = arg;
	l->next = s->later;
	s->later = l;
	s->kick = 1;
}

static void
sftpc_run_later(struct sftpc *s)
{
	struct sftpc_later	*l;

	while ((l = s->later) != NULL) {
		s->later = l->next;
		l->fn(l->arg);
		free(l);
	}
}

/* The session goes, with its channel; waiting requests are told. */
void
sftpc_free(struct sftpc *s)
{
	struct sftpc	**pp;

	if (s == NULL)
		return;
	sftpc_fail(s, _("the session was closed"));
	while (s->nreqs > 0)	/* (a callback may make another) */
		sftpc_fail_reqs(s);
	sftpc_run_later(s);
	for (pp = &sftpc_list; *pp != NULL; pp = &(*pp)->next) {
		if (*pp == s) {
			*pp = s->next;
			break;
		}
	}
	if (s->ch != NULL) {
		if (ssh_is_connected(s->c->s) && !ssh_channel_is_closed(s->ch))
			ssh_channel_close(s->ch);
		ssh_channel_free(s->ch);
	}
	buf_free(&s->out);
	buf_free(&s->held);
	buf_free(&s->in);
	free(s->reqs);
	free(s->cause);
	free(s);
}

/* Why the session cannot be used, or NULL. */
const char *
sftpc_failed(struct sftpc *s)
{
	return (s->step == SF_FAILED ? s->cause : NULL);
}

/* Whether the server said it has no SFTP (scp may do instead). */
int
sftpc_no_sftp(struct sftpc *s)
{
	return (s->no_sftp);
}

int
sftpc_ready(struct sftpc *s)
{
	return (s->step == SF_READY);
}

/* Whether its requests wait to be written: hold back more for now. */
int
sftpc_busy(struct sftpc *s)
{
	return (s->out.len - s->outoff + s->held.len > 1024 * 1024);
}

/* A new request of type: its id, and where it starts in the queue. */
static size_t
sftpc_begin(struct sftpc *s, u_int type, sftpc_cb cb, void *arg,
    struct buf **b)
{
	struct sftpc_req	*r;

	*b = s->step == SF_READY ? &s->out : &s->held;
	s->kick = 1;
	if (s->nreqs == s->sreqs) {
		s->sreqs = s->sreqs == 0 ? 64 : s->sreqs * 2;
		s->reqs = xreallocarray(s->reqs, s->sreqs, sizeof *s->reqs);
	}
	r = &s->reqs[s->nreqs++];
	r->id = s->next_id++;
	r->cb = cb;
	r->arg = arg;
	return (sftpm_begin(*b, type, r->id));
}

/* A request is whole: its id. On a failed session it is not written;
 * its callback hears why at the next pass. */
static u_int
sftpc_end(struct sftpc *s, struct buf *b, size_t at)
{
	sftpm_end(b, at);
	if (s->step == SF_FAILED)
		b->len = at;
	return (s->reqs[s->nreqs - 1].id);
}

/* A request with one path: REALPATH, STAT, LSTAT, OPENDIR, REMOVE. */
u_int
sftpc_path(struct sftpc *s, u_int type, const char *path, sftpc_cb cb,
    void *arg)
{
	struct buf	*b;
	size_t		 at = sftpc_begin(s, type, cb, arg, &b);

	sftpm_putstr(b, path, strlen(path));
	return (sftpc_end(s, b, at));
}

/* OPEN with SSH_FXF_* flags and, creating, permissions (or -1). */
u_int
sftpc_open(struct sftpc *s, const char *path, uint32_t flags, long perm,
    sftpc_cb cb, void *arg)
{
	struct buf	*b;
	size_t		 at = sftpc_begin(s, SSH_FXP_OPEN, cb, arg, &b);

	sftpm_putstr(b, path, strlen(path));
	sftpm_put32(b, flags);
	sftpm_putattrs(b, perm);
	return (sftpc_end(s, b, at));
}

/* A request with one handle: CLOSE, READDIR, FSTAT. */
u_int
sftpc_handle(struct sftpc *s, u_int type, const char *h, size_t hlen,
    sftpc_cb cb, void *arg)
{
	struct buf	*b;
	size_t		 at = sftpc_begin(s, type, cb, arg, &b);

	sftpm_putstr(b, h, hlen);
	return (sftpc_end(s, b, at));
}

u_int
sftpc_read(struct sftpc *s, const char *h, size_t hlen, uint64_t off,
    uint32_t len, sftpc_cb cb, void *arg)
{
	struct buf	*b;
	size_t		 at = sftpc_begin(s, SSH_FXP_READ, cb, arg, &b);

	sftpm_putstr(b, h, hlen);
	sftpm_put64(b, off);
	sftpm_put32(b, len);
	return (sftpc_end(s, b, at));
}

u_int
sftpc_write(struct sftpc *s, const char *h, size_t hlen, uint64_t off,
    const char *data, size_t len, sftpc_cb cb, void *arg)
{
	struct buf	*b;
	size_t		 at = sftpc_begin(s, SSH_FXP_WRITE, cb, arg, &b);

	sftpm_putstr(b, h, hlen);
	sftpm_put64(b, off);
	sftpm_putstr(b, data, len);
	return (sftpc_end(s, b, at));
}

u_int
sftpc_mkdir(struct sftpc *s, const char *path, long perm, sftpc_cb cb,
    void *arg)
{
	struct buf	*b;
	size_t		 at = sftpc_begin(s, SSH_FXP_MKDIR, cb, arg, &b);

	sftpm_putstr(b, path, strlen(path));
	sftpm_putattrs(b, perm);
	return (sftpc_end(s, b, at));
}

/*
 * Rename, replacing what is there when the server can (OpenSSH's
 * posix-rename, as sftp's rename does); plain RENAME fails on a name
 * that exists.
 */
u_int
sftpc_rename(struct sftpc *s, const char *from, const char *to, sftpc_cb cb,
    void *arg)
{
	static const char	 ext[] = "posix-rename@openssh.com";
	struct buf		*b;
	size_t			 at;

	if (s->posix_rename) {
		at = sftpc_begin(s, SSH_FXP_EXTENDED, cb, arg, &b);
		sftpm_putstr(b, ext, sizeof ext - 1);
	} else
		at = sftpc_begin(s, SSH_FXP_RENAME, cb, arg, &b);
	sftpm_putstr(b, from, strlen(from));
	sftpm_putstr(b, to, strlen(to));
	return (sftpc_end(s, b, at));
}

/* Open the channel and ask for the subsystem. */
static int
sftpc_open_channel(struct sftpc *s)
{
	int	rc;

	if (s->ch == NULL && (s->ch = ssh_channel_new(s->c->s)) == NULL) {
		sftpc_fail(s, _("cannot make a channel"));
		return (0);
	}
	if (s->step == SF_CHANNEL) {
		if ((rc = ssh_channel_open_session(s->ch)) == SSH_AGAIN)
			return (0);
		if (rc != SSH_OK) {
			sftpc_fail(s, _("the server refused a channel"));
			return (0);
		}
		s->step = SF_SUBSYSTEM;
	}
	if ((rc = ssh_channel_request_subsystem(s->ch, "sftp")) == SSH_AGAIN)
		return (0);
	if (rc != SSH_OK) {
		s->no_sftp = 1;
		sftpc_fail(s, _("the server has no SFTP"));
		return (0);
	}
	s->step = SF_VERSION;
	return (1);
}

/* The reply to request id goes to its callback. */
static void
sftpc_dispatch(struct sftpc *s, uint32_t id, const struct sftp_reply *r)
{
	struct sftpc_req	req;
	u_int			i;

	for (i = 0; i < s->nreqs; i++) {
		if (s->reqs[i].id == id)
			break;
	}
	if (i == s->nreqs) {
		log_debug("sftp %s: a reply to no request (%u)", s->c->host,
		    id);
		return;
	}
	req = s->reqs[i];
	memmove(&s->reqs[i], &s->reqs[i + 1],
	    (s->nreqs - i - 1) * sizeof *s->reqs);
	s->nreqs--;
	req.cb(req.arg, r);
}

/* The server's VERSION: the requests held back can go. */
static void
sftpc_version(struct sftpc *s, const struct sftp_reply *r)
{
	s->posix_rename = sftpm_has_extension(r,
	    "posix-rename@openssh.com");
	s->step = SF_READY;
	s->deadline = 0;
	buf_add(&s->out, s->held.data, s->held.len);
	buf_free(&s->held);
	memset(&s->held, 0, sizeof s->held);
}

/* Whole packets from what has been read. */
static void
sftpc_packets(struct sftpc *s)
{
	struct sftp_reply	 r;
	const u_char		*p;
	size_t			 off = 0;
	uint32_t		 len, id;

	while (s->step != SF_FAILED && s->in.len - off >= 4) {
		p = (const u_char *)s->in.data + off;
		len = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
		    (uint32_t)p[2] << 8 | p[3];
		if (len > SFTPC_PACKET_MAX) {
			sftpc_fail(s, _("the server sent a packet too long"));
			break;
		}
		if (s->in.len - off - 4 < len)
			break;
		if (sftpm_parse(p + 4, len, &r, &id) != 0) {
			sftpc_fail(s, _("the server sent a bad packet"));
			break;
		}
		off += 4 + len;
		if (r.type == SSH_FXP_VERSION) {
			if (s->step == SF_VERSION)
				sftpc_version(s, &r);
		} else
			sftpc_dispatch(s, id, &r);
		sftpm_clear(&r);
	}
	if (off > 0) {
		memmove(s->in.data, s->in.data + off, s->in.len - off);
		s->in.len -= off;
	}
}

/* Write what the window takes; read what has come. 1 if anything moved. */
static int
sftpc_step(struct sftpc *s)
{
	size_t	got = 0;
	int	n, moved = 0;

	s->kick = 0;
	sftpc_run_later(s);
	if (s->step == SF_FAILED) {
		if (s->nreqs == 0)
			return (0);
		sftpc_fail_reqs(s);
		return (1);
	}
	if (!ssh_is_connected(s->c->s) || s->c->phase == SP_CLOSED) {
		sftpc_fail(s, _("the connection was lost"));
		return (1);
	}
	if (s->deadline != 0 && clock_now() >= s->deadline) {
		sftpc_fail(s, _("the server did not answer"));
		return (1);
	}
	if (s->step < SF_VERSION && !sftpc_open_channel(s))
		return (s->step == SF_FAILED);
	if (s->out.len > s->outoff) {
		n = ssh_channel_write(s->ch, s->out.data + s->outoff,
		    s->out.len - s->outoff);
		if (n == SSH_ERROR) {
			sftpc_fail(s, _("the channel failed"));
			return (1);
		}
		if (n > 0) {
			moved = 1;
			s->outoff += n;
			if (s->outoff == s->out.len)
				s->out.len = s->outoff = 0;
		}
	}
	while (got < SFTPC_READ_PASS && s->step != SF_FAILED) {
		buf_reserve(&s->in, 65536);
		n = ssh_channel_read_nonblocking(s->ch, s->in.data + s->in.len,
		    65536, 0);
		if (n == SSH_EOF || n == SSH_ERROR ||
		    (n == 0 && ssh_channel_is_eof(s->ch))) {
			sftpc_fail(s, _("the server ended the SFTP session"));
			return (1);
		}
		if (n <= 0)
			break;
		s->in.len += n;
		got += n;
		moved = 1;
		sftpc_packets(s);
	}
	return (moved);
}

static int
sftpc_service(void)
{
	struct sftpc	*s;
	int		 moved = 0;

	for (s = sftpc_list; s != NULL; s = s->next)
		moved |= sftpc_step(s);
	return (moved);
}

/* At once for new work, for replies already read off the socket (any
 * channel's read may take them), or while a session can write (its
 * window is open); else the server's answers wake the connection. */
static double
sftpc_timeout(void)
{
	struct sftpc	*s;
	double		 t = -1, left;

	for (s = sftpc_list; s != NULL; s = s->next) {
		if (s->kick)
			return (0);
		/* The channel's answers may be read by another channel's
		 * call, leaving nothing on the socket to wake this one. */
		if (s->step < SF_VERSION && (t < 0 || t > 0.05))
			t = 0.05;
		/* Replies another channel's read took off the socket. */
		if (s->ch != NULL && s->step >= SF_VERSION &&
		    s->step != SF_FAILED && ssh_is_connected(s->c->s) &&
		    ssh_channel_poll(s->ch, 0) > 0)
			return (0);
		if (s->out.len > s->outoff && s->ch != NULL &&
		    ssh_channel_window_size(s->ch) > 0)
			return (0);
		if (s->deadline != 0 && s->step != SF_FAILED) {
			left = s->deadline - clock_now();
			if (left < 0)
				left = 0;
			if (t < 0 || left < t)
				t = left;
		}
	}
	return (t);
}

static const struct sshconn_hooks sftpc_hooks = {
	.service = sftpc_service,
	.timeout = sftpc_timeout,
};

static void
sftpc_hook(void)
{
	if (!sftpc_hooked) {
		sshconn_hook(&sftpc_hooks);
		sftpc_hooked = 1;
	}
}
