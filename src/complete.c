/*
 * complete.c: Tab completion of a local path, as a shell does it: the
 * last part of the path is extended as far as every name in its folder
 * that starts with it agrees, a folder's name gets its slash, and when
 * several names fit they are listed for the user to tell apart.
 */
#include "config.h"

#include <sys/stat.h>

#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

#define COMPLETE_LIST	12	/* names listed when several fit */

/* The folder to look in, with ~/ as the home folder. */
static char *
complete_dir(const char *s, size_t dirlen)
{
	const char	*home = getenv("HOME");
	char		*d;

	if (dirlen == 0)
		return (xstrdup("."));
	if (s[0] == '~' && (dirlen == 1 || s[1] == '/') && home != NULL) {
		xasprintf(&d, "%s%.*s", home, (int)dirlen - 1, s + 1);
		return (d);
	}
	return (xstrndup(s, dirlen));
}

/*
 * s completed, as a new string; *listing (NULL if not wanted) gets the
 * names that fit when there are several, else NULL.
 */
char *
complete_path(const char *s, char **listing)
{
	const char	*slash = strrchr(s, '/');
	size_t		 dirlen = slash != NULL ? (size_t)(slash - s) + 1 : 0;
	const char	*part = s + dirlen;
	size_t		 plen = strlen(part), common = 0;
	char		*dir, *best = NULL, *out, *path;
	struct dirent	*de;
	struct buf	 list;
	struct stat	 sb;
	DIR		*d;
	u_int		 n = 0;

	if (listing != NULL)
		*listing = NULL;
	dir = complete_dir(s, dirlen);
	memset(&list, 0, sizeof list);
	if ((d = opendir(dir)) == NULL) {
		free(dir);
		return (xstrdup(s));
	}
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, part, plen) != 0 ||
		    strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0 ||
		    (de->d_name[0] == '.' && (plen == 0 || part[0] != '.')))
			continue;
		if (n++ == 0) {
			best = xstrdup(de->d_name);
			common = strlen(best);
		} else {
			while (common > plen &&
			    strncmp(best, de->d_name, common) != 0)
				common--;
		}
		if (n <= COMPLETE_LIST)
			buf_printf(&list, "%s%s", n > 1 ? "  " : "", de->d_name);
		else if (n == COMPLETE_LIST + 1)
			buf_printf(&list, "  ...");
	}
	closedir(d);
	if (n == 0) {
		free(dir);
		buf_free(&list);
		return (xstrdup(s));
	}
	best[common] = '\0';
	xasprintf(&out, "%.*s%s", (int)dirlen, s, best);
	if (n == 1) {
		xasprintf(&path, "%s/%s", dir, best);
		if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
			free(path);
			xasprintf(&path, "%s/", out);
			free(out);
			out = path;
		} else
			free(path);
	} else if (listing != NULL)
		*listing = buf_take(&list);
	buf_free(&list);
	free(best);
	free(dir);
	return (out);
}
