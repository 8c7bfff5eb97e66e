/*
 * dynlib.c: libraries opened when tterm first needs them, not at start:
 * libssh (with libcrypto, Kerberos and zlib behind it) for the first SSH
 * connection or --diagnose, libcrypto for a password file, Oniguruma for
 * the first regular expression, ncurses' form library for the first
 * dialog, iniparser for a theme. Loading and relocating them took more
 * than a third of the time from exec to the first frame, and libssh's
 * constructor sets its crypto up as it loads.
 *
 * A library's table is a struct with a pointer for each function or
 * variable tterm uses, and a list (struct dynlib_sym) of their names and
 * slots; its callers see the names as macros for the pointers, through
 * DYNLIB_GET, which opens the library on first use (ssh-lib.h says more).
 * A library that cannot be opened says why, each time it is asked for.
 */
#include "config.h"

#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

#include "tterm.h"

/* Open d->file and fill its table, once: 0, or -1 and *cause if not NULL. */
int
dynlib_load(struct dynlib *d, char **cause)
{
	const struct dynlib_sym	*s;
	const char		*e;
	void			*h, *p;

	if (d->handle != NULL)
		return (0);
	if (d->cause == NULL) {
		log_debug("%s: opening %s", __func__, d->file);
		if ((h = dlopen(d->file, RTLD_NOW | RTLD_LOCAL)) == NULL) {
			e = dlerror();
			xasprintf(&d->cause, _("cannot load %s: %s"), d->file,
			    e != NULL ? e : "?");
		}
		for (s = d->syms; h != NULL && s->name != NULL; s++) {
			if ((p = dlsym(h, s->name)) == NULL) {
				xasprintf(&d->cause, _("cannot load %s: it "
				    "has no %s"), d->file, s->name);
				dlclose(h);
				h = NULL;
			} else	/* a function's address, or a variable's */
				memcpy(s->slot, &p, sizeof p);
		}
		d->handle = h;
	}
	if (d->handle != NULL)
		return (0);
	log_debug("%s: %s", __func__, d->cause);
	if (cause != NULL)
		*cause = xstrdup(d->cause);
	return (-1);
}

/* dynlib_load() for a call: the end of tterm if it cannot be opened. */
void
dynlib_need(struct dynlib *d)
{
	char	*cause;

	if (dynlib_load(d, &cause) != 0)
		fatal("%s", cause);
}
