/*
 * xmalloc.c: allocation that cannot fail. Running out of memory is a broken
 * invariant for a terminal client, so it ends in fatal() and call sites stay
 * free of checks.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

void *
xmalloc(size_t size)
{
	void	*p;

	if (size == 0)
		size = 1;
	if ((p = malloc(size)) == NULL)
		fatal(_("out of memory allocating %zu bytes"), size);
	return (p);
}

void *
xcalloc(size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if ((p = calloc(n, size)) == NULL)
		fatal(_("out of memory allocating %zu x %zu bytes"), n, size);
	return (p);
}

void *
xreallocarray(void *old, size_t n, size_t size)
{
	void	*p;

	if (n == 0 || size == 0)
		n = size = 1;
	if (SIZE_MAX / n < size)
		fatal(_("allocation of %zu x %zu bytes overflows"), n, size);
	if ((p = realloc(old, n * size)) == NULL)
		fatal(_("out of memory allocating %zu x %zu bytes"), n, size);
	return (p);
}

char *
xstrdup(const char *s)
{
	char	*p;

	if ((p = strdup(s)) == NULL)
		fatal("%s", _("out of memory copying a string"));
	return (p);
}

char *
xstrndup(const char *s, size_t n)
{
	char	*p;

	if ((p = strndup(s, n)) == NULL)
		fatal("%s", _("out of memory copying a string"));
	return (p);
}

/* Append formatted text to an allocated string (NULL is empty). */
void
xappendf(char **s, const char *fmt, ...)
{
	va_list	 ap;
	char	*add, *all;

	va_start(ap, fmt);
	if (vasprintf(&add, fmt, ap) == -1)
		fatal("%s", _("out of memory formatting a string"));
	va_end(ap);
	xasprintf(&all, "%s%s", *s != NULL ? *s : "", add);
	free(add);
	free(*s);
	*s = all;
}

/* vasprintf() that cannot fail; returns the length. */
int
xvasprintf(char **ret, const char *fmt, va_list ap)
{
	int	n;

	if ((n = vasprintf(ret, fmt, ap)) == -1)
		fatal("%s", _("out of memory formatting a string"));
	return (n);
}

int
xasprintf(char **ret, const char *fmt, ...)
{
	va_list	ap;
	int	n;

	va_start(ap, fmt);
	n = xvasprintf(ret, fmt, ap);
	va_end(ap);
	return (n);
}

/* Wipe len bytes of a secret, then free it. */
void
xfreezero(void *p, size_t len)
{
	if (p == NULL)
		return;
#ifdef HAVE_EXPLICIT_BZERO
	explicit_bzero(p, len);
#else
	{
		volatile char *v = p;

		while (len-- > 0)
			*v++ = '\0';
	}
#endif
	free(p);
}

/* Wipe a secret string, then free it. */
void
freezero_str(char *s)
{
	if (s != NULL)
		xfreezero(s, strlen(s));
}
