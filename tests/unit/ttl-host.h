/*
 * ttl-host.h: what the TTL unit tests share: a host for the interpreter
 * that records what a macro sends, shows and asks, and the variables
 * read back.
 */
#ifndef TTL_HOST_H
#define TTL_HOST_H

static struct buf	sent;
static int		sent_newlines, link_state = 2;

static int
h_send(void *data, const char *buf, size_t len, int flags)
{
	(void)data;
	buf_add(&sent, buf, len);
	if (flags & TTL_SEND_NEWLINE) {
		buf_add(&sent, "\r", 1);
		sent_newlines++;
	}
	return (link_state == 2 ? 0 : -1);
}

static int
h_connect(void *data, const char *line, char **cause)
{
	(void)data;
	(void)cause;
	buf_printf(&sent, "[connect %s]", line);
	link_state = 2;
	return (2);
}

static int
h_link(void *data)
{
	(void)data;
	return (link_state);
}

static void
h_void(void *data)
{
	(void)data;
}

static void
h_show(void *data, const char *buf, size_t len)
{
	(void)data;
	buf_add(&sent, "[show ", 6);
	buf_add(&sent, buf, len);
	buf_add(&sent, "]", 1);
}

static char *
h_title(void *data)
{
	(void)data;
	return (xstrdup("host title"));
}

static void
h_set_title(void *data, const char *s)
{
	(void)data;
	buf_printf(&sent, "[title %s]", s);
}

static struct question *asked;

static void
h_ask(void *data, struct question *q)
{
	(void)data;
	question_free(asked);
	asked = q;
}

static void
h_clear(void *data, int n)
{
	(void)data;
	(void)n;
}

static int
h_break(void *data)
{
	(void)data;
	return (0);
}

static int
h_serial(void *data, const char *what, int n)
{
	(void)data;
	buf_printf(&sent, "[%s %d]", what, n);
	return (0);
}

static char	*clip;

static int
h_clipboard(void *data, const char *text, char **out)
{
	(void)data;
	if (text == NULL) {
		*out = clip != NULL ? xstrdup(clip) : NULL;
		return (clip != NULL ? 0 : -1);
	}
	free(clip);
	clip = xstrdup(text);
	return (0);
}

static const struct ttl_host host = {
	h_send, h_connect, h_link, h_void, h_void, h_show, h_title,
	h_set_title, h_title, h_ask, h_void, h_clear, h_break, h_serial,
	h_void, NULL, NULL, NULL, h_clipboard, h_void, NULL, NULL
};

/* A macro from its text as the file path, run until it waits or ends. */
static struct ttl *
ttl_macro_at(const char *path, const char *src, int *state)
{
	struct ttl_file	*f;
	struct ttl	*vm;

	f = ttl_file_parse(path, src, strlen(src));
	buf_free(&sent);
	buf_add(&sent, "", 0);
	sent_newlines = 0;
	vm = ttl_new(f, 0, NULL, &host, NULL);
	*state = ttl_run(vm);
	return (vm);
}

static int32_t
var_int(struct ttl *vm, const char *name)
{
	struct ttl_var	*v = ttl_var_find(vm, name);

	if (v == NULL || v->type != TV_INT) {
		fprintf(stderr, "no integer %s\n", name);
		return (-999999);
	}
	return (v->n);
}

static const char *
var_str(struct ttl *vm, const char *name)
{
	struct ttl_var	*v = ttl_var_find(vm, name);

	if (v == NULL || v->type != TV_STR) {
		fprintf(stderr, "no string %s\n", name);
		return ("<none>");
	}
	return (v->s);
}

#endif
