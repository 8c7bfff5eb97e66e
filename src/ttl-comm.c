/*
 * ttl-comm.c: TTL's communication commands: connect and the link, send,
 * the wait family (which only set up a wait: ttl_run() returns and the
 * loop wakes the macro when text comes or the time is up), pauses, the
 * tab's title and screen, serial line controls.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"
#include "ttl-int.h"

/* A wait begins: its deadline from timeout and mtimeout. */
static struct ttl_wait *
ttl_wait_begin(struct ttl *vm, enum ttl_waitkind kind)
{
	struct ttl_var	*t = ttl_var_find(vm, "timeout");
	struct ttl_var	*mt = ttl_var_find(vm, "mtimeout");
	double		 secs = 0;

	ttl_wait_clear(&vm->wait);
	if (t != NULL && t->type == TV_INT)
		secs = t->n;
	if (mt != NULL && mt->type == TV_INT)
		secs += mt->n / 1000.0;
	vm->wait.kind = kind;
	if (secs > 0)
		vm->wait.deadline = clock_now() + secs;
	return (&vm->wait);
}

/* The wait's strings (up to ten), and its words for the status bar. */
static int
ttl_wait_strings(struct ttl *vm, struct ttl_cursor *c, enum ttl_waitkind kind,
    int regex)
{
	struct ttl_wait	*w = ttl_wait_begin(vm, kind);
	struct buf	 what = { 0 };
	char		*s;

	buf_printf(&what, "%s", kind == WK_WAITLN ? "waitln" : regex ?
	    "waitregex" : "wait");
	while (ttl_arg_more(c)) {
		if (w->nstr == TTL_WAIT_MAX) {
			buf_free(&what);
			return (ttl_error(vm, _("more than %d strings"),
			    TTL_WAIT_MAX));
		}
		if (ttl_arg_str(vm, c, &s) != 0) {
			buf_free(&what);
			return (-1);
		}
		w->str[w->nstr++] = s;
		if (regex && ttl_regex_new(vm, s, &w->re[w->nstr - 1]) != 0) {
			buf_free(&what);
			return (-1);
		}
		buf_printf(&what, " '%s'", s);
	}
	if (w->nstr == 0) {
		buf_free(&what);
		return (ttl_error(vm, _("a string to wait for is missing")));
	}
	s = buf_take(&what);
	w->what = text_clean(s, 0);
	free(s);
	return (0);
}

TTL_CMD(wait)
{
	return (ttl_wait_strings(vm, c, WK_WAIT, 0));
}

TTL_CMD(waitln)
{
	return (ttl_wait_strings(vm, c, WK_WAITLN, 0));
}

TTL_CMD(waitregex)
{
	return (ttl_wait_strings(vm, c, WK_WAITREGEX, 1));
}

TTL_CMD(recvln)
{
	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	ttl_wait_begin(vm, WK_RECVLN)->what = xstrdup("recvln");
	return (0);
}

TTL_CMD(waitn)
{
	struct ttl_wait	*w;
	int32_t		 n;

	if (ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if (n < 1 || n > TTL_STR_MAX)
		return (ttl_error(vm, _("waitn takes 1 to %d bytes"),
		    TTL_STR_MAX));
	w = ttl_wait_begin(vm, WK_WAITN);
	w->n = n;
	xasprintf(&w->what, "waitn %d", n);
	return (0);
}

TTL_CMD(waitrecv)
{
	struct ttl_wait	*w;
	char		*s;
	int32_t		 len, pos;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	if (ttl_arg_int(vm, c, &len) != 0 || ttl_arg_int(vm, c, &pos) != 0 ||
	    ttl_arg_end(vm, c) != 0) {
		free(s);
		return (-1);
	}
	if (len < 1 || len > TTL_STR_MAX || pos < 1 ||
	    (size_t)pos - 1 + strlen(s) > (size_t)len) {
		free(s);
		return (ttl_error(vm, _("the string does not fit at position "
		    "%d of %d bytes"), pos, len));
	}
	w = ttl_wait_begin(vm, WK_WAITRECV);
	w->str[w->nstr++] = s;
	w->n = len;
	w->pos = pos;
	w->what = text_clean("waitrecv", 0);
	return (0);
}

TTL_CMD(waitevent)
{
	struct ttl_wait	*w;
	int32_t		 mask;

	if (ttl_arg_int(vm, c, &mask) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	w = ttl_wait_begin(vm, WK_EVENT);
	w->mask = mask & ~TTL_EVENT_TIMEOUT;
	xasprintf(&w->what, "waitevent %d", mask);
	return (0);
}

TTL_CMD(flushrecv)
{
	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	ttl_recv_flush(&vm->recv);
	return (0);
}

static int
ttl_pause(struct ttl *vm, struct ttl_cursor *c, double unit)
{
	int32_t	n;

	if (ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if (n <= 0)
		return (0);
	ttl_wait_clear(&vm->wait);
	vm->wait.kind = WK_PAUSE;
	vm->wait.deadline = clock_now() + n * unit;
	xasprintf(&vm->wait.what, "pause");
	return (0);
}

TTL_CMD(pause)
{
	return (ttl_pause(vm, c, 1.0));
}

TTL_CMD(mpause)
{
	return (ttl_pause(vm, c, 0.001));
}

/* send's arguments: strings as they are, integers as one byte each. */
static int
ttl_send_data(struct ttl *vm, struct ttl_cursor *c, struct buf *b)
{
	struct ttl_value	v;
	char			ch;

	buf_add(b, "", 0);
	while (ttl_arg_more(c)) {
		if (ttl_expr(vm, c, &v) != 0)
			return (-1);
		if (v.type == TV_INT) {
			ch = (char)(v.n & 0xff);
			buf_add(b, &ch, 1);
		} else
			buf_add(b, v.s, strlen(v.s));
		ttl_value_clear(&v);
	}
	return (0);
}

static int
ttl_send(struct ttl *vm, struct ttl_cursor *c, int flags, int text)
{
	struct buf	b = { 0 };
	int		r;

	if (ttl_send_data(vm, c, &b) != 0) {
		buf_free(&b);
		return (-1);
	}
	/* Tera Term 5 sends what is not text (not UTF-8) as bytes. */
	if (text < 0 && !text_utf8_valid(b.data, b.len))
		flags |= TTL_SEND_BINARY;
	else if (text == 0)
		flags |= TTL_SEND_BINARY;
	r = vm->host->send(vm->data, b.data, b.len, flags);
	freezero_str(buf_take(&b));
	if (r != 0)
		return (ttl_error(vm, _("the macro's tab is not connected")));
	return (0);
}

TTL_CMD(send)
{
	return (ttl_send(vm, c, 0, -1));
}

TTL_CMD(sendln)
{
	return (ttl_send(vm, c, TTL_SEND_NEWLINE, -1));
}

TTL_CMD(sendtext)
{
	return (ttl_send(vm, c, 0, 1));
}

TTL_CMD(sendbinary)
{
	return (ttl_send(vm, c, 0, 0));
}

TTL_CMD(dispstr)
{
	struct buf	b = { 0 };

	if (ttl_send_data(vm, c, &b) != 0) {
		buf_free(&b);
		return (-1);
	}
	vm->host->show(vm->data, b.data, b.len);
	buf_free(&b);
	return (0);
}

TTL_CMD(sendbreak)
{
	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	if (vm->host->sendbreak(vm->data) != 0)
		return (ttl_error(vm, _("this tab's connection has no break")));
	return (0);
}

TTL_CMD(connect)
{
	char	*line, *cause = NULL;
	int	 state;

	if (ttl_arg_str(vm, c, &line) != 0)
		return (-1);
	if (ttl_arg_end(vm, c) != 0) {
		freezero_str(line);
		return (-1);
	}
	if (vm->host->link(vm->data) == 2) {
		freezero_str(line);
		ttl_set_int(vm, "result", 2);
		return (0);
	}
	state = vm->host->connect(vm->data, line, &cause);
	freezero_str(line);
	ttl_set_int(vm, "result", state);
	if (cause != NULL) {
		ttl_error(vm, "connect: %s", cause);
		free(cause);
		return (-1);
	}
	/* As Tera Term: result says whether the connection was made, so
	 * the macro waits until it is (or has failed). */
	if (vm->host->connecting != NULL && vm->host->connecting(vm->data)) {
		ttl_wait_clear(&vm->wait);
		vm->wait.kind = WK_LINK;
		vm->wait.what = xstrdup("connect");
	}
	return (0);
}

TTL_CMD(testlink)
{
	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	ttl_set_int(vm, "result", vm->host->link(vm->data));
	return (0);
}

TTL_CMD(disconnect)
{
	int32_t	confirm;

	if (ttl_arg_more(c) && ttl_arg_int(vm, c, &confirm) != 0)
		return (-1);
	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	vm->host->disconnect(vm->data);
	return (0);
}

TTL_CMD(closett)
{
	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	vm->host->closett(vm->data);
	return (0);
}

/* unlink: the macro leaves its tab (which goes on); its connect opens a
 * new one. */
TTL_CMD(unlink)
{
	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	if (vm->host->unlink != NULL)
		vm->host->unlink(vm->data);
	return (0);
}

TTL_CMD(settitle)
{
	char	*s;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	if (ttl_arg_end(vm, c) == 0)
		vm->host->set_title(vm->data, s);
	free(s);
	return (vm->error != NULL ? -1 : 0);
}

/* gettitle and gethostname: a string from the tab into a variable. */
static int
ttl_get_host_str(struct ttl *vm, struct ttl_cursor *c,
    char *(*get)(void *))
{
	struct ttl_ref	 r;
	char		*s;
	int		 rc;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	s = get(vm->data);
	rc = ttl_ref_set_str(vm, &r, s != NULL ? s : "", s != NULL ?
	    strlen(s) : 0);
	free(s);
	return (rc);
}

TTL_CMD(gettitle)
{
	return (ttl_get_host_str(vm, c, vm->host->title));
}

TTL_CMD(gethostname)
{
	return (ttl_get_host_str(vm, c, vm->host->hostname));
}

TTL_CMD(clearscreen)
{
	int32_t	n;

	if (ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	vm->host->clear(vm->data, n);
	return (0);
}

/* Commands taken and not needed here (setecho: the tab echoes). */
TTL_CMD(accept)
{
	int32_t		n;
	char		*s;

	while (ttl_arg_more(c)) {
		if (c->l->tok[c->i].type == TK_STR ||
		    (c->l->tok[c->i].type == TK_ID &&
		    ttl_var_find(vm, c->l->tok[c->i].s) != NULL &&
		    ttl_var_find(vm, c->l->tok[c->i].s)->type == TV_STR)) {
			if (ttl_arg_str(vm, c, &s) != 0)
				return (-1);
			free(s);
		} else if (ttl_arg_int(vm, c, &n) != 0)
			return (-1);
	}
	return (0);
}

/* setsync 1: no text is lost; the tab holds its peer while the macro has
 * not read what came (0: the oldest goes past 16 KB, as Tera Term). */
TTL_CMD(setsync)
{
	int32_t	n;

	if (ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	vm->recv.sync = n != 0;
	return (0);
}

TTL_CMD(setdebug)
{
	int32_t	n;

	if (ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	vm->recv.debug = n;
	return (0);
}

/* setbaud, setdtr, ...: the serial line's controls, by the command name. */
static int
ttl_serial(struct ttl *vm, struct ttl_cursor *c, const char *what)
{
	int32_t	n;

	if (ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	if (vm->host->serial(vm->data, what, n) != 0)
		return (ttl_error(vm, _("%s: not a serial tab, or the line "
		    "refused %d"), what, n));
	return (0);
}

/* setecho: the line's local echo (a serial tab's; the others have the
 * peer's echo, so 0 is what they do already). */
TTL_CMD(setecho)
{
	int32_t	n;

	if (vm->host->link(vm->data) != 0 &&
	    vm->host->serial(vm->data, "echo", -1) != 0) {
		if (ttl_arg_int(vm, c, &n) != 0 || ttl_arg_end(vm, c) != 0)
			return (-1);
		if (n != 0)
			return (ttl_error(vm, _("setecho 1: local echo is for "
			    "serial tabs; this tab's peer echoes")));
		return (0);
	}
	return (ttl_serial(vm, c, "echo"));
}

TTL_CMD(setbaud)
{
	return (ttl_serial(vm, c, "baud"));
}

TTL_CMD(setdtr)
{
	return (ttl_serial(vm, c, "dtr"));
}

TTL_CMD(setrts)
{
	return (ttl_serial(vm, c, "rts"));
}

TTL_CMD(setflowctrl)
{
	return (ttl_serial(vm, c, "flow"));
}

TTL_CMD(setserialdelaychar)
{
	return (ttl_serial(vm, c, "delaychar"));
}

TTL_CMD(setserialdelayline)
{
	return (ttl_serial(vm, c, "delayline"));
}

TTL_CMD(getmodemstatus)
{
	struct ttl_ref	r;
	int		n;

	if (ttl_arg_ref(vm, c, TV_INT, &r) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	n = vm->host->serial(vm->data, "modem", 0);
	ttl_set_int(vm, "result", n < 0);
	return (ttl_ref_set_int(vm, &r, n < 0 ? 0 : n));
}

/* The tab's session log; -1 (and an error) if the tab has none to use. */
static int
ttl_log(struct ttl *vm, int op, const char *arg, long flags, char **name)
{
	if (vm->host->log == NULL)
		return (ttl_error(vm, _("this tab has no session log")));
	return (vm->host->log(vm->data, op, arg, flags, name));
}

/*
 * logopen file binary append [plain [timestamp [hidedialog [screen
 * [stamptype]]]]]: result 0 when the log runs, 1 when it cannot.
 */
TTL_CMD(logopen)
{
	static const long	 bits[] = { TTL_LOGF_BINARY, TTL_LOGF_APPEND,
	    TTL_LOGF_PLAIN, TTL_LOGF_STAMP, TTL_LOGF_HIDE, TTL_LOGF_SCREEN };
	char			*s, *path;
	int32_t			 n;
	long			 flags = 0;
	u_int			 i;
	int			 r;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	path = ttl_path(vm, s);
	free(s);
	for (i = 0; ttl_arg_more(c) && i < 7; i++) {
		if (ttl_arg_int(vm, c, &n) != 0) {
			free(path);
			return (-1);
		}
		if (i < 6 && n != 0)
			flags |= bits[i];
		else if (i == 6)
			flags |= (long)(n & 3) << 8;
	}
	if (i < 2 || ttl_arg_end(vm, c) != 0) {
		free(path);
		return (ttl_error(vm, _("logopen needs a file, binary and "
		    "append")));
	}
	r = ttl_log(vm, TTL_LOG_OPEN, path, flags, NULL);
	free(path);
	ttl_set_int(vm, "result", r == 0 ? 0 : 1);
	return (vm->error != NULL ? -1 : 0);
}

static int
ttl_log_simple(struct ttl *vm, struct ttl_cursor *c, int op)
{
	if (ttl_arg_end(vm, c) != 0)
		return (-1);
	ttl_log(vm, op, NULL, 0, NULL);
	return (vm->error != NULL ? -1 : 0);
}

TTL_CMD(logclose)
{
	return (ttl_log_simple(vm, c, TTL_LOG_CLOSE));
}

TTL_CMD(logpause)
{
	return (ttl_log_simple(vm, c, TTL_LOG_PAUSE));
}

TTL_CMD(logstart)
{
	return (ttl_log_simple(vm, c, TTL_LOG_START));
}

TTL_CMD(logwrite)
{
	char	*s;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	if (ttl_arg_end(vm, c) == 0)
		ttl_log(vm, TTL_LOG_WRITE, s, 0, NULL);
	free(s);
	return (vm->error != NULL ? -1 : 0);
}

/* loginfo var: the log's file, result its flags (-1: no log). */
TTL_CMD(loginfo)
{
	struct ttl_ref	 r;
	char		*name = NULL;
	int		 flags, rc;

	if (ttl_arg_ref(vm, c, TV_STR, &r) != 0 || ttl_arg_end(vm, c) != 0)
		return (-1);
	flags = ttl_log(vm, TTL_LOG_INFO, NULL, 0, &name);
	if (vm->error != NULL)
		return (-1);
	ttl_set_int(vm, "result", flags);
	rc = ttl_ref_set_str(vm, &r, name != NULL ? name : "", name != NULL ?
	    strlen(name) : 0);
	free(name);
	return (rc);
}

/* logrotate 'size' '32K' | 'rotate' n | 'halt'. */
TTL_CMD(logrotate)
{
	struct ttl_value	 v = { 0 };
	char			*what, *end;
	long			 n = 0;
	int			 rc = -1;

	if (ttl_arg_str(vm, c, &what) != 0)
		return (-1);
	if (strcmp(what, "halt") != 0 && ttl_expr(vm, c, &v) != 0)
		goto out;
	if (ttl_arg_end(vm, c) != 0)
		goto out;
	if (v.type == TV_INT)
		n = v.n;
	else if (v.type == TV_STR) {
		n = strtol(v.s, &end, 10);
		if (*end == 'K' || *end == 'k')
			n *= 1024;
		else if (*end == 'M' || *end == 'm')
			n *= 1024 * 1024;
	}
	if ((strcmp(what, "size") != 0 && strcmp(what, "rotate") != 0 &&
	    strcmp(what, "halt") != 0) || n < 0) {
		ttl_error(vm, _("logrotate takes 'size' N, 'rotate' N or "
		    "'halt'"));
		goto out;
	}
	ttl_log(vm, TTL_LOG_ROTATE, what, n, NULL);
	rc = vm->error != NULL ? -1 : 0;
out:
	ttl_value_clear(&v);
	free(what);
	return (rc);
}

/*
 * sendfile file binary: the file to the peer; as text (binary 0) its
 * newlines are Enter's (CR, which the tab makes CRSend's) and its other
 * control characters but TAB dropped, as Tera Term's.
 */
TTL_CMD(sendfile)
{
	char	*s, *path, *data, *cause = NULL, *p, *q;
	size_t	 len;
	int32_t	 bin;
	int	 r;

	if (ttl_arg_str(vm, c, &s) != 0)
		return (-1);
	if (ttl_arg_int(vm, c, &bin) != 0 || ttl_arg_end(vm, c) != 0) {
		free(s);
		return (-1);
	}
	path = ttl_path(vm, s);
	free(s);
	data = file_read(path, 64 << 20, &len, &cause);
	free(path);
	if (data == NULL) {
		ttl_error(vm, "sendfile: %s", cause);
		free(cause);
		return (-1);
	}
	if (!(bin & 1)) {
		for (p = q = data; p < data + len; p++) {
			if (*p == '\r' && p + 1 < data + len && p[1] == '\n')
				continue;
			if (*p == '\n' || *p == '\r')
				*q++ = '\r';
			else if ((u_char)*p >= 0x20 || *p == '\t')
				*q++ = *p;
		}
		len = q - data;
	}
	r = vm->host->send(vm->data, data, len, (bin & 1) ? TTL_SEND_BINARY :
	    0);
	free(data);
	if (r != 0)
		return (ttl_error(vm, _("the macro's tab is not connected")));
	return (0);
}
