/*
 * ttl-path.c: paths in macros. A macro from Windows names
 * C:\\Users\\me\\log.txt or %USERPROFILE%\\log.txt: these are mapped to the
 * home folder; a relative name is in the macro's folder (setdir changes
 * it), as Tera Term's macro runs in its own folder.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tterm.h"
#include "ttl-int.h"

/* %NAME% from the environment (USERPROFILE is the home folder). */
char *
ttl_expand_env(const char *s)
{
	struct buf	 b = { 0 };
	const char	*p, *e, *v;
	char		*name;

	buf_add(&b, "", 0);
	for (p = s; *p != '\0'; p++) {
		if (*p == '%' && (e = strchr(p + 1, '%')) != NULL &&
		    e > p + 1) {
			name = xstrndup(p + 1, e - p - 1);
			v = getenv(name);
			if (v == NULL && (strcasecmp(name, "USERPROFILE") == 0 ||
			    strcasecmp(name, "HOMEPATH") == 0))
				v = getenv("HOME");
			free(name);
			if (v != NULL) {
				buf_add(&b, v, strlen(v));
				p = e;
				continue;
			}
		}
		buf_add(&b, p, 1);
	}
	return (buf_take(&b));
}

/* A path from a macro, mapped to this system. */
char *
ttl_path(struct ttl *vm, const char *name)
{
	char		*s = ttl_expand_env(name), *p, *out;
	const char	*home = getenv("HOME"), *rest;

	for (p = s; *p != '\0'; p++) {
		if (*p == '\\')
			*p = '/';
	}
	if (isalpha((u_char)s[0]) && s[1] == ':') {
		rest = s + 2;
		/* C:/Users/NAME/... is this user's home. */
		if (strncasecmp(rest, "/Users/", 7) == 0 &&
		    (p = strchr(rest + 7, '/')) != NULL)
			rest = p;
		else if (strncasecmp(rest, "/Users/", 7) == 0)
			rest = "";
		xasprintf(&out, "%s%s%s", home != NULL ? home : "",
		    *rest == '/' || *rest == '\0' ? "" : "/", rest);
	} else if (s[0] == '/')
		out = xstrdup(s);
	else if (s[0] == '~' && (s[1] == '/' || s[1] == '\0'))
		xasprintf(&out, "%s%s", home != NULL ? home : "", s + 1);
	else
		xasprintf(&out, "%s/%s", vm->cwd, s);
	free(s);
	return (out);
}

/* Whether the macro may change files; an error if not. */
int
ttl_may_write(struct ttl *vm)
{
	if (vm->host->may_write != NULL && !vm->host->may_write(vm->data))
		return (ttl_error(vm, _("this macro may not change files")));
	return (0);
}
