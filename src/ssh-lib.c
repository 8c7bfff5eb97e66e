/*
 * ssh-lib.c: libssh's table (ssh-lib.h), filled when the first SSH
 * connection or --diagnose opens libssh. Opening it runs its constructor,
 * which is ssh_init(): its crypto is set up then, not at tterm's start.
 */
#include "config.h"

#include "tterm.h"
#define SSHLIB_TABLE
#include "ssh-lib.h"

#define SSHLIB_ENTRY(f) DYNLIB_ENTRY(sshlib, f)
struct sshlib			sshlib;
static const struct dynlib_sym	sshlib_syms[] = {
	SSHLIB_SYMS(SSHLIB_ENTRY)
	{ NULL, NULL }
};
struct dynlib			sshlib_lib = { TTERM_LIBSSH, sshlib_syms,
				    NULL, NULL };

/*
 * Open libssh if it is not yet: 0, or -1 and *cause. The start of an SSH
 * route asks first, so that a libssh that cannot be opened fails the tab,
 * not tterm.
 */
int
sshlib_load(char **cause)
{
	return (dynlib_load(&sshlib_lib, cause));
}
