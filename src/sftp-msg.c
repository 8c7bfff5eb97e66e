/*
 * sftp-msg.c: the messages of SFTP version 3 (the protocol of OpenSSH's
 * sftp-server, draft-ietf-secsh-filexfer-02): requests built into a
 * buffer, replies read from one. Nothing here does I/O, so the reader can
 * be given anything (tests/fuzz/fuzz-sftp.c): every length is checked
 * against what is left before it is used.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

#define SFTPM_MAXNAMES	100000	/* entries in one NAME reply */

void
sftpm_put32(struct buf *b, uint32_t v)
{
	u_char	p[4];

	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
	buf_add(b, p, 4);
}

void
sftpm_put64(struct buf *b, uint64_t v)
{
	sftpm_put32(b, v >> 32);
	sftpm_put32(b, v & 0xffffffffU);
}

void
sftpm_putstr(struct buf *b, const void *s, size_t len)
{
	sftpm_put32(b, len);
	buf_add(b, s, len);
}

/*
 * Start a request of type with id: its length is filled in by
 * sftpm_end(), from the start returned here.
 */
size_t
sftpm_begin(struct buf *b, u_int type, uint32_t id)
{
	size_t	start = b->len;
	u_char	t = type;

	sftpm_put32(b, 0);
	buf_add(b, &t, 1);
	if (type != SSH_FXP_INIT)
		sftpm_put32(b, id);
	return (start);
}

void
sftpm_end(struct buf *b, size_t start)
{
	uint32_t	 len = b->len - start - 4;
	u_char		*p = (u_char *)b->data + start;

	p[0] = len >> 24;
	p[1] = len >> 16;
	p[2] = len >> 8;
	p[3] = len;
}

/* Attributes with only the permissions, or none (perm -1). */
void
sftpm_putattrs(struct buf *b, long perm)
{
	if (perm < 0) {
		sftpm_put32(b, 0);
		return;
	}
	sftpm_put32(b, SSH_FILEXFER_ATTR_PERMISSIONS);
	sftpm_put32(b, perm & 07777);
}

/* A reader over len bytes at p. */
struct sftpm_in {
	const u_char	*p;
	size_t		 left;
	int		 bad;
};

static uint32_t
sftpm_get32(struct sftpm_in *in)
{
	uint32_t	v;

	if (in->bad || in->left < 4) {
		in->bad = 1;
		return (0);
	}
	v = (uint32_t)in->p[0] << 24 | (uint32_t)in->p[1] << 16 |
	    (uint32_t)in->p[2] << 8 | in->p[3];
	in->p += 4;
	in->left -= 4;
	return (v);
}

static uint64_t
sftpm_get64(struct sftpm_in *in)
{
	uint64_t	hi = sftpm_get32(in);

	return (hi << 32 | sftpm_get32(in));
}

/* A string: where it starts (not NUL-ended), its length in *len. */
static const char *
sftpm_getstr(struct sftpm_in *in, size_t *len)
{
	const char	*s;
	uint32_t	 n = sftpm_get32(in);

	if (in->bad || n > in->left) {
		in->bad = 1;
		*len = 0;
		return ("");
	}
	s = (const char *)in->p;
	in->p += n;
	in->left -= n;
	*len = n;
	return (s);
}

static void
sftpm_getattrs(struct sftpm_in *in, struct sftp_attrs *a)
{
	uint32_t	n, i;
	size_t		len;

	memset(a, 0, sizeof *a);
	a->flags = sftpm_get32(in);
	if (a->flags & SSH_FILEXFER_ATTR_SIZE)
		a->size = sftpm_get64(in);
	if (a->flags & SSH_FILEXFER_ATTR_UIDGID) {
		sftpm_get32(in);
		sftpm_get32(in);
	}
	if (a->flags & SSH_FILEXFER_ATTR_PERMISSIONS)
		a->perm = sftpm_get32(in);
	if (a->flags & SSH_FILEXFER_ATTR_ACMODTIME) {
		a->atime = sftpm_get32(in);
		a->mtime = sftpm_get32(in);
	}
	if (a->flags & SSH_FILEXFER_ATTR_EXTENDED) {
		n = sftpm_get32(in);
		for (i = 0; i < n && !in->bad; i++) {
			sftpm_getstr(in, &len);
			sftpm_getstr(in, &len);
		}
	}
}

/* Names of a NAME reply, each a string of its own. */
static void
sftpm_getnames(struct sftpm_in *in, struct sftp_reply *r)
{
	uint32_t	 n = sftpm_get32(in), i;
	const char	*s;
	size_t		 len;

	/* Each entry takes at least 12 bytes: no count the packet lies in. */
	if (in->bad || n > SFTPM_MAXNAMES || n > in->left / 12) {
		in->bad = 1;
		return;
	}
	r->names = xcalloc(n + 1, sizeof *r->names);
	for (i = 0; i < n && !in->bad; i++) {
		s = sftpm_getstr(in, &len);
		r->names[i].name = xmalloc(len + 1);
		memcpy(r->names[i].name, s, len);
		r->names[i].name[len] = '\0';
		sftpm_getstr(in, &len);	/* ls -l's line: not used */
		sftpm_getattrs(in, &r->names[i].a);
		r->nnames = i + 1;
	}
}

/*
 * Read a packet's body (its type, id and the rest: len bytes after the
 * length) into r. Returns 0, or -1 if it is not a well-formed reply (r
 * is then cleared). The strings of r point into p.
 */
int
sftpm_parse(const void *p, size_t len, struct sftp_reply *r, uint32_t *id)
{
	struct sftpm_in	 in = { p, len, 0 };
	size_t		 n;

	memset(r, 0, sizeof *r);
	*id = 0;
	if (len < 1)
		return (-1);
	r->type = in.p[0];
	in.p++;
	in.left--;
	if (r->type == SSH_FXP_VERSION) {
		r->status = sftpm_get32(&in);	/* the version */
		r->data = (const char *)in.p;	/* extensions */
		r->len = in.left;
		return (in.bad ? -1 : 0);
	}
	*id = sftpm_get32(&in);
	switch (r->type) {
	case SSH_FXP_STATUS:
		r->status = sftpm_get32(&in);
		if (in.left > 0) {	/* version 3 adds a message */
			r->msg = sftpm_getstr(&in, &n);
			r->msglen = n;
		}
		break;
	case SSH_FXP_HANDLE:
	case SSH_FXP_DATA:
		r->data = sftpm_getstr(&in, &r->len);
		break;
	case SSH_FXP_NAME:
		sftpm_getnames(&in, r);
		break;
	case SSH_FXP_ATTRS:
		sftpm_getattrs(&in, &r->attrs);
		break;
	case SSH_FXP_EXTENDED_REPLY:
		r->data = (const char *)in.p;
		r->len = in.left;
		break;
	default:
		in.bad = 1;
	}
	if (in.bad) {
		sftpm_clear(r);
		return (-1);
	}
	return (0);
}

/* Whether a VERSION's extensions (at r->data) name ext. */
int
sftpm_has_extension(const struct sftp_reply *r, const char *ext)
{
	struct sftpm_in	 in = { (const u_char *)r->data, r->len, 0 };
	const char	*name;
	size_t		 n, dlen;

	while (in.left > 0 && !in.bad) {
		name = sftpm_getstr(&in, &n);
		sftpm_getstr(&in, &dlen);
		if (!in.bad && n == strlen(ext) && memcmp(name, ext, n) == 0)
			return (1);
	}
	return (0);
}

void
sftpm_clear(struct sftp_reply *r)
{
	u_int	i;

	for (i = 0; i < r->nnames; i++)
		free(r->names[i].name);
	free(r->names);
	r->names = NULL;
	r->nnames = 0;
}

/* Words for a status code, for a message in the tab. */
const char *
sftpm_status_text(uint32_t status)
{
	static const char *const text[] = {
		N_("done"), N_("end of file"), N_("no such file or folder"),
		N_("permission denied"), N_("the server failed"),
		N_("a bad message"), N_("no connection"),
		N_("the connection was lost"), N_("the server cannot do that")
	};

	if (status < sizeof text / sizeof text[0])
		return (_(text[status]));
	return (_("an unknown error"));
}
