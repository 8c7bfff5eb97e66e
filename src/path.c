/*
 * path.c: names of files as text: the last part of a path, a name in a
 * folder, and the hidden name a transfer writes a file under until all
 * of it is there (".NAME.tterm-part" beside NAME).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "tterm.h"

/* The last part of path (a trailing slash kept: "a/b/" gives "b/"). */
const char *
path_last(const char *path)
{
	const char	*b;
	size_t		 n = strlen(path);

	while (n > 1 && path[n - 1] == '/')
		n--;
	for (b = path + n; b > path && b[-1] != '/'; b--)
		;
	return (b);
}

/* name in dir ("." or "" is the current folder). */
char *
path_join(const char *dir, const char *name)
{
	char	*p;
	size_t	 n = strlen(dir);

	if (n == 0 || strcmp(dir, ".") == 0)
		return (xstrdup(name));
	xasprintf(&p, "%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", name);
	return (p);
}

/* The hidden name beside path, for a file on its way. */
char *
path_hidden(const char *path)
{
	const char	*b = path_last(path);
	char		*p;

	xasprintf(&p, "%.*s.%.*s.tterm-part", (int)(b - path), path,
	    (int)strcspn(b, "/"), b);
	return (p);
}
