/*
 * hosts.c: the host history, ~/.config/tterm/history: one Tera Term
 * command line tail a line (what [Hosts] HostN holds), newest first, at
 * most HOSTS_MAX. Connecting again to a line already there moves it to the
 * top. A missing or unreadable file is an empty history: the history is a
 * convenience, never a reason not to connect. No secret is kept: a line
 * loses its /passwd= and the password of its URL before it is written.
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tterm.h"

#define HOSTS_MAX	500	/* as Tera Term's MaxHostList */

/* Where the history lives. */
char *
hosts_path(void)
{
	return (profile_config_path("history"));
}

/* Free a list from hosts_load(). */
void
hosts_free(char **v, u_int n)
{
	u_int	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

/* Put line at the top of the list, taking it out of where it was. */
void
hosts_push(char ***v, u_int *n, const char *line)
{
	u_int	i;

	for (i = 0; i < *n; i++) {
		if (strcmp((*v)[i], line) == 0)
			break;
	}
	if (i < *n) {
		free((*v)[i]);
		memmove(*v + 1, *v, i * sizeof **v);
	} else {
		if (*n == HOSTS_MAX)
			free((*v)[--*n]);
		*v = xreallocarray(*v, *n + 1, sizeof **v);
		memmove(*v + 1, *v, *n * sizeof **v);
		(*n)++;
	}
	(*v)[0] = xstrdup(line);
}

/* The history, newest first; n is set to how many lines. */
char **
hosts_load(u_int *n)
{
	return (hosts_load_list("history", n));
}

/* A list of tterm's folder (the history, recent macros), newest first. */
char **
hosts_load_list(const char *what, u_int *n)
{
	char	*path = profile_config_path(what), *line = NULL, **v = NULL;
	size_t	 size = 0;
	ssize_t	 len;
	FILE	*f;

	*n = 0;
	if ((f = fopen(path, "r")) == NULL) {
		free(path);
		return (NULL);
	}
	while (*n < HOSTS_MAX && (len = getline(&line, &size, f)) != -1) {
		while (len > 0 && (line[len - 1] == '\n' ||
		    line[len - 1] == '\r'))
			line[--len] = '\0';
		if (len == 0)
			continue;
		v = xreallocarray(v, *n + 1, sizeof *v);
		v[(*n)++] = xstrdup(line);
	}
	free(line);
	fclose(f);
	free(path);
	return (v);
}

/* Write the list through a temporary file, so a reader never sees half. */
static int
hosts_write(const char *path, char **v, u_int n, char **cause)
{
	struct buf	b = { 0 };
	u_int		i;
	int		r;

	buf_add(&b, "", 0);
	for (i = 0; i < n; i++)
		buf_printf(&b, "%s\n", v[i]);
	r = file_write(path, b.data, b.len, cause);
	buf_free(&b);
	return (r);
}

/* Record a connection's host line (its secrets, control characters and
 * the blanks around it dropped). */
int
hosts_add(const char *line, char **cause)
{
	return (hosts_add_list("history", line, cause));
}

/* The same for another list of tterm's folder. */
int
hosts_add_list(const char *what, const char *line, char **cause)
{
	char	*path, *safe, *one, *start, **v;
	u_int	 n;
	int	 r = -1;

	safe = ttcmd_redact(line);
	one = text_clean(safe, 0);
	free(safe);
	n = strlen(one);
	while (n > 0 && one[n - 1] == ' ')
		one[--n] = '\0';
	start = one + strspn(one, " ");
	if (*start == '\0') {
		free(one);
		return (0);
	}
	v = hosts_load_list(what, &n);
	hosts_push(&v, &n, start);
	path = profile_config_path(what);
	if (profile_mkdirs(path, cause) == 0)
		r = hosts_write(path, v, n, cause);
	free(path);
	hosts_free(v, n);
	free(one);
	return (r);
}
