/*
 * buf.c: the one growable buffer of tterm: bytes (or a string, always
 * ended by a NUL that len does not count) that grow by appending, with the
 * allocation doubling so that many small appends cost linear time.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

/* Room for n more bytes and the NUL after them. */
void
buf_reserve(struct buf *b, size_t n)
{
	size_t	want;

	if (n > SIZE_MAX - b->len - 1)
		fatal("%s: a buffer of over %zu bytes", __func__, b->len);
	want = b->len + n + 1;
	if (want <= b->size)
		return;
	if (b->size < 64)
		b->size = 64;
	while (b->size < want)
		b->size = b->size > SIZE_MAX / 2 ? want : b->size * 2;
	b->data = xreallocarray(b->data, b->size, 1);
}

void
buf_add(struct buf *b, const void *p, size_t n)
{
	buf_reserve(b, n);
	memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

void
buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list	ap2;
	int	n;

	/* Format straight into the room left; grow and again if short. */
	buf_reserve(b, 0);
	va_copy(ap2, ap);
	n = vsnprintf(b->data + b->len, b->size - b->len, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		fatal("%s: cannot format \"%s\"", __func__, fmt);
	if ((size_t)n >= b->size - b->len) {
		buf_reserve(b, n);
		vsnprintf(b->data + b->len, b->size - b->len, fmt, ap);
	}
	b->len += n;
}

void
buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	buf_vprintf(b, fmt, ap);
	va_end(ap);
}

/* The string, handed over to the caller; the buffer is empty again. */
char *
buf_take(struct buf *b)
{
	char	*s;

	buf_reserve(b, 0);
	b->data[b->len] = '\0';	/* an empty buffer had none */
	s = b->data;
	memset(b, 0, sizeof *b);
	return (s);
}

void
buf_free(struct buf *b)
{
	free(b->data);
	memset(b, 0, sizeof *b);
}

/* s in single quotes for sh, a quote in it as '\''. */
void
buf_add_quoted(struct buf *b, const char *s)
{
	buf_add(b, "'", 1);
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			buf_add(b, "'\\''", 4);
		else
			buf_add(b, s, 1);
	}
	buf_add(b, "'", 1);
}
