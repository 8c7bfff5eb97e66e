/*
 * dynlib.c: libraries opened when tterm first needs them, not at start:
 * libssh (with libcrypto, Kerberos and zlib behind it) for the first SSH
 * connection or --diagnose, libcrypto for a password file. Loading and
 * relocating them was a third of the time from exec to the first frame,
 * and libssh's constructor sets up its crypto as it loads. A library's
 * functions are a struct of pointers that its fill function sets by name
 * (ssh-lib.c, ttl-passwd.c). A library that cannot be opened says why,
 * each time it is asked for.
 */
#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

/* Open d->file and have fill set its functions, once: 0, or -1 and *cause. */
int
dynlib_load(struct dynlib *d, int (*fill)(void *, char **), char **cause)
{
	const char	*e;
	void		*h;

	if (d->handle != NULL)
		return (0);
	if (d->cause == NULL) {
		log_debug("%s: opening %s", __func__, d->file);
		if ((h = dlopen(d->file, RTLD_NOW | RTLD_LOCAL)) == NULL) {
			e = dlerror();
			xasprintf(&d->cause, _("cannot load %s: %s"), d->file,
			    e != NULL ? e : "?");
		} else if (fill(h, &d->cause) != 0)
			dlclose(h);
		else
			d->handle = h;
	}
	if (d->handle != NULL)
		return (0);
	log_debug("%s: %s", __func__, d->cause);
	if (cause != NULL)
		*cause = xstrdup(d->cause);
	return (-1);
}

/*
 * The address of function name of the library h into *fn, a function
 * pointer of the library's table: 0, or -1 and *cause if it has none.
 */
int
dynlib_fn(void *h, const char *file, const char *name, void *fn,
    char **cause)
{
	void	*p;

	if ((p = dlsym(h, name)) == NULL) {
		xasprintf(cause, _("cannot load %s: it has no %s"), file,
		    name);
		return (-1);
	}
	memcpy(fn, &p, sizeof p);
	return (0);
}

/* dynlib_load(), or the end of tterm if the library cannot be opened. */
void
dynlib_need(struct dynlib *d, int (*fill)(void *, char **))
{
	char	*cause;

	if (dynlib_load(d, fill, &cause) != 0)
		fatal("%s", cause);
}
