/*
 * ttl-recv.c: what the wait family sees. Tera Term hands its macros the
 * text after the terminal parser: escape sequences consumed, CR or CRLF
 * as CRLF, UTF-8. libvterm's parser (a VTerm used for its parser only,
 * apart from the tab's screen, behind the same guard) splits the received
 * bytes the same way the screen's does; its text and CR/LF/TAB are kept
 * here, up to 16 KB, and each wait consumes what it matched.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "onig-lib.h"
#include "ttl-int.h"

static void
ttl_recv_add(struct ttl_recv *r, const char *s, size_t n)
{
	if (r->len + n > TTL_RECV_MAX && r->start > 0) {
		/* Keep what is not read yet at the front. */
		memmove(r->buf, r->buf + r->start, r->len - r->start);
		r->len -= r->start;
		r->start = 0;
	}
	if (r->len + n > TTL_RECV_MAX && !r->sync) {
		/* Nobody reads it: the oldest goes, as Tera Term's buffer
		 * (in setsync 1 the tab stops reading instead). */
		size_t drop = r->len + n - TTL_RECV_MAX;

		if (drop > r->len)
			drop = r->len;
		memmove(r->buf, r->buf + drop, r->len - drop);
		r->len -= drop;
		if (n > TTL_RECV_MAX) {
			s += n - TTL_RECV_MAX;
			n = TTL_RECV_MAX;
		}
	}
	if (r->len + n + 1 > r->size) {
		r->size = r->len + n + 1 + 1024;
		r->buf = realloc(r->buf, r->size);
		if (r->buf == NULL)
			fatal("out of memory");
	}
	memcpy(r->buf + r->len, s, n);
	r->len += n;
	r->buf[r->len] = '\0';
}

/*
 * Text: libvterm offers all the bytes left and takes back the count used,
 * so the text ends at the next control character.
 */
static int
ttl_recv_text(const char *bytes, size_t len, void *data)
{
	struct ttl_recv	*r = data;
	size_t		 n;

	for (n = 0; n < len; n++) {
		if ((u_char)bytes[n] < 0x20 || bytes[n] == 0x7f)
			break;
	}
	if (n == 0)
		return (1);
	r->cr = 0;
	ttl_recv_add(r, bytes, n);
	return ((int)n);
}

static int
ttl_recv_control(u_char c, void *data)
{
	struct ttl_recv	*r = data;

	if (c == '\r') {
		ttl_recv_add(r, "\r\n", 2);
		r->cr = 1;
		return (1);
	}
	if (c == '\n' && !r->cr)
		ttl_recv_add(r, "\n", 1);
	else if (c == '\t')
		ttl_recv_add(r, "\t", 1);
	r->cr = 0;
	return (1);
}

static int
ttl_recv_other(const char *bytes, size_t len, void *data)
{
	(void)bytes;
	(void)len;
	((struct ttl_recv *)data)->cr = 0;
	return (1);
}

static int
ttl_recv_csi(const char *leader, const long args[], int argcount,
    const char *intermed, char command, void *data)
{
	(void)leader;
	(void)args;
	(void)argcount;
	(void)intermed;
	(void)command;
	((struct ttl_recv *)data)->cr = 0;
	return (1);
}

static const VTermParserCallbacks ttl_recv_cbs = {
	.text = ttl_recv_text,
	.control = ttl_recv_control,
	.escape = ttl_recv_other,
	.csi = ttl_recv_csi,
	.osc = ttl_recv_other,
	.dcs = ttl_recv_other
};

void
ttl_recv_init(struct ttl_recv *r)
{
	VTerm	*vt;

	memset(r, 0, sizeof *r);
	vt = vterm_new(24, 80);
	vterm_set_utf8(vt, 1);
	vterm_parser_set_callbacks(vt, &ttl_recv_cbs, r);
	r->vt = vt;
	ttl_recv_add(r, "", 0);
}

void
ttl_recv_free(struct ttl_recv *r)
{
	term_guard_free(&r->guard);
	if (r->vt != NULL)
		vterm_free(r->vt);
	free(r->buf);
	memset(r, 0, sizeof *r);
}

static void
ttl_recv_parse(const char *buf, size_t len, void *data)
{
	struct ttl_recv	*r = data;

	vterm_input_write(r->vt, buf, len);
}

/*
 * setdebug 1 and 2: the bytes as Tera Term's debug modes show them, so
 * that a wait can match control bytes: 1 carets (^M^J, ^[ for ESC, <DEL>,
 * the top bit dropped), 2 hex ("0D 0A "); nothing is parsed away.
 */
static void
ttl_recv_debug(struct ttl_recv *r, const char *buf, size_t len)
{
	char	out[4];
	u_char	c;
	size_t	i;

	for (i = 0; i < len; i++) {
		c = (u_char)buf[i];
		if (r->debug == 2) {
			snprintf(out, sizeof out, "%02X ", c);
			ttl_recv_add(r, out, 3);
			continue;
		}
		c &= 0x7f;	/* Tera Term shows the top bit reversed */
		if (c == 0x7f)
			ttl_recv_add(r, "<DEL>", 5);
		else if (c < 0x20) {
			out[0] = '^';
			out[1] = (char)(c + 0x40);
			ttl_recv_add(r, out, 2);
		} else
			ttl_recv_add(r, (const char *)&c, 1);
	}
}

/*
 * Received bytes: through the screen's guard first, as the tab's own
 * parser gets them (libvterm 0.1.4's parser overruns its argument array
 * on more than 16 CSI arguments, among others).
 */
void
ttl_recv_feed(struct ttl_recv *r, const char *buf, size_t len)
{
	if (r->debug == 1 || r->debug == 2)
		ttl_recv_debug(r, buf, len);
	else
		term_guard_feed(&r->guard, buf, len, ttl_recv_parse, r);
}

/* A wait is over (or replaced): what it held goes. */
void
ttl_wait_clear(struct ttl_wait *w)
{
	u_int	i;

	for (i = 0; i < w->nstr; i++) {
		free(w->str[i]);
		ttl_regex_free(w->re[i]);
	}
	free(w->what);
	memset(w, 0, sizeof *w);
}

/* flushrecv: what was received is not waited for any more. */
void
ttl_recv_flush(struct ttl_recv *r)
{
	r->start = r->len = 0;
	r->buf[0] = '\0';
}

/* A regular expression (Oniguruma, Ruby syntax, UTF-8). */
int
ttl_regex_new(struct ttl *vm, const char *pattern, void **re)
{
	OnigErrorInfo	 info;
	OnigUChar	 msg[ONIG_MAX_ERROR_MESSAGE_LEN];
	regex_t		*reg;
	char		*cause = NULL;
	int		 r;

	if (oniglib_start(&cause) != 0) {
		r = ttl_error(vm, _("regular expression '%s': %s"), pattern,
		    cause);
		free(cause);
		return (r);
	}
	r = onig_new(&reg, (const OnigUChar *)pattern,
	    (const OnigUChar *)pattern + strlen(pattern),
	    (OnigOptionType)vm->onig_opt, ONIG_ENCODING_UTF8,
	    ONIG_SYNTAX_RUBY, &info);
	if (r != ONIG_NORMAL) {
		onig_error_code_to_str(msg, r, &info);
		return (ttl_error(vm, _("regular expression '%s': %s"), pattern,
		    (char *)msg));
	}
	*re = reg;
	return (0);
}

void
ttl_regex_free(void *re)
{
	if (re != NULL)
		onig_free(re);
}

/*
 * Search s for the expression: the 1-based offset of the match, 0 if
 * none. With vars, matchstr and groupmatchstr1..9 are set (and *end is
 * where the match ends).
 */
int
ttl_regex_search(struct ttl *vm, void *re, const char *s, size_t len,
    int vars, size_t *end)
{
	OnigRegion	*region = onig_region_new();
	const OnigUChar	*u = (const OnigUChar *)s;
	char		 name[32];
	int		 r, i, at = 0;

	r = onig_search(re, u, u + len, u, u + len, region, ONIG_OPTION_NONE);
	if (r >= 0) {
		at = r + 1;
		if (end != NULL)
			*end = (size_t)region->end[0];
		if (vars) {
			ttl_set_strn(vm, "matchstr", s + region->beg[0],
			    (size_t)(region->end[0] - region->beg[0]));
			for (i = 1; i <= 9; i++) {
				snprintf(name, sizeof name, "groupmatchstr%d",
				    i);
				if (i < region->num_regs && region->beg[i] >= 0)
					ttl_set_strn(vm, name, s +
					    region->beg[i], (size_t)
					    (region->end[i] - region->beg[i]));
				else
					ttl_set_str(vm, name, "");
			}
		}
	}
	onig_region_free(region, 1);
	return (at);
}

/* The end of the first complete line from p (after its LF), or NULL. */
static const char *
ttl_recv_line(const char *p, const char *end, size_t *linelen)
{
	const char	*nl = memchr(p, '\n', end - p);

	if (nl == NULL)
		return (NULL);
	*linelen = nl - p;
	if (*linelen > 0 && p[*linelen - 1] == '\r')
		(*linelen)--;
	return (nl + 1);
}

static void
ttl_recv_done(struct ttl *vm, int32_t result)
{
	ttl_set_int(vm, "result", result);
	ttl_wait_clear(&vm->wait);
}

/* wait: the string whose first match ends first wins. */
static int
ttl_check_wait(struct ttl *vm, const char *p, const char *end)
{
	struct ttl_wait	*w = &vm->wait;
	const char	*m, *best = NULL;
	size_t		 n;
	u_int		 i, which = 0;

	for (i = 0; i < w->nstr; i++) {
		n = strlen(w->str[i]);
		if (n == 0)
			m = p < end ? p + 1 : NULL;
		else if ((m = memmem(p, end - p, w->str[i], n)) != NULL)
			m += n;
		if (m != NULL && (best == NULL || m < best)) {
			best = m;
			which = i;
		}
	}
	if (best == NULL)
		return (0);
	vm->recv.start = best - vm->recv.buf;
	ttl_recv_done(vm, (int32_t)which + 1);
	return (1);
}

/* waitln, recvln and waitregex read whole lines. */
static int
ttl_check_lines(struct ttl *vm, const char *p, const char *end)
{
	struct ttl_wait	*w = &vm->wait;
	const char	*next;
	size_t		 n, mend;
	char		*line;
	u_int		 i;

	while ((next = ttl_recv_line(p, end, &n)) != NULL ||
	    (w->kind == WK_WAITREGEX && p < end)) {
		if (next == NULL) {		/* a line not ended yet */
			n = end - p;
			if (n > 0 && p[n - 1] == '\r')
				n--;
		}
		line = xstrndup(p, n > TTL_STR_MAX ? TTL_STR_MAX : n);
		for (i = 0; i < w->nstr || w->kind == WK_RECVLN; i++) {
			if (w->kind == WK_RECVLN ||
			    (w->kind == WK_WAITLN && strstr(line, w->str[i])) ||
			    (w->kind == WK_WAITREGEX && ttl_regex_search(vm,
			    w->re[i], line, strlen(line), 1, &mend) != 0)) {
				ttl_set_str(vm, "inputstr", line);
				vm->recv.start = (w->kind == WK_WAITREGEX ?
				    p + mend : next) - vm->recv.buf;
				free(line);
				ttl_recv_done(vm, w->kind == WK_RECVLN ? 1 :
				    (int32_t)i + 1);
				return (1);
			}
		}
		free(line);
		if (next == NULL)
			return (0);
		p = next;
		vm->recv.start = p - vm->recv.buf;
	}
	return (0);
}

/* waitn and waitrecv: a number of bytes. */
static int
ttl_check_count(struct ttl *vm, const char *p, const char *end)
{
	struct ttl_wait	*w = &vm->wait;
	const char	*e;
	size_t		 sub = w->nstr > 0 ? strlen(w->str[0]) : 0;

	if (w->kind == WK_WAITN) {
		if (end - p < w->n)
			return (0);
		ttl_set_strn(vm, "inputstr", p, w->n);
		vm->recv.start = p + w->n - vm->recv.buf;
		ttl_recv_done(vm, 1);
		return (1);
	}
	for (e = p + w->n; e <= end; e++) {
		if (memcmp(e - w->n + w->pos - 1, w->str[0], sub) == 0) {
			ttl_set_strn(vm, "inputstr", e - w->n, w->n);
			vm->recv.start = e - vm->recv.buf;
			ttl_recv_done(vm, 1);
			return (1);
		}
	}
	return (0);
}

/* Whether the wait in progress is over with what was received. */
int
ttl_recv_check(struct ttl *vm)
{
	struct ttl_recv	*r = &vm->recv;
	const char	*p = r->buf + r->start, *end = r->buf + r->len;
	int		 ev;

	switch (vm->wait.kind) {
	case WK_WAIT:
		return (ttl_check_wait(vm, p, end));
	case WK_WAITLN:
	case WK_RECVLN:
	case WK_WAITREGEX:
		return (ttl_check_lines(vm, p, end));
	case WK_WAITN:
	case WK_WAITRECV:
		return (ttl_check_count(vm, p, end));
	case WK_EVENT:
		if ((ev = r->events & vm->wait.mask) == 0)
			return (0);
		ev &= -ev;
		r->events &= ~ev;
		ttl_recv_done(vm, ev);
		return (1);
	default:
		return (0);
	}
}
