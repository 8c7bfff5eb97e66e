/*
 * ssh-lib.c: libssh's functions, opened when the first SSH connection or
 * --diagnose needs them (ssh-lib.h says how the SSH files call them).
 * Opening libssh runs its constructor, which is ssh_init(): its crypto
 * is set up then, not at tterm's start.
 */
#include "config.h"

#define SSHLIB_TABLE
#include "ssh-lib.h"

#include "tterm.h"

struct sshlib	sshlib;
int		sshlib_ready;

static struct dynlib sshlib_lib = { TTERM_LIBSSH, NULL, NULL };

static int
sshlib_fill(void *h, char **cause)
{
#define SSHLIB_FN(f) \
	if (dynlib_fn(h, TTERM_LIBSSH, #f, &sshlib.f, cause) != 0) \
		return (-1);
	SSHLIB_FNS
#undef SSHLIB_FN
	return (0);
}

/*
 * Open libssh if it is not yet: 0, or -1 and *cause. What starts an SSH
 * connection asks first, so that a libssh that cannot be opened fails
 * the tab rather than tterm.
 */
int
sshlib_load(char **cause)
{
	if (dynlib_load(&sshlib_lib, sshlib_fill, cause) != 0)
		return (-1);
	sshlib_ready = 1;
	return (0);
}

/* The table for a call: libssh opened, or tterm ended saying why not. */
const struct sshlib *
sshlib_need(void)
{
	dynlib_need(&sshlib_lib, sshlib_fill);
	sshlib_ready = 1;
	return (&sshlib);
}
